using System;
using TofuMirror.Oci.Content;

namespace TofuMirror.Engine.Provenance;

/// <summary>The evidence artifact's fixed names and limits (docs/provenance.md, "The evidence artifact").</summary>
public static class EvidenceFormat
{
    /// <summary>The artifact type of the evidence image manifest.</summary>
    public const string ArtifactType = "application/vnd.tofumirror.provider.checksums.v1";

    /// <summary>Media type of the <c>SHA256SUMS</c> layer.</summary>
    public const string ShaSumsMediaType = "text/plain";

    /// <summary>Media type of the detached signature layer.</summary>
    public const string SignatureMediaType = "application/pgp-signature";

    /// <summary>Media type of the public keys layer.</summary>
    public const string KeysMediaType = "application/pgp-keys";

    /// <summary>Titles of the three layers, in their order.</summary>
    public const string ShaSumsTitle = "SHA256SUMS";
    public const string SignatureTitle = "SHA256SUMS.sig";
    public const string KeysTitle = "SHA256SUMS.keys.asc";

    /// <summary>The most bytes one layer may have.</summary>
    public const long MaxLayerBytes = 1024 * 1024;

    /// <summary>The most bytes the evidence manifest may have.</summary>
    public const long MaxManifestBytes = 64 * 1024;

    /// <summary>The content of the OCI empty descriptor, the config of every evidence manifest.</summary>
    public static ReadOnlyMemory<byte> EmptyConfig => "{}"u8.ToArray();

    /// <summary>The OCI empty descriptor (<c>application/vnd.oci.empty.v1+json</c>, <c>{}</c>).</summary>
    public static Descriptor EmptyConfigDescriptor { get; } = new(MediaTypes.Empty, Digest.Compute("{}"u8), 2);

    /// <summary>Annotation names on the evidence manifest.</summary>
    public static class Annotations
    {
        public const string Provider = "org.tofumirror.provenance.provider";
        public const string Version = "org.tofumirror.provenance.version";
        public const string OriginUrl = "org.tofumirror.provenance.origin-url";
        public const string KeyIds = "org.tofumirror.provenance.key-ids";
        public const string VerifiedAt = "org.tofumirror.provenance.verified-at";
    }
}
