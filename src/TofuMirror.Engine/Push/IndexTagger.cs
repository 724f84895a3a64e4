using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.Extensions.Logging;
using TofuMirror.Engine.Providers;
using TofuMirror.Oci;
using TofuMirror.Oci.Content;
using TofuMirror.Model.Diagnostics;
using TofuMirror.Model.Versions;

namespace TofuMirror.Engine.Push;

/// <summary>
/// Tags a version's index with this push's platform manifests merged into whatever the tag already holds.
/// Registries offer no compare-and-swap on tags, so two pushes of different platforms of one version can each
/// read the old index and the later tag wins. After tagging, the index is read back (after a short pause that lets
/// a concurrent tag land); if it lost this push's entries they are merged in again and re-tagged. This closes the
/// common race (pushes ending together) but not every interleaving: a lost platform needs one more push.
/// </summary>
internal sealed class IndexTagger(ILogger logger)
{
    public const int MaxAttempts = 5;

    public static TimeSpan SettleDelay { get; set; } = TimeSpan.FromMilliseconds(100);

    /// <summary>Tags (unless <paramref name="dryRun"/>) and returns the index as tagged, with its digest.</summary>
    public async Task<(OciIndex Index, Digest Digest)> TagAsync(
        IOciRepositoryStore store, ProviderVersion version, IReadOnlyList<Descriptor> entries, bool dryRun, CancellationToken cancellationToken)
    {
        var tag = version.ToOciTag();
        var current = await TryReadIndexAsync(store, version, cancellationToken).ConfigureAwait(false);
        for (var attempt = 1; ; attempt++)
        {
            var index = ProviderArtifactBuilder.Index(entries, current?.Index);
            var bytes = OciJsonWriter.Serialize(index);
            var digest = Digest.Compute(bytes);
            // A re-push of what the tag already holds changes nothing: no PUT, nothing to settle.
            if (dryRun || current?.Descriptor.Digest == digest) return (index, digest);
            await store.PushManifestAsync(bytes, MediaTypes.ImageIndex, tag, cancellationToken).ConfigureAwait(false);

            await Task.Delay(SettleDelay, cancellationToken).ConfigureAwait(false);
            current = await TryReadIndexAsync(store, version, cancellationToken).ConfigureAwait(false);
            if (current is { } tagged && HoldsAll(tagged.Index, entries)) return (tagged.Index, tagged.Descriptor.Digest);
            if (attempt == MaxAttempts)
                throw new ProviderFailure(DiagnosticCodes.InvalidProviderArtifact,
                    $"{store.Name}:{tag} kept changing while this push tagged it ({MaxAttempts} attempts): another push of the same version is running. Push again when it has finished.");
            logger.LogInformation("{Store}:{Tag} changed under this push (a concurrent push of other platforms); merging again", store.Name, tag);
        }
    }

    private static bool HoldsAll(OciIndex index, IEnumerable<Descriptor> entries) =>
        entries.All(entry => index.Manifests.Any(m => m.Digest == entry.Digest));

    /// <summary>The version's current index and its descriptor; null when the tag does not exist yet.</summary>
    private static async Task<(Descriptor Descriptor, OciIndex Index)?> TryReadIndexAsync(IOciRepositoryStore store, ProviderVersion version, CancellationToken cancellationToken)
    {
        try
        {
            return await ProviderArtifactResolver.ReadIndexAsync(store, version, cancellationToken).ConfigureAwait(false);
        }
        catch (ProviderFailure e) when (e.Code == DiagnosticCodes.ProviderNotInMirror)
        {
            return null;
        }
        catch (OciNotFoundException)
        {
            return null;
        }
    }
}
