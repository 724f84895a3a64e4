using System;
using System.Collections.Generic;
using TofuMirror.Model.CliConfig;
using TofuMirror.Model.Addresses;
using TofuMirror.Model.Versions;
using TofuMirror.Diagnostics;

namespace TofuMirror.Generators.Templates;

/// <summary>
/// A module's repository template (OpenTofu's <c>oci_mirror</c> <c>repository_template</c> rules, no include
/// patterns, as the restore uses it), expanded per provider when the restore manifest does not say where a provider
/// comes from. Anything it cannot expand is unknown (null), never an exception: an <c>oci-layout:</c> template (a
/// folder, not a repository), a template that does not load, or one whose result is not a full repository address.
/// </summary>
internal sealed class RepositoryTemplateExpander
{
    private const string LayoutPrefix = "oci-layout:";

    private readonly OciRepositoryTemplate? _template;

    private RepositoryTemplateExpander(OciRepositoryTemplate? template) => _template = template;

    /// <summary>Loads <paramref name="text"/> (null or empty: no template).</summary>
    public static RepositoryTemplateExpander Load(string? text)
    {
        if (string.IsNullOrWhiteSpace(text) || text!.Trim().StartsWith(LayoutPrefix, StringComparison.Ordinal))
            return new RepositoryTemplateExpander(null);
        var ignored = new List<Diagnostic>();
        var template = OciRepositoryTemplate.Load(text.Trim(), Array.Empty<string>(), "1:1",
            SourceRange.StartOf(OciRepositoryTemplate.TemplateFileName), ignored);
        return new RepositoryTemplateExpander(template);
    }

    /// <summary>The repository (<c>registry/name</c>) for a provider source address, or null when unknown.</summary>
    public string? Repository(string source)
    {
        if (_template is null || !ProviderAddress.TryParse(source, out var address, out _)) return null;
        // A registry-only result loads in OpenTofu but fails at install time: no repository to name.
        if (!_template.TryMap(address, out var repository, out _) || repository.IsRegistryOnly) return null;
        return repository.ToString();
    }

    /// <summary>The OCI tag OpenTofu looks up for a version (<c>+</c> becomes <c>_</c>), or null when it is not a version.</summary>
    public static string? Tag(string version) =>
        ProviderVersion.TryParse(version, out var parsed, out _) ? parsed.ToOciTag() : null;
}
