using System;
using System.Collections.Generic;
using System.Linq;
using TofuMirror.Model.Addresses;

namespace TofuMirror.Model.Hashing;

/// <summary>Helpers for sets of package hashes, following OpenTofu's verification rules.</summary>
public static class PackageHashes
{
    /// <summary>The hashes OpenTofu can check (<c>h1:</c> and <c>zh:</c>), in their given order.</summary>
    public static IReadOnlyList<PackageHash> Preferred(IEnumerable<PackageHash> hashes) =>
        hashes.Where(h => h.IsSupportedScheme).ToArray();

    /// <summary>
    /// True when a package whose computed hashes are <paramref name="computed"/> is acceptable under the
    /// recorded <paramref name="recorded"/> hashes: unknown schemes are ignored; if nothing is left there is
    /// no check (true); otherwise some recorded hash must be among the computed ones.
    /// </summary>
    public static bool AnyMatch(IEnumerable<PackageHash> recorded, IEnumerable<PackageHash> computed)
    {
        var checkable = Preferred(recorded);
        if (checkable.Count == 0) return true;
        var have = new HashSet<PackageHash>(computed);
        return checkable.Any(have.Contains);
    }

    /// <summary>True when the recorded hashes impose a check (at least one <c>h1:</c>/<c>zh:</c> hash).</summary>
    public static bool RequiresCheck(IEnumerable<PackageHash> recorded) => recorded.Any(h => h.IsSupportedScheme);

    /// <summary>Sorted (plain string order) and de-duplicated, as lock files list hashes.</summary>
    public static IReadOnlyList<PackageHash> SortedUnique(IEnumerable<PackageHash> hashes) =>
        hashes.Distinct().OrderBy(h => h.ToString(), Utf8Ordinal.Instance).ToArray();

    /// <summary>Parses each string; throws <see cref="FormatException"/> for the first invalid one.</summary>
    public static IReadOnlyList<PackageHash> ParseAll(IEnumerable<string> texts) =>
        (texts ?? throw new ArgumentNullException(nameof(texts))).Select(PackageHash.Parse).ToArray();
}
