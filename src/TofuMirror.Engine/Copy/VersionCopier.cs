using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using TofuMirror.Engine.Progress;
using TofuMirror.Engine.Provenance;
using TofuMirror.Engine.Providers;
using TofuMirror.Engine.Restore;
using TofuMirror.Model.Addresses;
using TofuMirror.Model.Diagnostics;
using TofuMirror.Model.Versions;
using TofuMirror.Oci;
using TofuMirror.Oci.Content;
using TofuMirror.Oci.Referrers;
using ModelPlatform = TofuMirror.Model.Platforms.Platform;

namespace TofuMirror.Engine.Copy;

/// <summary>
/// Copies one provider version between two stores: platform manifests and their blobs, the index, the provenance
/// evidence, then the version tag, last, so a failure leaves the target without the tag. Manifest bytes are copied
/// unchanged (same digests); what the target has (by digest) is not sent again.
/// </summary>
internal sealed class VersionCopier
{
    private readonly IOciRepositoryStore _source;
    private readonly IOciRepositoryStore _target;
    private readonly ProviderAddress _provider;
    private readonly ProviderVersion _version;
    private readonly bool _dryRun;
    private readonly IProgress<TransferEvent>? _transfers;
    private readonly string _scratch;
    private int _blobsCopied;
    private long _bytesCopied;
    private int _blobsPresent;
    private int _manifestsCopied;

    public VersionCopier(IOciRepositoryStore source, IOciRepositoryStore target, ProviderAddress provider, ProviderVersion version, bool dryRun,
        IProgress<TransferEvent>? transfers, string scratch)
    {
        (_source, _target, _provider, _version, _dryRun, _transfers, _scratch) = (source, target, provider, version, dryRun, transfers, scratch);
    }

    public async Task<CopiedVersion> CopyAsync(IReadOnlyList<ModelPlatform> platforms, CancellationToken cancellationToken)
    {
        var tag = _version.ToOciTag();
        Descriptor sourceIndex;
        try
        {
            sourceIndex = await _source.ResolveAsync(tag, cancellationToken).ConfigureAwait(false);
        }
        catch (OciNotFoundException e)
        {
            throw Failure(DiagnosticCodes.CopySourceVersionMissing, $"the version tag {tag} is not in the source {_source.Name}", e);
        }

        var sourceBytes = await _source.FetchManifestAsync(sourceIndex, cancellationToken).ConfigureAwait(false);
        if (OciJsonReader.Sniff(sourceBytes).Kind != OciJsonReader.ManifestKind.Index)
            throw Failure(DiagnosticCodes.InvalidProviderArtifact, $"{_source.Name}:{tag} is not an image index, so it is not a provider version");
        var index = OciJsonReader.ParseIndex(sourceBytes);
        var (kept, dropped) = SelectPlatforms(index, platforms);
        var targetBytes = dropped.Count == 0 ? sourceBytes : OciJsonWriter.Serialize(index with { Manifests = kept });
        var targetIndex = new Descriptor(sourceIndex.MediaType, Digest.Compute(targetBytes), targetBytes.Length);
        var evidence = await ReadEvidenceAsync(sourceIndex, cancellationToken).ConfigureAwait(false);

        var tagged = await TaggedAsync(tag, targetIndex, cancellationToken).ConfigureAwait(false);
        if (!tagged)
        {
            foreach (var entry in kept) await CopyPlatformManifestAsync(entry, cancellationToken).ConfigureAwait(false);
            if (!_dryRun) await _target.PushManifestAsync(targetBytes, targetIndex.MediaType, null, cancellationToken).ConfigureAwait(false);
        }

        var (evidenceCopied, evidencePresent) = await CopyEvidenceAsync(evidence, sourceIndex, targetIndex, cancellationToken).ConfigureAwait(false);
        if (!tagged)
        {
            if (!_dryRun) await _target.PushManifestAsync(targetBytes, targetIndex.MediaType, tag, cancellationToken).ConfigureAwait(false);
            _manifestsCopied++;
        }

        return new CopiedVersion(_provider, _version, _source.Name, _target.Name)
        {
            SourceIndexDigest = sourceIndex.Digest.ToString(),
            TargetIndexDigest = targetIndex.Digest.ToString(),
            AlreadyTagged = tagged,
            Platforms = kept.Select(PlatformName).ToList(),
            DroppedPlatforms = dropped,
            BlobsCopied = _blobsCopied,
            BytesCopied = _bytesCopied,
            BlobsPresent = _blobsPresent,
            ManifestsCopied = _manifestsCopied,
            EvidenceCopied = evidenceCopied,
            EvidencePresent = evidencePresent,
        };
    }

    private (List<Descriptor> Kept, List<string> Dropped) SelectPlatforms(OciIndex index, IReadOnlyList<ModelPlatform> platforms)
    {
        if (platforms.Count == 0) return (index.Manifests.ToList(), []);
        var wanted = platforms.Select(p => p.ToString()).ToHashSet(StringComparer.Ordinal);
        var kept = index.Manifests.Where(m => m.Platform is not null && wanted.Contains(m.Platform.ToString())).ToList();
        if (kept.Count == 0)
        {
            throw Failure(DiagnosticCodes.CopyPlatformsMissing,
                $"{_source.Name} has it for {string.Join(", ", index.Manifests.Select(PlatformName))}, none of the requested {string.Join(", ", wanted.Order(StringComparer.Ordinal))}");
        }

        return (kept, index.Manifests.Except(kept).Select(PlatformName).ToList());
    }

    private static string PlatformName(Descriptor entry) => entry.Platform?.ToString() ?? "(no platform) " + entry.Digest;

    /// <summary>True when the target's tag already names <paramref name="targetIndex"/>; refuses a tag naming anything else.</summary>
    private async Task<bool> TaggedAsync(string tag, Descriptor targetIndex, CancellationToken cancellationToken)
    {
        Descriptor existing;
        try
        {
            existing = await _target.ResolveAsync(tag, cancellationToken).ConfigureAwait(false);
        }
        catch (OciNotFoundException)
        {
            return false;
        }

        if (existing.Digest == targetIndex.Digest) return true;
        throw Failure(DiagnosticCodes.CopyTargetConflict,
            $"the target {_target.Name} already tags {tag} as {existing.Digest}, not {targetIndex.Digest} (other content or other platforms); " +
            "nothing was overwritten: delete that tag in the target, or copy into another repository");
    }

    private async Task CopyPlatformManifestAsync(Descriptor entry, CancellationToken cancellationToken)
    {
        if (await ManifestExistsAsync(entry.Digest, cancellationToken).ConfigureAwait(false)) return;
        var bytes = await _source.FetchManifestAsync(entry, cancellationToken).ConfigureAwait(false);
        if (OciJsonReader.Sniff(bytes).Kind != OciJsonReader.ManifestKind.ImageManifest)
            throw Failure(DiagnosticCodes.InvalidProviderArtifact, $"the platform manifest {entry.Digest} in {_source.Name} is not an image manifest");
        var manifest = OciJsonReader.ParseImageManifest(bytes);
        var platform = entry.Platform is { } p && ModelPlatform.TryParse(p.ToString(), out var parsed, out _) ? parsed : null;
        await CopyBlobAsync(manifest.Config, null, cancellationToken).ConfigureAwait(false);
        foreach (var layer in manifest.Layers) await CopyBlobAsync(layer, platform, cancellationToken).ConfigureAwait(false);
        if (!_dryRun) await _target.PushManifestAsync(bytes, entry.MediaType, null, cancellationToken).ConfigureAwait(false);
        _manifestsCopied++;
    }

    private async Task<bool> ManifestExistsAsync(Digest digest, CancellationToken cancellationToken)
    {
        try
        {
            return (await _target.ResolveAsync(digest.ToString(), cancellationToken).ConfigureAwait(false)).Digest == digest;
        }
        catch (OciNotFoundException)
        {
            return false;
        }
    }

    private async Task CopyBlobAsync(Descriptor blob, ModelPlatform? platform, CancellationToken cancellationToken)
    {
        if (await _target.BlobExistsAsync(blob, cancellationToken).ConfigureAwait(false))
        {
            _blobsPresent++;
            return;
        }

        _blobsCopied++;
        _bytesCopied += blob.Size;
        if (_dryRun) return;
        var identity = platform is null ? null : new PackageIdentity(_provider, _version, platform);
        await PackageTransfer.TrackAsync(identity is null ? null : _transfers, identity!, TransferDirection.Upload, blob.Size, async tracked =>
        {
            await using var source = await VerifiedBlobSource.OpenAsync(_source, blob, _scratch, cancellationToken).ConfigureAwait(false);
            return await _target.PushBlobAsync(blob, tracked?.CountingReads(source) ?? source, cancellationToken).ConfigureAwait(false);
        }).ConfigureAwait(false);
    }

    private async Task<IReadOnlyList<AttachedEvidence>> ReadEvidenceAsync(Descriptor sourceIndex, CancellationToken cancellationToken)
    {
        try
        {
            return await new ProvenanceStore(_source).FindAsync(sourceIndex.Digest, cancellationToken).ConfigureAwait(false);
        }
        catch (ProvenanceFormatException e)
        {
            throw Failure(DiagnosticCodes.ProvenanceEvidenceInvalid, e.Message, e);
        }
    }

    /// <summary>
    /// Each evidence artifact: unchanged when the index is (same bytes, same digest), re-written for the new index when
    /// platforms were dropped (same layers and claims, new subject). Artifacts the target lists already are skipped.
    /// </summary>
    private async Task<(int Copied, int Present)> CopyEvidenceAsync(
        IReadOnlyList<AttachedEvidence> evidence, Descriptor sourceIndex, Descriptor targetIndex, CancellationToken cancellationToken)
    {
        if (evidence.Count == 0) return (0, 0);
        var listed = (await new ProvenanceStore(_target).ListAsync(targetIndex.Digest, cancellationToken).ConfigureAwait(false))
            .Select(d => d.Digest).ToHashSet();
        int copied = 0, present = 0;
        foreach (var attached in evidence)
        {
            byte[] manifest;
            if (targetIndex.Digest == sourceIndex.Digest)
            {
                if (listed.Contains(attached.Artifact.Digest))
                {
                    present++;
                    continue;
                }

                manifest = await _source.FetchManifestAsync(new Descriptor(attached.Artifact.MediaType, attached.Artifact.Digest, attached.Artifact.Size), cancellationToken).ConfigureAwait(false);
                var parsed = OciJsonReader.ParseImageManifest(manifest);
                foreach (var blob in parsed.Layers.Prepend(parsed.Config)) await CopyBlobAsync(blob, null, cancellationToken).ConfigureAwait(false);
            }
            else
            {
                var artifact = EvidenceArtifact.Create(attached.Evidence, targetIndex);
                if (listed.Contains(artifact.Descriptor.Digest))
                {
                    present++;
                    continue;
                }

                foreach (var (blob, content) in artifact.Blobs) await PushSmallBlobAsync(blob, content, cancellationToken).ConfigureAwait(false);
                manifest = artifact.Manifest;
            }

            if (!_dryRun) await OciReferrers.For(_target).PushReferrerAsync(manifest, MediaTypes.ImageManifest, cancellationToken).ConfigureAwait(false);
            copied++;
        }

        return (copied, present);
    }

    private async Task PushSmallBlobAsync(Descriptor blob, byte[] content, CancellationToken cancellationToken)
    {
        if (await _target.BlobExistsAsync(blob, cancellationToken).ConfigureAwait(false))
        {
            _blobsPresent++;
            return;
        }

        _blobsCopied++;
        _bytesCopied += blob.Size;
        if (_dryRun) return;
        await using var stream = new MemoryStream(content, writable: false);
        await _target.PushBlobAsync(blob, stream, cancellationToken).ConfigureAwait(false);
    }

    private ProviderFailure Failure(string code, string detail, Exception? inner = null)
        => new(code, $"{_provider.ForDisplay()} {_version}: {detail}", inner);
}
