using System;
using System.Collections.Generic;
using System.IO;
using System.Threading;
using System.Threading.Tasks;
using TofuMirror.Oci;
using TofuMirror.Oci.Content;
using TofuMirror.Oci.Referrers;

namespace TofuMirror.Engine.Provenance;

/// <summary>One piece of evidence found next to a version's index: the artifact's descriptor and what it says.</summary>
public sealed record AttachedEvidence(Descriptor Artifact, ProvenanceEvidence Evidence);

/// <summary>
/// Provenance evidence in one OCI store (registry or layout folder): attached to a version's index as an OCI 1.1
/// referrer, found again through the store's referrers (API, tag schema or layout <c>index.json</c>).
/// </summary>
public sealed class ProvenanceStore
{
    /// <summary>The most evidence artifacts read for one version; a store listing more is refused rather than read.</summary>
    public const int MaxEvidencePerVersion = 16;

    private readonly IOciRepositoryStore _store;
    private readonly IOciReferrerStore _referrers;

    public ProvenanceStore(IOciRepositoryStore store)
    {
        _store = store ?? throw new ArgumentNullException(nameof(store));
        _referrers = OciReferrers.For(store);
    }

    /// <summary>Pushes the evidence's blobs and manifest with <paramref name="subject"/> (the version's index) as subject; returns the artifact's descriptor.</summary>
    public async Task<Descriptor> AttachAsync(Descriptor subject, ProvenanceEvidence evidence, CancellationToken cancellationToken)
    {
        var artifact = EvidenceArtifact.Create(evidence, subject);
        foreach (var (descriptor, content) in artifact.Blobs)
        {
            await using var stream = new MemoryStream(content, writable: false);
            await _store.PushBlobAsync(descriptor, stream, cancellationToken).ConfigureAwait(false);
        }

        return await _referrers.PushReferrerAsync(artifact.Manifest, MediaTypes.ImageManifest, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>The descriptors of the evidence artifacts whose subject is <paramref name="subject"/> (unread).</summary>
    public Task<IReadOnlyList<Descriptor>> ListAsync(Digest subject, CancellationToken cancellationToken)
        => _referrers.ListReferrersAsync(subject, EvidenceFormat.ArtifactType, cancellationToken);

    /// <summary>Reads one artifact strictly (see <see cref="EvidenceReader"/>).</summary>
    public Task<ProvenanceEvidence> ReadAsync(Descriptor artifact, Digest subject, CancellationToken cancellationToken)
        => EvidenceReader.ReadAsync(_store, artifact, subject, cancellationToken);

    /// <summary>
    /// Every evidence artifact of <paramref name="subject"/>, read strictly; empty when there is none. A malformed one
    /// throws <see cref="ProvenanceFormatException"/>: present-but-broken evidence is never skipped silently.
    /// </summary>
    public async Task<IReadOnlyList<AttachedEvidence>> FindAsync(Digest subject, CancellationToken cancellationToken)
    {
        var found = new List<AttachedEvidence>();
        var listed = await ListAsync(subject, cancellationToken).ConfigureAwait(false);
        if (listed.Count > MaxEvidencePerVersion)
            throw new ProvenanceFormatException($"{_store.Name} lists {listed.Count} evidence artifacts for {subject}, more than the {MaxEvidencePerVersion} a version can have; refusing to read them");
        foreach (var artifact in listed)
        {
            found.Add(new AttachedEvidence(artifact, await ReadAsync(Strip(artifact), subject, cancellationToken).ConfigureAwait(false)));
        }

        return found;
    }

    // A referrers listing carries the artifact's annotations; the manifest's own descriptor does not.
    private static Descriptor Strip(Descriptor listed) => new(listed.MediaType, listed.Digest, listed.Size);
}
