using System.Collections.Generic;
using System.IO;
using System.Linq;
using TofuMirror.Engine.Providers;
using TofuMirror.Engine.Hashing;
using TofuMirror.Engine.Zip;
using TofuMirror.Model.Diagnostics;
using TofuMirror.Model.Hashing;
using TofuMirror.Model.Packages;
using TofuMirror.Model.Platforms;

namespace TofuMirror.Engine.Push;

/// <summary>
/// Before anything is pushed from a folder <c>tofu providers mirror</c> wrote: each package must match the hashes its
/// <c>VERSION.json</c> lists for its platform. A packed zip's SHA-256 must be one of the listed <c>zh:</c> and its
/// unpacked content one of the listed <c>h1:</c> (an unpacked folder is held to the <c>h1:</c> only). A scheme that is
/// not listed is not checked, so the older single-<c>h1:</c> files work too.
/// </summary>
internal static class MirrorFolderHashCheck
{
    public static void Check(IEnumerable<MirrorPackage> packages)
    {
        var indexes = new Dictionary<string, MirrorVersionIndex?>();
        foreach (var package in packages)
        {
            var indexPath = Path.Combine(ProviderFolderOf(package), package.Version + ".json");
            if (!indexes.TryGetValue(indexPath, out var index))
                indexes[indexPath] = index = File.Exists(indexPath) ? MirrorVersionIndex.Read(indexPath) : null;
            if (index is null) continue;

            var listed = index.HashesFor(package.Platform);
            var listedZh = listed.Where(h => h.Scheme == PackageHash.SchemeZip).ToList();
            var listedH1 = listed.Where(h => h.Scheme == PackageHash.SchemeH1).ToList();
            if (package.Kind == MirrorPackageKind.Packed && listedZh.Count > 0)
                Require(PackageHasher.ComputeZipHash(package.Path), listedZh, package, index);
            if (listedH1.Count > 0)
                Require(H1Of(package), listedH1, package, index);
        }
    }

    private static string ProviderFolderOf(MirrorPackage package) =>
        package.Kind == MirrorPackageKind.Packed
            ? Path.GetDirectoryName(package.Path)!
            : Path.GetDirectoryName(Path.GetDirectoryName(package.Path))!;

    private static PackageHash H1Of(MirrorPackage package)
    {
        if (package.Kind == MirrorPackageKind.Unpacked) return PackageHasher.ComputeH1FromDirectory(package.Path);
        try
        {
            return UnpackedH1.OfZip(package.Path);
        }
        catch (System.Exception e) when (e is InvalidDataException or UnsafeZipEntryException or ZipLimitExceededException)
        {
            throw new ProviderFailure(DiagnosticCodes.InvalidPackage, $"{package.Path} is not a valid provider zip: {e.Message}; nothing was pushed.", e);
        }
    }

    private static void Require(PackageHash actual, IReadOnlyList<PackageHash> listed, MirrorPackage package, MirrorVersionIndex index)
    {
        if (listed.Contains(actual)) return;
        throw new ProviderFailure(DiagnosticCodes.ChecksumMismatch,
            $"{package.Path} does not match {index.Path}: it has {actual}, but the {actual.Scheme}: hashes listed for {package.Platform} are " +
            $"{string.Join(", ", listed)}. The file is not the package `tofu providers mirror` verified; nothing was pushed. " +
            "Run `tofu providers mirror` again, or remove the file.");
    }
}
