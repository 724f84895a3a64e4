using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using TofuMirror.Oci.Content;

namespace TofuMirror.Oci.Referrers;

/// <summary>
/// The OCI 1.1 referrers tag schema, for stores without a referrers API: the tag <c>sha256-HEX</c> (the subject's
/// digest) holds an image index whose <c>manifests</c> are the referrers' descriptors. Pushing a referrer reads that
/// index, appends the new entry and pushes it back (read-modify-write: two writers racing on one subject can lose an
/// entry, as with every client of the schema; re-pushing restores it).
/// </summary>
public sealed class TagSchemaReferrers : IOciReferrerStore
{
    private readonly IOciRepositoryStore _store;

    public TagSchemaReferrers(IOciRepositoryStore store) => _store = store ?? throw new ArgumentNullException(nameof(store));

    public async Task<Descriptor> PushReferrerAsync(ReadOnlyMemory<byte> manifest, string mediaType, CancellationToken cancellationToken)
    {
        var entry = ReferrerRules.EntryFor(manifest, mediaType);
        var subject = ReferrerRules.SubjectOf(manifest);
        await _store.PushManifestAsync(manifest, mediaType, null, cancellationToken).ConfigureAwait(false);
        await AddEntryAsync(subject, entry, cancellationToken).ConfigureAwait(false);
        return entry with { ArtifactType = null, Annotations = null };
    }

    /// <summary>Adds <paramref name="entry"/> to the fallback index of <paramref name="subject"/> unless it is listed already.</summary>
    public async Task AddEntryAsync(Digest subject, Descriptor entry, CancellationToken cancellationToken)
    {
        var existing = await ReadIndexAsync(subject, cancellationToken).ConfigureAwait(false);
        var entries = existing?.Manifests ?? Array.Empty<Descriptor>();
        if (entries.Any(d => d.Digest == entry.Digest)) return;
        var index = new OciIndex { MediaType = MediaTypes.ImageIndex, Manifests = entries.Append(entry).ToList(), Annotations = existing?.Annotations };
        await _store.PushManifestAsync(OciJsonWriter.Serialize(index), MediaTypes.ImageIndex, ReferrerRules.FallbackTag(subject), cancellationToken).ConfigureAwait(false);
    }

    public async Task<IReadOnlyList<Descriptor>> ListReferrersAsync(Digest subject, string? artifactType, CancellationToken cancellationToken)
    {
        var index = await ReadIndexAsync(subject, cancellationToken).ConfigureAwait(false);
        return index is null ? Array.Empty<Descriptor>() : ReferrerRules.Filter(index.Manifests, artifactType, $"{_store.Name}:{ReferrerRules.FallbackTag(subject)}");
    }

    // The index's size is bounded by the store's manifest limit and its digest checked as every manifest's.
    private async Task<OciIndex?> ReadIndexAsync(Digest subject, CancellationToken cancellationToken)
    {
        Descriptor tagged;
        try
        {
            tagged = await _store.ResolveAsync(ReferrerRules.FallbackTag(subject), cancellationToken).ConfigureAwait(false);
        }
        catch (OciNotFoundException)
        {
            return null;
        }

        var bytes = await _store.FetchManifestAsync(tagged, cancellationToken).ConfigureAwait(false);
        if (OciJsonReader.Sniff(bytes).Kind != OciJsonReader.ManifestKind.Index)
            throw new OciProtocolException($"{_store.Name}:{ReferrerRules.FallbackTag(subject)} is not an image index, so it cannot list referrers of {subject}");
        return OciJsonReader.ParseIndex(bytes);
    }
}
