using System;
using System.IO;
using System.IO.Compression;
using System.Linq;

namespace TofuMirror.Engine.Push;

/// <summary>
/// Zips an unpacked provider folder so the same folder always gives the same bytes (and OCI digest): files only
/// (no directory entries, so the zip's h1: equals the folder's), sorted by name, a fixed timestamp, Unix modes kept.
/// </summary>
public static class DeterministicZip
{
    private static readonly DateTimeOffset FixedTime = new(1980, 1, 1, 0, 0, 0, TimeSpan.Zero);

    public static void Create(string directory, string zipPath)
    {
        var files = Directory.EnumerateFiles(directory, "*", SearchOption.AllDirectories)
            .Select(f => (Full: f, Name: Path.GetRelativePath(directory, f).Replace('\\', '/')))
            .OrderBy(f => f.Name, StringComparer.Ordinal)
            .ToList();
        using var output = new FileStream(zipPath, FileMode.CreateNew, FileAccess.Write);
        using var zip = new ZipArchive(output, ZipArchiveMode.Create);
        foreach (var (full, name) in files)
        {
            var entry = zip.CreateEntry(name, CompressionLevel.Optimal);
            entry.LastWriteTime = FixedTime;
            if (!OperatingSystem.IsWindows())
                entry.ExternalAttributes = (int)(0x8000 | (int)File.GetUnixFileMode(full)) << 16;
            using var source = File.OpenRead(full);
            using var target = entry.Open();
            source.CopyTo(target);
        }
    }
}
