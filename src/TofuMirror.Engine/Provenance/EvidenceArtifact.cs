using System;
using System.Collections.Generic;
using TofuMirror.Oci.Content;

namespace TofuMirror.Engine.Provenance;

/// <summary>
/// The evidence artifact of one provider version, ready to push: the image manifest's bytes and the blobs it names
/// (the empty config and the three layers). Deterministic: the same evidence and subject give the same digest.
/// </summary>
public sealed record EvidenceArtifact(byte[] Manifest, IReadOnlyList<(Descriptor Descriptor, byte[] Content)> Blobs)
{
    /// <summary>The manifest's descriptor, as it is listed among the subject's referrers.</summary>
    public Descriptor Descriptor => new(MediaTypes.ImageManifest, Digest.Compute(Manifest), Manifest.Length);

    /// <summary>Builds the artifact for <paramref name="evidence"/> about <paramref name="subject"/> (the version's index).</summary>
    public static EvidenceArtifact Create(ProvenanceEvidence evidence, Descriptor subject)
    {
        ArgumentNullException.ThrowIfNull(evidence);
        ArgumentNullException.ThrowIfNull(subject);
        var error = EvidenceFields.ProviderError(evidence.Provider) ?? EvidenceFields.VersionError(evidence.Version)
            ?? EvidenceFields.OriginError(evidence.OriginUrl) ?? EvidenceFields.KeyIdsError(evidence.KeyIds);
        if (error is not null) throw new ArgumentException($"cannot write provenance evidence: {error}", nameof(evidence));

        var layers = new List<(Descriptor, byte[])>
        {
            Layer(EvidenceFormat.ShaSumsMediaType, EvidenceFormat.ShaSumsTitle, evidence.ShaSums),
            Layer(EvidenceFormat.SignatureMediaType, EvidenceFormat.SignatureTitle, evidence.Signature),
            Layer(EvidenceFormat.KeysMediaType, EvidenceFormat.KeysTitle, evidence.PublicKeys),
        };
        var verifiedAt = EvidenceFields.FormatTime(evidence.VerifiedAt);
        var manifest = new OciImageManifest
        {
            ArtifactType = EvidenceFormat.ArtifactType,
            Config = EvidenceFormat.EmptyConfigDescriptor,
            Layers = layers.ConvertAll(l => l.Item1),
            Subject = new Descriptor(subject.MediaType, subject.Digest, subject.Size),
            Annotations = new Dictionary<string, string>(StringComparer.Ordinal)
            {
                [EvidenceFormat.Annotations.Provider] = evidence.Provider,
                [EvidenceFormat.Annotations.Version] = evidence.Version,
                [EvidenceFormat.Annotations.OriginUrl] = evidence.OriginUrl,
                [EvidenceFormat.Annotations.KeyIds] = EvidenceFields.FormatKeyIds(evidence.KeyIds),
                [EvidenceFormat.Annotations.VerifiedAt] = verifiedAt,
                // The verification time, not the time of writing: the same evidence keeps the same digest.
                [MediaTypes.Annotations.Created] = verifiedAt,
            },
        };
        var blobs = new List<(Descriptor, byte[])> { (EvidenceFormat.EmptyConfigDescriptor, EvidenceFormat.EmptyConfig.ToArray()) };
        blobs.AddRange(layers);
        return new EvidenceArtifact(OciJsonWriter.Serialize(manifest), blobs);
    }

    private static (Descriptor, byte[]) Layer(string mediaType, string title, byte[] content)
    {
        ArgumentNullException.ThrowIfNull(content);
        if (content.Length == 0 || content.Length > EvidenceFormat.MaxLayerBytes)
            throw new ArgumentException($"cannot write provenance evidence: {title} has {content.Length} bytes (1 to {EvidenceFormat.MaxLayerBytes} allowed)");
        var descriptor = new Descriptor(mediaType, Digest.Compute(content), content.Length)
        {
            Annotations = new Dictionary<string, string>(StringComparer.Ordinal) { [MediaTypes.Annotations.Title] = title },
        };
        return (descriptor, content);
    }
}
