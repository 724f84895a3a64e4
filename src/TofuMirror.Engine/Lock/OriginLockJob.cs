using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using TofuMirror.Diagnostics;
using TofuMirror.Engine.Modules;
using TofuMirror.Engine.Origin;
using TofuMirror.Engine.Progress;
using TofuMirror.Engine.Providers;
using TofuMirror.Engine.Restore;
using TofuMirror.Model.Addresses;
using TofuMirror.Model.Diagnostics;
using TofuMirror.Model.Hashing;
using TofuMirror.Model.Locks;
using TofuMirror.Model.Platforms;
using TofuMirror.Model.Versions;

namespace TofuMirror.Engine.Lock;

/// <summary>
/// <c>lock --origin</c>: records in <c>.terraform.lock.hcl</c>, like <c>tofu providers lock</c>, the version of every
/// provider the module requires (and of those already locked), chosen by the lock rules of <see cref="LockJob"/> from
/// the versions the provider's origin registry offers, with the official checksums: every platform's <c>zh:</c> from the
/// signed SHA256SUMS and the <c>h1:</c> of each wanted platform (from the origin's <c>packages</c> map when it has one,
/// else of the downloaded, authenticated zip). The file is written atomically and only when every provider succeeded.
/// </summary>
public sealed class OriginLockJob
{
    private readonly ILogger _logger;
    private readonly IProgress<TransferEvent>? _transfers;

    /// <param name="logger">Where the job logs.</param>
    /// <param name="transfers">Told about the bytes of each package downloaded from an origin.</param>
    public OriginLockJob(ILogger? logger = null, IProgress<TransferEvent>? transfers = null)
    {
        _logger = logger ?? NullLogger.Instance;
        _transfers = transfers;
    }

    public Task<LockReport> RunAsync(OriginLockRequest request, CancellationToken cancellationToken)
    {
        var cache = new BlobCache(request.CacheDirectory);
        return LockFileUpdate.RunAsync(request.ModuleDirectory, _logger, target => LockOneAsync(request, target, cache, cancellationToken));
    }

    private async Task<ProviderLockOutcome> LockOneAsync(OriginLockRequest request, LockTarget target, BlobCache cache, CancellationToken cancellationToken)
    {
        var (address, _, previous, constraints, subject) = target;
        var constraintsText = target.ConstraintsText;
        var warnings = new List<Diagnostic>();

        ProviderVersion? version = null;
        Platform? current = null;
        try
        {
            var origin = await request.OriginFor(address.Hostname, cancellationToken).ConfigureAwait(false);
            var offered = await origin.ListVersionsAsync(address, cancellationToken).ConfigureAwait(false);
            version = VersionSelector.Select(constraints, previous?.Version, offered.Select(v => v.Version).ToList(), out var choice);
            if (version is null)
                throw new OriginException(DiagnosticCodes.OriginNotFound,
                    $"no version of {address.ForDisplay()} at {origin.DisplayName} matches \"{constraintsText ?? "(no constraints)"}\" " +
                    $"(it offers: {(offered.Count == 0 ? "no versions" : string.Join(", ", offered.Select(v => v.Version)))}).");
            _logger.LogDebug("{Provider}: {Choice} {Version}", address.ForDisplay(), choice, version);

            var wanted = WantedPlatforms(request, offered.First(v => v.Version.Equals(version)));
            var fetcher = new OriginPackageFetcher(origin, cache, request.Authentication, request.Clock, _transfers);
            var platforms = new List<LockedPlatform>();
            var signed = new Dictionary<Platform, PackageHash>();
            foreach (var platform in wanted)
            {
                current = platform;
                var package = await origin.FindPackageAsync(address, version, platform, cancellationToken).ConfigureAwait(false)
                    ?? throw new OriginException(DiagnosticCodes.OriginNotFound,
                        $"{origin.DisplayName} does not offer {address.ForDisplay()} {version} for {platform}.");
                var fetched = await fetcher.FetchAsync(package, cancellationToken).ConfigureAwait(false);
                warnings.AddRange(fetched.Authentication.Warnings.Select(w => w with { Subject = w.Subject ?? subject }));
                foreach (var (signedPlatform, zh) in fetched.Authentication.SignedHashes) signed[signedPlatform] = zh;
                platforms.Add(new LockedPlatform(platform, fetched.Zh, fetched.H1, fetched.H1Source, origin.DisplayName, "")
                {
                    SignerKeyId = fetched.Authentication.SignerKeyId,
                    SourceUrl = package.DownloadUrl,
                });
            }
            current = null;

            var newLock = HashMerge.Build(address, version, constraints, previous, platforms, signed.Values);
            var result = LockJob.Describe(address, previous, newLock, platforms, target.NotRequired) with { SignedZipHashes = signed };
            return new ProviderLockOutcome(result, newLock, warnings);
        }
        catch (OriginAuthenticationFailure e)
        {
            return new ProviderLockOutcome(target.Failed(version), null, [.. warnings, e.Diagnostic with { Subject = e.Diagnostic.Subject ?? subject }]);
        }
        catch (Exception e) when (e is OriginException or ProviderFailure or IOException or UnauthorizedAccessException)
        {
            var code = e switch { OriginException o => o.Code, ProviderFailure f => f.Code, _ => DiagnosticCodes.OriginUnavailable };
            var what = version is null ? address.ForDisplay() : $"{address.ForDisplay()} {version}";
            if (current is not null) what += $" for {current}";
            var error = Diagnostic.Error($"Failed to lock {what} from its origin", e.Message, subject) with { Code = code };
            return new ProviderLockOutcome(target.Failed(version), null, [.. warnings, error]);
        }
    }

    /// <summary><c>--platform</c>, else every platform the origin lists for the version, else this machine's.</summary>
    private static IReadOnlyList<Platform> WantedPlatforms(OriginLockRequest request, OriginVersion offered)
    {
        if (request.Platforms.Count > 0) return request.Platforms;
        if (offered.Platforms.Count > 0) return offered.Platforms.Distinct().OrderBy(p => p.ToString(), StringComparer.Ordinal).ToList();
        return Platform.Current is { } here ? [here] : [];
    }
}
