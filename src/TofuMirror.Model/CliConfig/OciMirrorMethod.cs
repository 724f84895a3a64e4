using System;
using System.Collections.Generic;
using TofuMirror.Model.Addresses;
using TofuMirror.Diagnostics;

namespace TofuMirror.Model.CliConfig;

/// <summary><c>oci_mirror</c>: install from OCI repositories named by a repository template.</summary>
public sealed class OciMirrorMethod : ProviderInstallationMethod
{
    internal OciMirrorMethod(OciRepositoryTemplate template, IReadOnlyList<string> include, IReadOnlyList<string> exclude, SourceRange range)
        : base(include, exclude, range) => Template = template;

    /// <inheritdoc />
    public override string Kind => "oci_mirror";

    /// <summary>The validated <c>repository_template</c>.</summary>
    public OciRepositoryTemplate Template { get; }

    /// <summary>The template text as written.</summary>
    public string RepositoryTemplate => Template.Text;

    /// <summary>
    /// The OCI repository for a provider (oci-mirror.md §1.4), or false with the error OpenTofu reports at
    /// install time, already wrapped as <c>selecting OCI repository address: …</c>. A template result without
    /// <c>/</c> maps to a registry-only address (empty repository), as in OpenTofu, where it fails only when
    /// the registry client is created.
    /// </summary>
    public bool TryMapProvider(ProviderAddress provider, out OciRepositoryAddress address, out string error) =>
        Template.TryMap(provider, out address, out error);

    /// <summary>As <see cref="TryMapProvider"/>, throwing <see cref="InvalidOperationException"/> with the error.</summary>
    public OciRepositoryAddress MapProvider(ProviderAddress provider)
    {
        if (TryMapProvider(provider, out var address, out var error)) return address;
        throw new InvalidOperationException(error);
    }
}
