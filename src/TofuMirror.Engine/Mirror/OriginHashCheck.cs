using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using TofuMirror.Model.Diagnostics;
using TofuMirror.Model.Hashing;

namespace TofuMirror.Engine.Mirror;

/// <summary>
/// The checks that need no signature: the zip's SHA-256 equals the origin's <c>shasum</c> (when it gives one), is one
/// of the <c>zh:</c> it reports for the platform, its content one of the reported <c>h1:</c>, and its size the size the
/// origin announced and the reported <c>package_size</c>. A hash scheme the origin does not report is not checked.
/// </summary>
public sealed class OriginHashCheck : IMirrorPackageCheck
{
    public Task<MirrorCheckResult> CheckAsync(DownloadedPackage package, CancellationToken cancellationToken)
    {
        var origin = package.Origin;
        var what = $"{origin.Provider.ForDisplay()} {origin.Version} for {origin.Platform} ({origin.DownloadUrl})";
        if (origin.Shasum is { } shasum && !string.Equals(shasum, package.Zh.Value, System.StringComparison.OrdinalIgnoreCase))
            throw Refused(what, $"its SHA-256 is {package.Zh.Value}, but the origin's shasum is {shasum}");
        if (origin.Size is { } size && size != package.Size)
            throw Refused(what, $"it is {package.Size} bytes, but the origin announced {size}");
        if (origin.ReportedHashes.TryGetValue(origin.Platform, out var reported))
        {
            Require(what, package.Zh, reported.Hashes, PackageHash.SchemeZip);
            Require(what, package.H1, reported.Hashes, PackageHash.SchemeH1);
            if (reported.PackageSize is { } packageSize && packageSize != package.Size)
                throw Refused(what, $"it is {package.Size} bytes, but the origin reports a package size of {packageSize}");
        }
        return Task.FromResult(MirrorCheckResult.None);
    }

    private static void Require(string what, PackageHash actual, IReadOnlyList<PackageHash> reported, string scheme)
    {
        var listed = reported.Where(h => h.Scheme == scheme).ToList();
        if (listed.Count == 0 || listed.Contains(actual)) return;
        throw Refused(what, $"it has {actual}, but the {scheme}: hashes the origin reports for it are {string.Join(", ", listed)}");
    }

    private static MirrorCheckFailure Refused(string what, string why) =>
        new(DiagnosticCodes.OriginPackageRefused,
            $"{what} is not the package the origin vouches for: {why}. Nothing of this version was pushed; " +
            "fetch the package again (e.g. `tofu providers mirror`), or remove it from the origin.");
}
