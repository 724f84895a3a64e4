using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using TofuMirror.Engine.Progress;
using TofuMirror.Engine.Providers;
using TofuMirror.Engine.Restore;
using TofuMirror.Engine.Stores;
using TofuMirror.Engine.Zip;
using TofuMirror.Oci;
using TofuMirror.Oci.Content;
using Platform = TofuMirror.Model.Platforms.Platform;
using TofuMirror.Engine.Hashing;
using TofuMirror.Model.Addresses;
using TofuMirror.Model.Diagnostics;
using TofuMirror.Model.Packages;
using TofuMirror.Model.Platforms;
using TofuMirror.Model.Versions;

namespace TofuMirror.Engine.Push;

/// <summary>What to push, and where.</summary>
public sealed record PushRequest(IReadOnlyList<MirrorPackage> Packages, IProviderStoreResolver Stores)
{
    /// <summary>Compute and report everything, upload nothing.</summary>
    public bool DryRun { get; init; }

    /// <summary>Versions pushed at once.</summary>
    public int Parallelism { get; init; } = 2;

    /// <summary>The author's signed checksums: verified against the packages before anything is pushed, then attached to the version's index.</summary>
    public PushEvidenceFiles? Evidence { get; init; }
}

/// <summary>
/// The <c>push</c> job: for each provider version, upload every platform's zip and config blobs, push each
/// platform's image manifest by digest, merge them into the version's index (keeping platforms already
/// there), and tag it with the version. Blobs the store already has are not sent again.
/// </summary>
public sealed class PushJob
{
    private readonly ILogger _logger;
    private readonly IProgress<TransferEvent>? _transfers;

    /// <param name="logger">Where the job logs.</param>
    /// <param name="transfers">Told about each zip's bytes as they are uploaded.</param>
    public PushJob(ILogger? logger = null, IProgress<TransferEvent>? transfers = null)
    {
        _logger = logger ?? NullLogger.Instance;
        _transfers = transfers;
    }

    public async Task<PushReport> RunAsync(PushRequest request, CancellationToken cancellationToken)
    {
        var evidence = request.Evidence is { } files ? PushEvidence.Verify(request, files, DateTimeOffset.UtcNow) : null;
        var versions = request.Packages.GroupBy(p => (p.Address, p.Version)).ToList();
        var results = new List<PushedVersion>();
        var gate = new object();
        await Parallel.ForEachAsync(versions,
            new ParallelOptions { MaxDegreeOfParallelism = Math.Max(1, request.Parallelism), CancellationToken = cancellationToken },
            async (group, ct) =>
            {
                var pushed = await PushVersionAsync(request, group.Key.Address, group.Key.Version, group.ToList(), evidence, ct).ConfigureAwait(false);
                lock (gate) results.Add(pushed);
            }).ConfigureAwait(false);
        return new PushReport(results.OrderBy(r => r.Provider).ThenBy(r => r.Version).ToList(), [], request.DryRun);
    }

    private async Task<PushedVersion> PushVersionAsync(
        PushRequest request, ProviderAddress provider, ProviderVersion version, IReadOnlyList<MirrorPackage> packages,
        Provenance.ProvenanceEvidence? evidence, CancellationToken cancellationToken)
    {
        var stores = request.Stores.Resolve(provider);
        if (stores.Count == 0)
            throw new ProviderFailure(DiagnosticCodes.ProviderNotInMirror,
                $"no oci_mirror installation method handles {provider.ForDisplay()}; check the include/exclude patterns.");
        var store = stores[0];

        foreach (var package in packages.Where(p => p.Kind == MirrorPackageKind.Packed)) RefuseUnrestorableZip(package);
        var platforms = new List<PushedPlatform>();
        var entries = new List<Descriptor>();
        foreach (var package in packages.OrderBy(p => p.Platform))
        {
            var (platform, entry) = await PushPlatformAsync(store, request.DryRun, package, cancellationToken).ConfigureAwait(false);
            platforms.Add(platform);
            entries.Add(entry);
        }

        var (index, indexDigest) = await new IndexTagger(_logger).TagAsync(store, version, entries, request.DryRun, cancellationToken).ConfigureAwait(false);
        var tag = version.ToOciTag();
        _logger.LogInformation("{Action} {Provider} {Version} to {Store}:{Tag}", request.DryRun ? "Would push" : "Pushed", provider.ForDisplay(), version, store.Name, tag);

        if (evidence is not null && !request.DryRun) await PushEvidence.AttachAsync(store, version, evidence, cancellationToken).ConfigureAwait(false);
        var pushedPlatforms = new HashSet<string>(entries.Select(e => e.Platform!.ToString()));
        var kept = index.Manifests.Where(m => m.Platform is { } p && !pushedPlatforms.Contains(p.ToString()))
            .Select(m => Platform.Parse(m.Platform!.ToString())).ToList();
        return new PushedVersion(provider, version, store.Name, tag, indexDigest.ToString(), platforms, kept);
    }

    /// <summary>
    /// A zip that restore would refuse to extract (an entry outside the target, names differing only in case, more than
    /// any provider needs, not a zip at all) fails the push before anything of its version is sent.
    /// </summary>
    private static void RefuseUnrestorableZip(MirrorPackage package)
    {
        try
        {
            using var zip = new FileStream(package.Path, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16, FileOptions.RandomAccess);
            SafeZipExtractor.CheckEntries(zip);
        }
        catch (Exception e) when (e is InvalidDataException or UnsafeZipEntryException or ZipLimitExceededException)
        {
            throw new ProviderFailure(DiagnosticCodes.InvalidPackage,
                $"{package.Path} is not a provider zip restore would install: {e.Message} Nothing of {package.Address.ForDisplay()} {package.Version} was pushed; fix or rebuild the zip.");
        }
    }

    private async Task<(PushedPlatform, Descriptor)> PushPlatformAsync(
        IOciRepositoryStore store, bool dryRun, MirrorPackage package, CancellationToken cancellationToken)
    {
        string? tempZip = null;
        try
        {
            var zipPath = package.Path;
            if (package.Kind == MirrorPackageKind.Unpacked)
            {
                tempZip = Path.Combine(Path.GetTempPath(), $"tofumirror-push-{Guid.NewGuid():N}.zip");
                DeterministicZip.Create(package.Path, tempZip);
                zipPath = tempZip;
            }

            var fileName = ProviderZipFileName.Format(package.Address.Type, package.Version, package.Platform);
            // Two independent passes over the zip (entry contents for h1:, whole file for the digest): run them side by side.
            var h1Task = Task.Run(() => PackageHasher.ComputeH1FromZip(zipPath), cancellationToken);
            var digestTask = Task.Run(async () =>
            {
                using var hashing = new FileStream(zipPath, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 20, FileOptions.SequentialScan);
                return await Digest.ComputeAsync(hashing, cancellationToken).ConfigureAwait(false);
            }, cancellationToken);
            var h1 = await h1Task.ConfigureAwait(false);
            var digest = await digestTask.ConfigureAwait(false);
            var size = new FileInfo(zipPath).Length;
            var layer = ProviderArtifactBuilder.ZipLayer(digest, size, fileName);

            var configBytes = ProviderArtifactBuilder.ConfigBlob(package.Platform);
            var config = new Descriptor(MediaTypes.ImageConfig, Digest.Compute(configBytes), configBytes.Length);
            var manifestBytes = OciJsonWriter.Serialize(ProviderArtifactBuilder.PlatformManifest(package.Platform, config, layer, h1));
            var entry = ProviderArtifactBuilder.ManifestEntry(Digest.Compute(manifestBytes), manifestBytes.Length, package.Platform);

            BlobPushResult? blob = null;
            if (dryRun)
            {
                blob = await store.BlobExistsAsync(layer, cancellationToken).ConfigureAwait(false) ? BlobPushResult.AlreadyExists : null;
            }
            else
            {
                var identity = new PackageIdentity(package.Address, package.Version, package.Platform);
                blob = await PackageTransfer.TrackAsync(_transfers, identity, TransferDirection.Upload, size, async transfer =>
                {
                    using var content = File.OpenRead(zipPath);
                    return await store.PushBlobAsync(layer, transfer?.CountingReads(content) ?? content, cancellationToken).ConfigureAwait(false);
                }).ConfigureAwait(false);
                using (var content = new MemoryStream(configBytes))
                    await store.PushBlobAsync(config, content, cancellationToken).ConfigureAwait(false);
                await store.PushManifestAsync(manifestBytes, MediaTypes.ImageManifest, null, cancellationToken).ConfigureAwait(false);
            }
            return (new PushedPlatform(package.Platform, entry.Digest.ToString(), digest.ToString(), size, h1, blob), entry);
        }
        finally
        {
            if (tempZip is not null && File.Exists(tempZip)) File.Delete(tempZip);
        }
    }
}
