using System.Collections.Generic;
using System.Linq;
using TofuMirror.Model.Addresses;
using TofuMirror.Model.Hashing;
using TofuMirror.Model.Versions;
using TofuMirror.Diagnostics;

namespace TofuMirror.Model.Locks;

/// <summary>
/// One <c>provider "…" { … }</c> block of a dependency lock file: the selected version, the
/// normalized constraints it was selected under, and the package hashes that vouch for it.
/// </summary>
public sealed record ProviderLock(
    ProviderAddress Address,
    ProviderVersion Version,
    VersionConstraints? Constraints,
    IReadOnlyList<PackageHash> Hashes)
{
    /// <summary>Where the block is in the file it was read from (null for locks built in code).</summary>
    public SourceRange? Range { get; init; }

    /// <summary>Sorted by plain string order (so every <c>h1:</c> precedes every <c>zh:</c>) and de-duplicated.</summary>
    public static IReadOnlyList<PackageHash> Normalize(IEnumerable<PackageHash> hashes) =>
        hashes.Select(h => h.ToString())
            .Distinct(System.StringComparer.Ordinal)
            .OrderBy(h => h, System.StringComparer.Ordinal)
            .Select(PackageHash.Parse)
            .ToList();
}
