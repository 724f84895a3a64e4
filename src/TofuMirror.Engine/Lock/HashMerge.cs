using System.Collections.Generic;
using System.Linq;
using TofuMirror.Model.Locks;
using TofuMirror.Model.Addresses;
using TofuMirror.Model.Hashing;
using TofuMirror.Model.Versions;

namespace TofuMirror.Engine.Lock;

/// <summary>
/// Builds a provider's new lock entry as OpenTofu merges hashes (lock-file spec §5, oci-mirror spec §2.7):
/// the previous <c>h1:</c>/<c>zh:</c> hashes only when the version is unchanged (unknown schemes are dropped, as on
/// a fresh install), plus each platform's <c>zh:</c> (the layer digest) and <c>h1:</c>, plus the <c>zh:</c> of every platform in
/// the version's signed SHA256SUMS when a trust anchor signed it; sorted and de-duplicated.
/// </summary>
public static class HashMerge
{
    public static ProviderLock Build(
        ProviderAddress address, ProviderVersion version, VersionConstraints constraints, ProviderLock? previous,
        IEnumerable<LockedPlatform> platforms, IEnumerable<PackageHash>? signedZipHashes = null)
    {
        var hashes = new List<PackageHash>();
        if (previous is not null && previous.Version.Equals(version))
            hashes.AddRange(previous.Hashes.Where(h => h.IsSupportedScheme));
        foreach (var platform in platforms)
        {
            hashes.Add(platform.Zh);
            hashes.Add(platform.H1);
        }
        hashes.AddRange(signedZipHashes ?? []);
        return new ProviderLock(address, version, constraints.IsEmpty ? null : constraints, ProviderLock.Normalize(hashes));
    }
}
