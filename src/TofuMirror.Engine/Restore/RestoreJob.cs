using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using TofuMirror.Model.Locks;
using TofuMirror.Engine.Modules;
using TofuMirror.Engine.Progress;
using TofuMirror.Engine.Providers;
using TofuMirror.Oci;
using TofuMirror.Engine.Hashing;
using TofuMirror.Model.Addresses;
using TofuMirror.Model.Diagnostics;
using TofuMirror.Model.Hashing;
using TofuMirror.Model.Packages;
using TofuMirror.Model.Platforms;
using TofuMirror.Model.Versions;
using TofuMirror.Diagnostics;

namespace TofuMirror.Engine.Restore;

/// <summary>
/// The main job: every provider locked in the module, for every wanted platform, from the OCI mirror into a
/// folder OpenTofu uses as a filesystem mirror. Verified before anything is visible; up-to-date packages are
/// skipped without network I/O (a changed one is reinstalled); a cached package is installed only once the mirror
/// confirms it (unless offline); a failed provider leaves what was installed before intact.
/// </summary>
public sealed class RestoreJob
{
    private readonly ILogger _logger;
    private readonly IProgress<RestoreItemResult>? _progress;
    private readonly Action<int>? _planned;
    private readonly IProgress<TransferEvent>? _transfers;

    /// <param name="logger">Where the job logs.</param>
    /// <param name="progress">Told about each package as it finishes.</param>
    /// <param name="planned">Told once how many packages the run will handle, before any starts.</param>
    /// <param name="transfers">Told about each download's bytes as they arrive.</param>
    public RestoreJob(ILogger? logger = null, IProgress<RestoreItemResult>? progress = null, Action<int>? planned = null,
        IProgress<TransferEvent>? transfers = null)
    {
        _logger = logger ?? NullLogger.Instance;
        _progress = progress;
        _planned = planned;
        _transfers = transfers;
    }

    public async Task<RestoreReport> RunAsync(RestoreRequest request, CancellationToken cancellationToken)
    {
        var module = ModuleLoader.Load(request.ModuleDirectory);
        var diagnostics = new List<Diagnostic>(module.Diagnostics);
        if (!module.LockFileExists)
        {
            diagnostics.Add(Diagnostic.Error("No dependency lock file",
                $"{module.LockFilePath} does not exist. Run `tofu-mirror lock` to create it from the mirror.",
                SourceRange.StartOf(module.LockFilePath)) with { Code = DiagnosticCodes.ProviderNotLocked });
            return new RestoreReport(request.OutputDirectory, null, [], diagnostics);
        }
        diagnostics.AddRange(Checks.RestoreChecks.LockProblems(module));
        diagnostics.AddRange(Checks.UnhashedLockEntries.Find(module));
        if (request.RequireSigned && request.TrustAnchors.Fingerprints.Count == 0)
            diagnostics.Add(Diagnostic.Error("Signed providers are required, but no key is trusted",
                "Give the provider authors' keys or fingerprints with --trusted-keys FILE (TofuTrustedKeys in a build, or the "
                + $"{Trust.TrustAnchors.EnvironmentVariable} variable): a signature counts only when a trust anchor made it.", null) with { Code = DiagnosticCodes.NoTrustAnchors });
        if (diagnostics.Any(d => d.Severity == DiagnosticSeverity.Error))
            return new RestoreReport(request.OutputDirectory, null, [], diagnostics);

        OutputLock outputLock;
        try
        {
            Directory.CreateDirectory(request.OutputDirectory);
            outputLock = await OutputLock.AcquireAsync(request.OutputDirectory, request.LockTimeout,
                message => _logger.LogWarning("{Message}", message), cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            diagnostics.Add(Diagnostic.Error("Cannot use the output folder", e.Message, null)
                with { Code = DiagnosticCodes.FileNotReadable });
            return new RestoreReport(request.OutputDirectory, null, [], diagnostics);
        }
        using var heldLock = outputLock;
        LeftoverSweeper.SweepOutput(request.OutputDirectory, _logger);

        var work = module.LockFile.Providers
            .SelectMany(p => request.Platforms.Select(platform => (Lock: p, Platform: platform)))
            .ToList();
        _planned?.Invoke(work.Count);
        var results = new ConcurrentBag<RestoreItemResult>();
        var installer = new PackageInstaller(request.OutputDirectory);
        var cache = new BlobCache(request.CacheDirectory);
        var indexes = new IndexCache();
        var provenance = new ProvenanceGate(request);

        // Up-to-date packages are settled first, on this thread: a no-op restore then never starts the parallel,
        // networking half of the job (whose first use costs more start-up time than the checks themselves).
        var pending = new List<(ProviderLock Lock, Platform Platform)>(work.Count);
        foreach (var item in work)
        {
            if (request.Force || UpToDateResult(request, item.Lock, item.Platform) is not { } upToDate || !provenance.Satisfies(upToDate.Stamp!))
            {
                pending.Add(item);
                continue;
            }
            results.Add(upToDate);
            _progress?.Report(upToDate);
        }

        if (pending.Count > 0)
        {
            LeftoverSweeper.SweepCache(request.CacheDirectory, _logger);
            await Parallel.ForEachAsync(pending,
                new ParallelOptions { MaxDegreeOfParallelism = Math.Max(1, request.Parallelism), CancellationToken = cancellationToken },
                async (item, ct) =>
                {
                    var result = await RestoreOneAsync(request, item.Lock, item.Platform, installer, cache, indexes, provenance, ct).ConfigureAwait(false);
                    results.Add(result);
                    _progress?.Report(result);
                }).ConfigureAwait(false);
        }

        var configPath = CliConfigFileWriter.Write(request.OutputDirectory);
        var ordered = results.OrderBy(r => r.Provider).ThenBy(r => r.Platform).ToList();
        return new RestoreReport(request.OutputDirectory, configPath, ordered, diagnostics);
    }

    /// <summary>The result for a package already installed with a hash the lock accepts, else null.</summary>
    private RestoreItemResult? UpToDateResult(RestoreRequest request, ProviderLock locked, Platform platform)
    {
        var stampPath = StampPath(request.OutputDirectory, locked.Address, locked.Version, platform, request.Layout);
        var target = TargetPath(request, locked, platform);
        if (IsUpToDate(target, stampPath, locked, request.Layout) is not { } stamp) return null;
        _logger.LogDebug("{Provider} {Version} {Platform} is up to date", locked.Address, locked.Version, platform);
        return new RestoreItemResult(locked.Address, locked.Version, platform, RestoreStatus.UpToDate) { InstalledPath = target, Stamp = stamp };
    }

    private static string TargetPath(RestoreRequest request, ProviderLock locked, Platform platform) =>
        request.Layout == OutputLayout.Unpacked
            ? FilesystemMirrorLayout.UnpackedDirectory(request.OutputDirectory, locked.Address, locked.Version, platform)
            : FilesystemMirrorLayout.PackedZipPath(request.OutputDirectory, locked.Address, locked.Version, platform);

    private async Task<RestoreItemResult> RestoreOneAsync(
        RestoreRequest request, ProviderLock locked, Platform platform, PackageInstaller installer, BlobCache cache,
        IndexCache indexes, ProvenanceGate provenance, CancellationToken cancellationToken)
    {
        var provider = locked.Address;
        var version = locked.Version;
        var stampPath = StampPath(request.OutputDirectory, provider, version, platform, request.Layout);
        var baseResult = new RestoreItemResult(provider, version, platform, RestoreStatus.Failed) { InstalledPath = TargetPath(request, locked, platform) };

        try
        {
            var cached = CachedPackage(locked, platform, cache);
            using var cachedZip = cached?.Zip;
            if (cached is not null)
            {
                if (request.Offline && !provenance.Satisfies(cached.Record)) throw ProvenanceGate.NotSignedOffline(locked, platform);
                if (request.Offline)
                    return baseResult with { Status = RestoreStatus.Installed, Stamp = InstallFromCache(request, locked, platform, installer, cached, stampPath), Offline = true };
                if (await ConfirmedByMirrorAsync(request, locked, cached.Record, indexes, cancellationToken).ConfigureAwait(false) is { } confirmed)
                {
                    var record = provenance.Satisfies(confirmed) ? confirmed : await provenance.SignedRecordAsync(
                        StoresFor(request, locked).First(s => s.Name == confirmed.Repository), confirmed, locked, platform, cancellationToken).ConfigureAwait(false);
                    return baseResult with { Status = RestoreStatus.Installed, Stamp = InstallFromCache(request, locked, platform, installer, cached with { Record = record }, stampPath) };
                }
                // The mirror's index for this version is not the one cached: resolve it in full; the blob may still come from the cache.
            }
            else if (request.Offline)
            {
                throw new ProviderFailure(DiagnosticCodes.RegistryUnavailable,
                    $"{provider.ForDisplay()} {version} for {platform} is neither installed nor in the download cache ({cache.Directory}), " +
                    "and restore is offline (--offline, or TofuOffline in a build), so the mirror was not asked. Restore once without offline mode to fill the cache.");
            }

            var location = await LocateAsync(request, locked, platform, indexes, cancellationToken).ConfigureAwait(false);
            ProviderArtifactRules.CheckLayerAgainstLock(location.Layer, locked.Hashes, provider, version);
            var signer = await provenance.CheckAsync(location.Store, location.Index.Digest, locked, platform, location.Layer.Digest, cancellationToken).ConfigureAwait(false);
            var (h1, downloaded) = await FetchAndInstallAsync(location, locked, request.Layout, installer, cache, cancellationToken).ConfigureAwait(false);
            var newStamp = new InstallStamp(h1?.ToString(), location.Zh.ToString(), request.Layout.ToString().ToLowerInvariant(),
                location.Store.Name, location.Index.Digest.ToString(), location.Manifest.Digest.ToString(), location.Layer.Size)
            {
                SigningKeyId = signer?.KeyId,
                SigningFingerprint = signer?.Fingerprint,
            };
            newStamp.Write(cache.RecordPath(provider, version, platform));
            newStamp = WriteInstallStamp(newStamp, baseResult.InstalledPath!, request.Layout, stampPath);
            _logger.LogInformation("Installed {Provider} {Version} {Platform} from {Store}", provider.ForDisplay(), version, platform, location.Store.Name);
            return baseResult with { Status = RestoreStatus.Installed, Location = location, Stamp = newStamp, Downloaded = downloaded };
        }
        catch (Exception e) when (e is ProviderFailure or OciException or IOException or UnauthorizedAccessException)
        {
            var code = e is ProviderFailure failure ? failure.Code : OciFailures.CodeOf(e);
            var subject = locked.Range ?? SourceRange.StartOf(Path.Combine(request.ModuleDirectory, LockFile.FileName));
            var error = Diagnostic.Error($"Failed to restore {provider.ForDisplay()} {version} for {platform}", e.Message, subject) with { Code = code };
            return baseResult with { Error = error };
        }
    }

    /// <summary>
    /// Installs from the cache when it holds the blob intact; else downloads it into the cache, extracting while
    /// downloading for the unpacked layout. Returns the installed package's <c>h1:</c> and whether it was downloaded.
    /// </summary>
    private async Task<(PackageHash? H1, bool Downloaded)> FetchAndInstallAsync(
        ProviderPackageLocation location, ProviderLock locked, OutputLayout layout, PackageInstaller installer, BlobCache cache,
        CancellationToken cancellationToken)
    {
        using (var cached = cache.TryOpenVerified(location.Zh, location.Layer.Size))
        {
            if (cached is not null) return (installer.Install(cached, location, locked.Hashes, layout), false);
        }
        if (layout == OutputLayout.Unpacked)
            return (await new StreamingPackageInstall(installer, cache, _logger, _transfers).InstallAsync(location, locked.Hashes, cancellationToken).ConfigureAwait(false), true);
        var (zip, downloaded) = await cache.OpenAsync(location, _transfers, cancellationToken).ConfigureAwait(false);
        using (zip) return (installer.Install(zip, location, locked.Hashes, layout), downloaded);
    }

    private static IReadOnlyList<IOciRepositoryStore> StoresFor(RestoreRequest request, ProviderLock locked)
    {
        var stores = request.Stores.Resolve(locked.Address);
        if (stores.Count == 0)
            throw new ProviderFailure(DiagnosticCodes.ProviderNotInMirror,
                $"no oci_mirror installation method handles {locked.Address.ForDisplay()}; check the include/exclude patterns of the CLI configuration.");
        return stores;
    }

    private static async Task<ProviderPackageLocation> LocateAsync(
        RestoreRequest request, ProviderLock locked, Platform platform, IndexCache indexes, CancellationToken cancellationToken)
    {
        ProviderFailure? lastFallThrough = null;
        foreach (var store in StoresFor(request, locked))
        {
            try
            {
                var (descriptor, index) = await indexes.GetAsync(store, locked.Version, cancellationToken).ConfigureAwait(false);
                return await ProviderArtifactResolver.ResolvePlatformAsync(store, locked.Address, locked.Version, platform, descriptor, index, cancellationToken)
                    .ConfigureAwait(false);
            }
            catch (ProviderFailure e) when (e.AllowsFallThrough)
            {
                lastFallThrough = e;
            }
        }
        throw lastFallThrough!;
    }

    /// <summary>
    /// A package the shared cache already holds intact, when the lock file records that blob's <c>zh:</c> (so the lock,
    /// not the cache, vouches for its content); else null.
    /// </summary>
    private static CachedBlob? CachedPackage(ProviderLock locked, Platform platform, BlobCache cache)
    {
        if (InstallStamp.TryRead(cache.RecordPath(locked.Address, locked.Version, platform)) is not { } record) return null;
        if (!PackageHash.TryParse(record.Zh, out var zh, out _) || !locked.Hashes.Contains(zh)) return null;
        return cache.TryOpenVerified(zh, record.Size) is { } zip ? new CachedBlob(record, zh, zip) : null;
    }

    /// <summary>
    /// Asks the configured mirror, with one manifest request and no download, whether its tag for the locked version
    /// still names the index the cached package came from. Returns the cache's record naming the repository that
    /// answered; null when the mirror has another index for that version; throws what resolving would throw (a
    /// mistyped or unreachable mirror fails here, not later in a build).
    /// </summary>
    private static async Task<InstallStamp?> ConfirmedByMirrorAsync(
        RestoreRequest request, ProviderLock locked, InstallStamp record, IndexCache indexes, CancellationToken cancellationToken)
    {
        ProviderFailure? lastFallThrough = null;
        foreach (var store in StoresFor(request, locked))
        {
            try
            {
                var index = await indexes.ResolveTagAsync(store, locked.Version, cancellationToken).ConfigureAwait(false);
                return string.Equals(index.Digest.ToString(), record.IndexDigest, StringComparison.Ordinal) ? record with { Repository = store.Name } : null;
            }
            catch (ProviderFailure e) when (e.AllowsFallThrough)
            {
                lastFallThrough = e;
            }
        }
        throw lastFallThrough!;
    }

    private InstallStamp InstallFromCache(
        RestoreRequest request, ProviderLock locked, Platform platform, PackageInstaller installer, CachedBlob cached, string stampPath)
    {
        var h1 = installer.Install(cached.Zip, new PackageIdentity(locked.Address, locked.Version, platform), cached.Zh, locked.Hashes, request.Layout);
        var stamp = cached.Record with { H1 = h1?.ToString(), Layout = request.Layout.ToString().ToLowerInvariant() };
        _logger.LogInformation("Installed {Provider} {Version} {Platform} from the cache{Offline}", locked.Address.ForDisplay(), locked.Version, platform,
            request.Offline ? " (offline: the mirror was not asked)" : $", confirmed by {stamp.Repository}");
        return WriteInstallStamp(stamp, TargetPath(request, locked, platform), request.Layout, stampPath);
    }

    /// <summary>Writes the stamp with the installed files' sizes and times, which the next no-op restore compares.</summary>
    private static InstallStamp WriteInstallStamp(InstallStamp stamp, string target, OutputLayout layout, string stampPath)
    {
        var withFiles = stamp with { Files = InstalledFiles.Snapshot(target, layout) };
        withFiles.Write(stampPath);
        return withFiles;
    }

    /// <summary>
    /// The stamp when the package is installed, unchanged since, with a hash the lock accepts; else null. Unchanged
    /// costs a stat per file; only a file whose size or time differs from the stamp's, or a lock that records none of
    /// the stamp's hashes (an <c>h1:</c>-only lock for a package installed without hashing its files), makes it hash the
    /// package now.
    /// </summary>
    private InstallStamp? IsUpToDate(string target, string stampPath, ProviderLock locked, OutputLayout layout)
    {
        var exists = layout == OutputLayout.Unpacked ? Directory.Exists(target) : File.Exists(target);
        if (!exists || InstallStamp.TryRead(stampPath) is not { } stamp) return null;
        if (!PackageHash.TryParse(stamp.Zh, out var zh, out _)) return null;
        PackageHash? h1 = null;
        if (stamp.H1 is not null && !PackageHash.TryParse(stamp.H1, out h1, out _)) return null;
        var lockAcceptsStamp = PackageHashes.AnyMatch(locked.Hashes, h1 is null ? [zh] : [h1, zh]);
        if (lockAcceptsStamp && InstalledFiles.Unchanged(target, layout, stamp.Files)) return stamp;

        if (StillInstalled(target, layout, stamp, zh, h1, lockAcceptsStamp, locked.Hashes) is not { } still)
        {
            _logger.LogInformation("{Target} changed since restore installed it, or the lock file no longer accepts it; reinstalling", target);
            return null;
        }
        return WriteInstallStamp(still, target, layout, stampPath); // touched, not changed (or a stamp without file times)
    }

    /// <summary>
    /// Hashes the installed package: the stamp (with the <c>h1:</c> when one was computed) when the package is still
    /// what restore installed (where the stamp can tell) and the lock accepts it, by its <c>h1:</c> or by the
    /// <c>zh:</c> it was installed from; else null.
    /// </summary>
    private static InstallStamp? StillInstalled(string target, OutputLayout layout, InstallStamp stamp, PackageHash zh, PackageHash? h1,
        bool lockAcceptsStamp, IReadOnlyList<PackageHash> lockedHashes)
    {
        try
        {
            if (layout == OutputLayout.Packed)
            {
                if (!PackageHasher.ComputeZipHash(target).Equals(zh)) return null;
                if (lockAcceptsStamp) return stamp;
                var packedH1 = h1 ?? PackageHasher.ComputeH1FromZip(target);
                return PackageHashes.AnyMatch(lockedHashes, [packedH1]) ? stamp with { H1 = packedH1.ToString() } : null;
            }
            var now = PackageHasher.ComputeH1FromDirectory(target);
            if (h1 is not null && !h1.Equals(now)) return null;
            // Without an h1: in the stamp the folder's content is unknown to it: only the lock's h1: can vouch for it.
            return PackageHashes.AnyMatch(lockedHashes, [now]) || (h1 is not null && lockAcceptsStamp) ? stamp with { H1 = now.ToString() } : null;
        }
        catch (Exception e) when (e is IOException or InvalidDataException or UnauthorizedAccessException)
        {
            return null;
        }
    }

    internal static string StampPath(string outputDirectory, ProviderAddress provider, ProviderVersion version, Platform platform, OutputLayout layout) =>
        Path.Combine(outputDirectory, ".tofumirror", "installed", layout.ToString().ToLowerInvariant(),
            FilesystemMirrorLayout.UnpackedRelativePath(provider, version, platform) + ".json");

    /// <summary>A verified zip in the cache (open, as it was verified), with the record of where it came from and the locked <c>zh:</c> it hashes to.</summary>
    private sealed record CachedBlob(InstallStamp Record, PackageHash Zh, FileStream Zip);
}
