using System;
using System.Collections.Generic;

namespace TofuMirror.Oci.Content;

/// <summary>An OCI image index (<c>application/vnd.oci.image.index.v1+json</c>).</summary>
public sealed record OciIndex
{
    public int SchemaVersion { get; init; } = 2;

    public string? MediaType { get; init; } = MediaTypes.ImageIndex;

    public string? ArtifactType { get; init; }

    public IReadOnlyList<Descriptor> Manifests { get; init; } = Array.Empty<Descriptor>();

    public Descriptor? Subject { get; init; }

    public IReadOnlyDictionary<string, string>? Annotations { get; init; }
}

/// <summary>An OCI image manifest (<c>application/vnd.oci.image.manifest.v1+json</c>).</summary>
public sealed record OciImageManifest
{
    public int SchemaVersion { get; init; } = 2;

    public string? MediaType { get; init; } = MediaTypes.ImageManifest;

    public string? ArtifactType { get; init; }

    /// <summary>The config descriptor; required by the OCI spec, may be the empty descriptor.</summary>
    public Descriptor Config { get; init; } = null!;

    public IReadOnlyList<Descriptor> Layers { get; init; } = Array.Empty<Descriptor>();

    public Descriptor? Subject { get; init; }

    public IReadOnlyDictionary<string, string>? Annotations { get; init; }
}
