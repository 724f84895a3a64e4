using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using TofuMirror.Model.Addresses;
using TofuMirror.Model.Packages;
using TofuMirror.Model.Platforms;
using TofuMirror.Model.Versions;

namespace TofuMirror.Engine.Packages;

/// <summary>
/// Finds provider packages in a filesystem mirror laid out the way OpenTofu reads it (packed zips and
/// unpacked directories side by side). Entries that do not fit are ignored with a warning (the JSON indexes of
/// `tofu providers mirror` silently).
/// Symbolic links are followed for the base directory and from the provider type directory down; a
/// symlinked hostname or namespace directory is ignored.
/// </summary>
public static class FilesystemMirrorScanner
{
    /// <summary>The folder <c>tofu-mirror restore</c> keeps its own state in, inside the mirror it writes; not a hostname.</summary>
    public const string RestoreStateFolder = ".tofumirror";

    /// <summary>Scans <paramref name="baseDirectory"/>; a missing base directory gives an empty result.</summary>
    public static FilesystemMirrorScanResult Scan(string baseDirectory)
    {
        var packages = new List<MirrorPackage>();
        var warnings = new List<string>();
        var root = new DirectoryInfo(Path.GetFullPath(baseDirectory));
        if (root.Exists)
        {
            foreach (var hostDir in Subdirectories(root, warnings, followLinks: false))
            {
                if (hostDir.Name == RestoreStateFolder) continue;
                if (!ProviderNameRules.TryNormalizeHostname(hostDir.Name, out var host, out var hostError))
                {
                    warnings.Add($"Ignoring {hostDir.FullName}: invalid hostname \"{hostDir.Name}\" ({hostError}).");
                    continue;
                }
                foreach (var nsDir in Subdirectories(hostDir, warnings, followLinks: false))
                {
                    foreach (var typeDir in Subdirectories(nsDir, warnings, followLinks: true))
                    {
                        if (!ProviderAddress.TryCreate(host, nsDir.Name, typeDir.Name, out var address, out var addressError))
                        {
                            warnings.Add($"Ignoring {typeDir.FullName}: not a valid provider address ({addressError}).");
                            continue;
                        }
                        ScanProviderDirectory(typeDir, address, packages, warnings);
                    }
                }
            }
        }
        var sorted = packages
            .OrderBy(p => p.Address).ThenBy(p => p.Version).ThenBy(p => p.Platform).ThenBy(p => p.Kind)
            .ToArray();
        return new FilesystemMirrorScanResult(sorted, warnings);
    }

    private static void ScanProviderDirectory(DirectoryInfo typeDir, ProviderAddress address, List<MirrorPackage> packages, List<string> warnings)
    {
        foreach (var entry in SortedEntries(typeDir))
        {
            if (entry is FileInfo file)
            {
                if (!file.Exists)
                {
                    warnings.Add($"Ignoring {file.FullName}: it is a broken symbolic link.");
                }
                else if (file.Name.EndsWith(".json", StringComparison.Ordinal))
                {
                    // index.json and VERSION.json: the network-mirror indexes `tofu providers mirror` writes beside the zips.
                }
                else if (ProviderZipFileName.TryParseForType(file.Name, address.Type, out var zipName, out var zipError))
                {
                    packages.Add(new MirrorPackage(address, zipName.Version, zipName.Platform, MirrorPackageKind.Packed, file.FullName));
                }
                else
                {
                    warnings.Add($"Ignoring {file.FullName} as a possible package for {address.ForDisplay()}: {zipError}.");
                }
                continue;
            }

            var versionDir = (DirectoryInfo)entry;
            if (!ProviderVersion.TryParse(versionDir.Name, out var version, out var versionError))
            {
                warnings.Add($"Ignoring {versionDir.FullName}: invalid version \"{versionDir.Name}\" ({versionError}).");
                continue;
            }
            foreach (var platformEntry in SortedEntries(versionDir))
            {
                if (platformEntry is not DirectoryInfo platformDir)
                {
                    warnings.Add($"Ignoring {platformEntry.FullName}: expected a platform directory such as linux_amd64, found a file.");
                    continue;
                }
                if (!Platform.TryParse(platformDir.Name, out var platform, out var platformError))
                {
                    warnings.Add($"Ignoring {platformDir.FullName}: invalid platform \"{platformDir.Name}\" ({platformError}).");
                    continue;
                }
                packages.Add(new MirrorPackage(address, version, platform, MirrorPackageKind.Unpacked, platformDir.FullName));
            }
        }
    }

    private static IEnumerable<DirectoryInfo> Subdirectories(DirectoryInfo parent, List<string> warnings, bool followLinks)
    {
        foreach (var entry in SortedEntries(parent))
        {
            if (entry is not DirectoryInfo directory) continue;
            if (!followLinks && (directory.Attributes & FileAttributes.ReparsePoint) != 0)
            {
                warnings.Add($"Ignoring {directory.FullName}: symbolic links are followed only from the provider type directory down.");
                continue;
            }
            yield return directory;
        }
    }

    private static IEnumerable<FileSystemInfo> SortedEntries(DirectoryInfo directory) =>
        directory.EnumerateFileSystemInfos().OrderBy(e => e.Name, StringComparer.Ordinal).ToArray();
}
