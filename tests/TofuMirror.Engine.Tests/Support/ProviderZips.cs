using System;
using System.IO;
using System.IO.Compression;
using System.Text;
using TofuMirror.Engine.Hashing;
using TofuMirror.Model.Hashing;

namespace TofuMirror.Engine.Tests.Support;

/// <summary>One file to put in a test zip, with its Unix mode.</summary>
internal sealed record ZipFileEntry(string Name, byte[] Content, int UnixMode = ProviderZips.RegularMode)
{
    public static ZipFileEntry Text(string name, string content, int unixMode = ProviderZips.RegularMode) =>
        new(name, Encoding.UTF8.GetBytes(content), unixMode);
}

/// <summary>Builds small provider release zips like the real ones: an executable <c>terraform-provider-TYPE_vVERSION</c> plus a text file.</summary>
internal static class ProviderZips
{
    public const int ExecutableMode = 0b111_101_101; // 0755
    public const int RegularMode = 0b110_100_100; // 0644
    private static readonly DateTimeOffset Timestamp = new(2024, 1, 2, 3, 4, 6, TimeSpan.Zero);

    /// <summary>Writes <c>DIR/terraform-provider-TYPE_VERSION_OS_ARCH.zip</c>; <paramref name="flavour"/> changes the bytes (a "rebuilt" package).</summary>
    public static string Create(string directory, string type, string version, string platform, string flavour = "")
    {
        Directory.CreateDirectory(directory);
        var path = Path.Combine(directory, $"terraform-provider-{type}_{version}_{platform}.zip");
        Write(path, Entries(type, version, platform, flavour));
        return path;
    }

    /// <summary>The files of the package <see cref="Create"/> writes.</summary>
    public static ZipFileEntry[] Entries(string type, string version, string platform, string flavour = "") =>
    [
        ZipFileEntry.Text($"terraform-provider-{type}_v{version}", $"#!/bin/sh\necho provider {type} {version} {platform} {flavour}\n", ExecutableMode),
        ZipFileEntry.Text("LICENSE.txt", $"Test licence for {type}.\n"),
    ];

    /// <summary>Writes a zip with exactly these entries, in order, with Unix modes and a fixed time.</summary>
    public static void Write(string zipPath, params ZipFileEntry[] entries)
    {
        using var output = new FileStream(zipPath, FileMode.Create, FileAccess.Write);
        using var zip = new ZipArchive(output, ZipArchiveMode.Create);
        foreach (var file in entries)
        {
            var entry = zip.CreateEntry(file.Name, CompressionLevel.Optimal);
            entry.LastWriteTime = Timestamp;
            entry.ExternalAttributes = (0x8000 | file.UnixMode) << 16;
            using var stream = entry.Open();
            stream.Write(file.Content);
        }
    }

    /// <summary>
    /// Writes a zip as Go's archive/zip writes provider releases: deflated entries whose sizes and CRC follow their data
    /// in data descriptors (the writer cannot seek back), the central directory at the end.
    /// </summary>
    public static void WriteGoStyle(string zipPath, params ZipFileEntry[] entries)
    {
        using (var output = new FileStream(zipPath, FileMode.Create, FileAccess.Write))
        using (var zip = new ZipArchive(new TofuMirror.Testing.WriteOnlyStream(output), ZipArchiveMode.Create))
        {
            foreach (var file in entries)
            {
                var entry = zip.CreateEntry(file.Name, CompressionLevel.Optimal);
                entry.LastWriteTime = Timestamp;
                entry.ExternalAttributes = (0x8000 | file.UnixMode) << 16;
                using var stream = entry.Open();
                stream.Write(file.Content);
            }
        }
        if ((File.ReadAllBytes(zipPath)[6] & 0x08) == 0) throw new InvalidOperationException("the zip writer left out the data descriptors");
    }

    public static PackageHash Zh(string zipPath) => PackageHasher.ComputeZipHash(zipPath);

    public static PackageHash H1(string zipPath) => PackageHasher.ComputeH1FromZip(zipPath);
}
