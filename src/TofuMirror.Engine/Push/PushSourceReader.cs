using System.Collections.Generic;
using System.IO;
using System.Linq;
using TofuMirror.Engine.Providers;
using TofuMirror.Engine.Packages;
using TofuMirror.Model.Addresses;
using TofuMirror.Model.Diagnostics;
using TofuMirror.Model.Packages;
using TofuMirror.Model.Platforms;

namespace TofuMirror.Engine.Push;

/// <summary>
/// Turns the paths given to <c>push</c> into packages: release zips named <c>terraform-provider-TYPE_VERSION_OS_ARCH.zip</c>
/// (the provider address comes from <c>--provider</c>), or packed/unpacked filesystem-mirror folders (addresses from the path).
/// Packages of a folder <c>tofu providers mirror</c> wrote are checked against its <c>VERSION.json</c> hashes first.
/// </summary>
public static class PushSourceReader
{
    public static IReadOnlyList<MirrorPackage> Read(IEnumerable<string> paths, ProviderAddress? provider, List<string> warnings)
    {
        var packages = new List<MirrorPackage>();
        var fromFolders = new HashSet<MirrorPackage>();
        foreach (var path in paths)
        {
            if (Directory.Exists(path))
            {
                var scan = FilesystemMirrorScanner.Scan(path);
                warnings.AddRange(scan.Warnings);
                if (scan.Packages.Count == 0)
                    throw new ProviderFailure(DiagnosticCodes.FileNotReadable,
                        $"{path} holds no provider packages in a filesystem-mirror layout (HOST/NAMESPACE/TYPE/…), as `tofu providers mirror` writes.");
                packages.AddRange(scan.Packages);
                fromFolders.UnionWith(scan.Packages);
            }
            else if (File.Exists(path))
            {
                packages.Add(FromZip(path, provider));
            }
            else
            {
                throw new ProviderFailure(DiagnosticCodes.FileNotReadable, $"{path} does not exist.");
            }
        }
        // A packed zip and an unpacked folder of the same package: keep the zip (its zh: matches upstream's).
        var chosen = packages
            .GroupBy(p => (p.Address, p.Version, p.Platform))
            .Select(g => g.OrderBy(p => p.Kind == MirrorPackageKind.Packed ? 0 : 1).First())
            .ToList();
        MirrorFolderHashCheck.Check(chosen.Where(fromFolders.Contains));
        return chosen;
    }

    private static MirrorPackage FromZip(string path, ProviderAddress? provider)
    {
        if (provider is null)
            throw new ProviderFailure(DiagnosticCodes.FileNotReadable,
                $"{path} is a single zip: say which provider it is with --provider (e.g. --provider hashicorp/random).");
        if (!ProviderZipFileName.TryParseForType(Path.GetFileName(path), provider.Type, out var name, out var error))
            throw new ProviderFailure(DiagnosticCodes.FileNotReadable,
                $"{path}: {error}. Release zips are named terraform-provider-{provider.Type}_VERSION_OS_ARCH.zip.");
        return new MirrorPackage(provider, name.Version, name.Platform, MirrorPackageKind.Packed, Path.GetFullPath(path));
    }
}
