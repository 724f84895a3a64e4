using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using TofuMirror.Diagnostics;
using TofuMirror.Engine.Hashing;
using TofuMirror.Engine.Origin;
using TofuMirror.Engine.Progress;
using TofuMirror.Engine.Provenance;
using TofuMirror.Engine.Providers;
using TofuMirror.Engine.Push;
using TofuMirror.Engine.Restore;
using TofuMirror.Engine.Zip;
using TofuMirror.Model.Diagnostics;
using TofuMirror.Model.Hashing;
using TofuMirror.Model.Packages;
using TofuMirror.Model.Platforms;
using TofuMirror.Oci;
using TofuMirror.Oci.Content;
using Platform = TofuMirror.Model.Platforms.Platform;

namespace TofuMirror.Engine.Mirror;

/// <summary>
/// The <c>mirror</c> job: for each provider version chosen (<see cref="MirrorSelection"/>), compare what the origin
/// serves with what the OCI mirror's version tag holds; platforms whose layer digest already is the origin's checksum
/// are skipped without downloading. The others are downloaded (bounded in parallel, streamed into the download cache),
/// and every <see cref="IMirrorPackageCheck"/> runs on every one of them before anything of the version is pushed: one
/// failure and the version is left as it was. Then the zips are pushed byte for byte (layer digest = the origin's
/// <c>zh:</c>) with their manifests, exactly as <c>push</c> writes them, and merged into the version's index.
/// </summary>
public sealed class MirrorJob
{
    private readonly ILogger _logger;
    private readonly IProgress<TransferEvent>? _transfers;

    /// <param name="logger">Where the job logs.</param>
    /// <param name="transfers">Told about each package's bytes as they are downloaded from the origin and uploaded to the mirror.</param>
    public MirrorJob(ILogger? logger = null, IProgress<TransferEvent>? transfers = null)
    {
        _logger = logger ?? NullLogger.Instance;
        _transfers = transfers;
    }

    public async Task<MirrorReport> RunAsync(MirrorRequest request, CancellationToken cancellationToken)
    {
        var diagnostics = new List<Diagnostic>();
        var (targets, failures) = await MirrorSelection.SelectAsync(request, diagnostics, cancellationToken).ConfigureAwait(false);
        var results = new List<MirroredVersion>(failures);
        if (diagnostics.Any(d => d.Severity == DiagnosticSeverity.Error))
            return new MirrorReport(results, diagnostics, request.DryRun);

        var downloader = new OriginDownloader(new BlobCache(request.CacheDirectory), _transfers);
        using var downloads = new SemaphoreSlim(Math.Max(1, request.Parallelism));
        var gate = new object();
        var checkWarnings = new List<string>();
        await Parallel.ForEachAsync(targets,
            new ParallelOptions { MaxDegreeOfParallelism = Math.Max(1, request.Parallelism), CancellationToken = cancellationToken },
            async (target, ct) =>
            {
                var result = await new VersionMirror(request, target, downloader, downloads, _transfers, _logger, checkWarnings).RunAsync(ct).ConfigureAwait(false);
                lock (gate) results.Add(result);
            }).ConfigureAwait(false);

        var warnings = targets.Select(t => t.Origin).OfType<FolderProviderOrigin>().Distinct().SelectMany(o => o.Warnings)
            .Concat(checkWarnings.Distinct().Order(StringComparer.Ordinal)).ToList();
        return new MirrorReport(results.OrderBy(r => r.Provider).ThenBy(r => r.Version).ToList(), diagnostics, request.DryRun) { Warnings = warnings };
    }

    /// <summary>One provider version, from plan to tag.</summary>
    private sealed class VersionMirror(
        MirrorRequest request, MirrorTarget target, OriginDownloader downloader, SemaphoreSlim downloads, IProgress<TransferEvent>? transfers, ILogger logger,
        List<string> warnings)
    {
        private readonly List<PlannedPlatform> _planned = [];
        private IOciRepositoryStore? _store;
        private Descriptor? _existingIndex;

        private sealed class PlannedPlatform(Platform platform)
        {
            public Platform Platform { get; } = platform;
            public OriginPackage? Package { get; set; }
            public PackageHash? ExpectedZh { get; set; }
            public Digest? ExistingLayer { get; set; }
            public long ExistingLayerSize { get; set; }
            public FetchedFile? File { get; set; }
            public PackageHash? H1 { get; set; }
            public string? SigningKeyId { get; set; }
            public MirrorStatus Status { get; set; } = MirrorStatus.Failed;

            public MirroredPlatform Report() => new(Platform, Status,
                File is { } f ? Sha256(f.Zh) : ExpectedZh is { } zh ? Sha256(zh) : ExistingLayer?.ToString(),
                File?.Size ?? Package?.Size, SigningKeyId, Package?.DownloadUrl.ToString());
        }

        public async Task<MirroredVersion> RunAsync(CancellationToken cancellationToken)
        {
            var evidence = new List<ProvenanceEvidence>();
            string? indexDigest = null;
            try
            {
                await PlanAsync(cancellationToken).ConfigureAwait(false);
                var toFetch = _planned.Where(p => p.Status == MirrorStatus.Fetched).ToList();
                if (request.DryRun || toFetch.Count == 0)
                {
                    indexDigest = _existingIndex?.Digest.ToString();
                    if (!request.DryRun) await AddMissingEvidenceAsync(cancellationToken).ConfigureAwait(false);
                    return Result(indexDigest, null);
                }
                try
                {
                    await Task.WhenAll(toFetch.Select(p => FetchAndCheckAsync(p, evidence, cancellationToken))).ConfigureAwait(false);
                    indexDigest = await PushAsync(evidence, cancellationToken).ConfigureAwait(false);
                }
                finally
                {
                    foreach (var file in _planned.Select(p => p.File).OfType<FetchedFile>()) OriginDownloader.Discard(file);
                }
                return Result(indexDigest, null);
            }
            catch (Exception e) when (e is ProviderFailure or OriginException or MirrorCheckFailure or OciException or IOException or UnauthorizedAccessException)
            {
                foreach (var platform in _planned.Where(p => p.Status == MirrorStatus.Fetched)) platform.Status = MirrorStatus.Failed;
                var code = e switch
                {
                    ProviderFailure f => f.Code,
                    OriginException o => o.Code,
                    MirrorCheckFailure c => c.Code,
                    _ => OciFailures.CodeOf(e),
                };
                var error = Diagnostic.Error($"Failed to mirror {target.Provider.ForDisplay()} {target.Version}", e.Message, null) with { Code = code };
                return Result(null, error);
            }
        }

        private MirroredVersion Result(string? indexDigest, Diagnostic? error) =>
            new(target.Provider, target.Version, _store?.Name, target.Version.ToOciTag(), indexDigest, _planned.Select(p => p.Report()).ToList(), error);

        /// <summary>What the origin offers against what the mirror holds, per wanted platform; nothing downloaded.</summary>
        private async Task PlanAsync(CancellationToken cancellationToken)
        {
            var wanted = request.Platforms.Count > 0 ? request.Platforms : target.OriginPlatforms;
            _planned.AddRange(wanted.Distinct().OrderBy(p => p).Select(p => new PlannedPlatform(p)));
            if (_planned.Count == 0)
                throw new OriginException(DiagnosticCodes.OriginPlatformMissing,
                    $"{target.Origin.DisplayName} lists no platforms for {target.Provider.ForDisplay()} {target.Version}; name them with --platform.");

            var stores = request.Stores.Resolve(target.Provider);
            if (stores.Count == 0)
                throw new ProviderFailure(DiagnosticCodes.ProviderNotInMirror,
                    $"no oci_mirror installation method handles {target.Provider.ForDisplay()}; check the include/exclude patterns.");
            _store = stores[0];
            var existing = await ExistingIndexAsync(cancellationToken).ConfigureAwait(false);
            _existingIndex = existing?.Descriptor;

            foreach (var platform in _planned)
            {
                platform.Package = await target.Origin.FindPackageAsync(target.Provider, target.Version, platform.Platform, cancellationToken).ConfigureAwait(false)
                    ?? throw new OriginException(DiagnosticCodes.OriginPlatformMissing,
                        $"{target.Origin.DisplayName} does not offer {target.Provider.ForDisplay()} {target.Version} for {platform.Platform}.");
                platform.ExpectedZh = ExpectedZh(platform.Package);
                if (existing is { } index && index.Index.Manifests.Any(m => m.Platform is { } p && p.Os == platform.Platform.Os && p.Architecture == platform.Platform.Arch))
                {
                    var location = await ProviderArtifactResolver.ResolvePlatformAsync(
                        _store, target.Provider, target.Version, platform.Platform, index.Descriptor, index.Index, cancellationToken).ConfigureAwait(false);
                    platform.ExistingLayer = location.Layer.Digest;
                    platform.ExistingLayerSize = location.Layer.Size;
                }
                platform.Status = platform.ExistingLayer is { } layer && platform.ExpectedZh is { } zh
                    ? Decide(platform.Platform, layer, zh)
                    : MirrorStatus.Fetched;
            }
        }

        /// <summary>A platform the tag already has is skipped when its layer is the origin's package, and refused when it is another.</summary>
        private MirrorStatus Decide(Platform platform, Digest existingLayer, PackageHash originZh)
        {
            if (existingLayer.Hex == originZh.Value) return MirrorStatus.Skipped;
            throw new ProviderFailure(DiagnosticCodes.MirrorHoldsOtherPackage,
                $"{_store!.Name}:{target.Version.ToOciTag()} already holds {target.Provider.ForDisplay()} {target.Version} for {platform} as {existingLayer}, " +
                $"but {target.Origin.DisplayName} serves {originZh}. The mirror was left as it is; remove the tag (or its platform) to mirror the origin's package.");
        }

        /// <summary>The zip's <c>zh:</c> as the origin states it before the download: its <c>shasum</c>, else the one <c>zh:</c> it reports.</summary>
        private static PackageHash? ExpectedZh(OriginPackage package)
        {
            if (package.Shasum is { } shasum)
                return PackageHash.TryParse(PackageHash.SchemeZip + ":" + shasum.ToLowerInvariant(), out var official, out var error)
                    ? official
                    : throw new OriginException(DiagnosticCodes.OriginPackageRefused,
                        $"{package.Provider.ForDisplay()} {package.Version} for {package.Platform}: the origin's shasum \"{shasum}\" is not a SHA-256 ({error}).");
            var reported = package.ReportedHashes.TryGetValue(package.Platform, out var hashes)
                ? hashes.Hashes.Where(h => h.Scheme == PackageHash.SchemeZip).Distinct().ToList()
                : [];
            return reported.Count == 1 ? reported[0] : null;
        }

        private async Task<(Descriptor Descriptor, OciIndex Index)?> ExistingIndexAsync(CancellationToken cancellationToken)
        {
            try
            {
                return await ProviderArtifactResolver.ReadIndexAsync(_store!, target.Version, cancellationToken).ConfigureAwait(false);
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

        private async Task FetchAndCheckAsync(PlannedPlatform platform, List<ProvenanceEvidence> evidence, CancellationToken cancellationToken)
        {
            await downloads.WaitAsync(cancellationToken).ConfigureAwait(false);
            try
            {
                platform.File = await downloader.FetchAsync(target.Origin, platform.Package!, platform.ExpectedZh, cancellationToken).ConfigureAwait(false);
            }
            finally
            {
                downloads.Release();
            }
            var file = platform.File;
            platform.H1 = H1Of(file.Path, platform.Package!);
            var downloaded = new DownloadedPackage(platform.Package!, file.Path, file.Zh, file.Size, platform.H1);
            foreach (var check in request.Checks)
            {
                var result = await check.CheckAsync(downloaded, cancellationToken).ConfigureAwait(false);
                platform.SigningKeyId ??= result.SigningKeyId;
                if (result.Evidence is { } found)
                    lock (evidence) evidence.Add(found);
                lock (warnings) warnings.AddRange(result.Warnings);
            }
            // Accepted: into the cache now, so a run interrupted (or failed on another platform) does not download it again.
            platform.File = file with { Path = downloader.Commit(file), IsPartFile = false };
            // The origin gave no zh: beforehand (e.g. a folder without VERSION.json): compare now, with the package in hand.
            if (platform.ExistingLayer is { } layer) platform.Status = Decide(platform.Platform, layer, file.Zh);
        }

        private static PackageHash H1Of(string zip, OriginPackage package)
        {
            try
            {
                using var stream = File.OpenRead(zip);
                SafeZipExtractor.CheckEntries(stream);
                stream.Position = 0;
                return PackageHasher.ComputeH1FromZip(stream);
            }
            catch (Exception e) when (e is InvalidDataException or UnsafeZipEntryException or ZipLimitExceededException)
            {
                throw new ProviderFailure(DiagnosticCodes.InvalidPackage,
                    $"{package.Provider.ForDisplay()} {package.Version} for {package.Platform} from {package.DownloadUrl} is not a valid provider zip: {e.Message}; nothing of this version was pushed.", e);
            }
        }

        /// <summary>Every platform passed its checks: push them, tag the merged index, then attach the evidence. Returns the index digest.</summary>
        private async Task<string> PushAsync(List<ProvenanceEvidence> evidence, CancellationToken cancellationToken)
        {
            var entries = new List<Descriptor>();
            foreach (var platform in _planned.Where(p => p.Status == MirrorStatus.Fetched))
                entries.Add(await PushPlatformAsync(platform, cancellationToken).ConfigureAwait(false));
            if (entries.Count == 0) return _existingIndex?.Digest.ToString() ?? "";

            var (_, indexDigest) = await new IndexTagger(logger).TagAsync(_store!, target.Version, entries, dryRun: false, cancellationToken).ConfigureAwait(false);
            logger.LogInformation("Mirrored {Provider} {Version} to {Store}:{Tag}", target.Provider.ForDisplay(), target.Version, _store!.Name, target.Version.ToOciTag());

            // Provenance: the evidence the checks gathered (signed SHA256SUMS, signature, keys) goes beside the index just tagged.
            if (request.Evidence is { } sink && evidence.Count > 0)
            {
                var index = await _store.ResolveAsync(target.Version.ToOciTag(), cancellationToken).ConfigureAwait(false);
                await sink.AttachAsync(_store, index, evidence[0], cancellationToken).ConfigureAwait(false);
            }
            return indexDigest.ToString();
        }

        /// <summary>
        /// Every platform was already there: when the index has no evidence yet (mirrored by an older version of the
        /// tool), the checks vouch for the present layers by digest against the signed checksums, and their evidence is
        /// attached. Nothing is downloaded but the checksums and their signature.
        /// </summary>
        private async Task AddMissingEvidenceAsync(CancellationToken cancellationToken)
        {
            if (request.Evidence is not { } sink || _existingIndex is not { } index || _planned.Count == 0) return;
            if (_planned.All(p => p.Package?.Signature is null)) return; // an origin that signs nothing has no evidence to give
            var present = request.Checks.OfType<IMirrorPresentPackageCheck>().ToList();
            if (present.Count == 0 || await sink.HasEvidenceAsync(_store!, index, cancellationToken).ConfigureAwait(false)) return;
            ProvenanceEvidence? found = null;
            foreach (var platform in _planned)
            {
                foreach (var check in present)
                {
                    var result = await check.CheckPresentAsync(platform.Package!, platform.ExistingLayer!.Value.Hex, platform.ExistingLayerSize, cancellationToken).ConfigureAwait(false);
                    platform.SigningKeyId ??= result.SigningKeyId;
                    found ??= result.Evidence;
                    lock (warnings) warnings.AddRange(result.Warnings);
                }
            }
            if (found is null) return;
            await sink.AttachAsync(_store!, index, found, cancellationToken).ConfigureAwait(false);
            logger.LogInformation("Attached the signed checksums of {Provider} {Version} to {Store}:{Tag}", target.Provider.ForDisplay(), target.Version, _store!.Name, target.Version.ToOciTag());
        }

        private async Task<Descriptor> PushPlatformAsync(PlannedPlatform platform, CancellationToken cancellationToken)
        {
            var zipPath = platform.File!.Path;
            var size = platform.File.Size;
            var fileName = ProviderZipFileName.Format(target.Provider.Type, target.Version, platform.Platform);
            var layer = ProviderArtifactBuilder.ZipLayer(Digest.Parse("sha256:" + platform.File.Zh.Value), size, fileName);
            var configBytes = ProviderArtifactBuilder.ConfigBlob(platform.Platform);
            var config = new Descriptor(MediaTypes.ImageConfig, Digest.Compute(configBytes), configBytes.Length);
            var manifestBytes = OciJsonWriter.Serialize(ProviderArtifactBuilder.PlatformManifest(platform.Platform, config, layer, platform.H1!));

            var identity = new PackageIdentity(target.Provider, target.Version, platform.Platform);
            await PackageTransfer.TrackAsync(transfers, identity, TransferDirection.Upload, size, async transfer =>
            {
                using var content = new FileStream(zipPath, FileMode.Open, FileAccess.Read, FileShare.Read | FileShare.Delete, 1 << 18, FileOptions.SequentialScan);
                return await _store!.PushBlobAsync(layer, transfer?.CountingReads(content) ?? content, cancellationToken).ConfigureAwait(false);
            }).ConfigureAwait(false);
            using (var content = new MemoryStream(configBytes))
                await _store!.PushBlobAsync(config, content, cancellationToken).ConfigureAwait(false);
            await _store.PushManifestAsync(manifestBytes, MediaTypes.ImageManifest, null, cancellationToken).ConfigureAwait(false);
            return ProviderArtifactBuilder.ManifestEntry(Digest.Compute(manifestBytes), manifestBytes.Length, platform.Platform);
        }

        private static string Sha256(PackageHash zh) => "sha256:" + zh.Value;
    }
}
