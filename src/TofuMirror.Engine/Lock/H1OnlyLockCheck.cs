using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using TofuMirror.Model.Locks;
using TofuMirror.Engine.Providers;
using TofuMirror.Model.Addresses;
using TofuMirror.Model.Diagnostics;
using TofuMirror.Model.Hashing;
using TofuMirror.Model.Platforms;
using TofuMirror.Model.Versions;

namespace TofuMirror.Engine.Lock;

/// <summary>
/// A lock entry with only <c>h1:</c> hashes (as <c>terraform providers lock -fs-mirror</c> or <c>tofu init</c> from a
/// filesystem mirror writes it) cannot vouch for an OCI layer, which OpenTofu checks by its <c>zh:</c> before
/// downloading. Lock bridges the gap without trusting anything new: each wanted platform's package is downloaded and
/// hashed, and the mirror's <c>zh:</c> is recorded only when the package's <c>h1:</c> is already locked. Lock-file
/// hashes name no platform, so a platform whose <c>h1:</c> matches nothing may be a changed package or one the lock
/// never had; both are refused and the lock file is left as it is.
/// </summary>
internal sealed class H1OnlyLockCheck
{
    private readonly IReadOnlyList<PackageHash> _lockedH1;
    private readonly List<Platform> _matched = [];
    private readonly List<(Platform Platform, PackageHash H1)> _mismatched = [];

    private H1OnlyLockCheck(IReadOnlyList<PackageHash> lockedH1) => _lockedH1 = lockedH1;

    /// <summary>The check for <paramref name="previous"/> when it locks <paramref name="version"/> with <c>h1:</c> hashes only; else null.</summary>
    public static H1OnlyLockCheck? For(ProviderLock? previous, ProviderVersion version)
    {
        if (previous is null || !previous.Version.Equals(version)) return null;
        var supported = previous.Hashes.Where(h => h.IsSupportedScheme).ToList();
        if (supported.Count == 0 || supported.Any(h => h.Scheme != PackageHash.SchemeH1)) return null;
        return new H1OnlyLockCheck(supported);
    }

    /// <summary>Downloads and hashes the package (never trusting the <c>h1:</c> annotation) and notes whether the lock has its <c>h1:</c>.</summary>
    public async Task<LockedPlatform> ReadAsync(ProviderPackageLocation location, PackageH1Reader reader, CancellationToken cancellationToken)
    {
        var h1 = await reader.ComputeAsync(location, cancellationToken).ConfigureAwait(false);
        if (_lockedH1.Contains(h1)) _matched.Add(location.Platform);
        else _mismatched.Add((location.Platform, h1));
        return new LockedPlatform(location.Platform, location.Zh, h1, H1Source.Computed, location.Store.Name, location.Manifest.Digest.ToString());
    }

    /// <summary>Throws TOFU0104 when any package read so far has an <c>h1:</c> the lock does not have.</summary>
    public void ThrowIfAnyMismatch(ProviderAddress provider, ProviderVersion version)
    {
        if (_mismatched.Count == 0) return;
        var mismatched = string.Join(", ", _mismatched.Select(m => $"{m.Platform} ({m.H1})"));
        var hint = _matched.Count > 0
            ? $" If the lock simply lacks those platforms, first run `tofu-mirror lock` with only {string.Join(" ", _matched.Select(p => "--platform " + p))} " +
              "(their packages match), then again for the others."
            : " If the lock simply lacks those platforms, run `tofu-mirror lock` with --platform for the platforms it was made for first.";
        throw new ProviderFailure(DiagnosticCodes.ChecksumMismatch,
            $"the lock file records only h1: hashes for {provider.ForDisplay()} {version}, so the mirror's packages were downloaded " +
            $"and checked against them, and the package for {mismatched} matches none of them ({string.Join(", ", _lockedH1)}). " +
            "Either the mirror's package differs from the one that was locked, or the lock was made without that platform; " +
            "no zh: was added and the lock file is unchanged." + hint);
    }
}
