using System;
using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.Extensions.Logging;
using TofuMirror.Engine.Progress;
using TofuMirror.Engine.Providers;
using TofuMirror.Engine.Zip;
using TofuMirror.Model.Hashing;
using TofuMirror.Model.Platforms;

namespace TofuMirror.Engine.Restore;

/// <summary>
/// Installs an unpacked package the cache does not hold, extracting while it downloads. Nothing reaches the output
/// folder before the blob's digest and then the lock-file hashes are verified; a refused zip or a failed download
/// removes the staging folder and reports what the download-then-extract path reports.
/// </summary>
internal sealed class StreamingPackageInstall(PackageInstaller installer, BlobCache cache, ILogger logger, IProgress<TransferEvent>? transfers = null)
{
    /// <summary>Downloads into the cache, installs, and returns the <c>h1:</c> of what was installed (null when the lock's <c>zh:</c> proved it).</summary>
    public async Task<PackageHash?> InstallAsync(ProviderPackageLocation location, IReadOnlyList<PackageHash> lockedHashes, CancellationToken cancellationToken)
    {
        var package = new PackageIdentity(location.Provider, location.Version, location.Platform);
        var staging = installer.NewStagingPath();
        var checks = PackageInstaller.ContentChecksFor(location.Zh, lockedHashes);
        try
        {
            var cachePath = cache.PathOf(location.Zh);
            var outcome = await PackageTransfer.TrackAsync(transfers, package, TransferDirection.Download, location.Layer.Size,
                transfer => ExtractWhileDownloading.RunAsync(location, cachePath, staging, checks, transfer, cancellationToken)).ConfigureAwait(false);
            if (outcome.Refusal is { } refusal) throw PackageInstaller.NotAValidZip(package, refusal);
            if (outcome.NotStreamed is { } notStreamed)
            {
                logger.LogDebug("{Package} extracted from the cache after the download: {Reason}", package, notStreamed.Message);
                PackageInstaller.Delete(staging);
                using var zip = outcome.Zip!;
                return installer.Install(zip, location, lockedHashes, OutputLayout.Unpacked);
            }
            installer.Publish(staging, package, outcome.H1, location.Zh, lockedHashes, OutputLayout.Unpacked);
            return outcome.H1;
        }
        finally
        {
            PackageInstaller.Delete(staging);
        }
    }
}
