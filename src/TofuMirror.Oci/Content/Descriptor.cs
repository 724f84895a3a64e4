using System.Collections.Generic;

namespace TofuMirror.Oci.Content;

/// <summary>An OCI content descriptor: what a manifest or index says about a piece of content.</summary>
public sealed record Descriptor(string MediaType, Digest Digest, long Size)
{
    /// <summary>Artifact type (image manifests and indexes in an index's <c>manifests</c>).</summary>
    public string? ArtifactType { get; init; }

    /// <summary>Alternative download URLs.</summary>
    public IReadOnlyList<string>? Urls { get; init; }

    /// <summary>Annotations; serialised sorted by key.</summary>
    public IReadOnlyDictionary<string, string>? Annotations { get; init; }

    /// <summary>The platform of the content, in an index entry.</summary>
    public Platform? Platform { get; init; }

    /// <summary>The annotation <paramref name="name"/>, or null.</summary>
    public string? GetAnnotation(string name)
        => Annotations is not null && Annotations.TryGetValue(name, out var value) ? value : null;

    /// <summary><c>mediaType digest (size bytes)</c>, for logs and messages.</summary>
    public override string ToString() => $"{MediaType} {Digest} ({Size} bytes)";
}

/// <summary>The platform of an index entry (Go names: <c>linux</c>, <c>amd64</c>, ...).</summary>
public sealed record Platform(string Os, string Architecture)
{
    /// <summary>The <c>os.version</c> field; OpenTofu treats an entry with it as not matching.</summary>
    public string? OsVersion { get; init; }

    /// <summary>CPU variant (e.g. <c>v8</c>); OpenTofu ignores it.</summary>
    public string? Variant { get; init; }

    /// <summary><c>os_arch</c>, the form OpenTofu uses for platforms.</summary>
    public override string ToString() => Os + "_" + Architecture;
}
