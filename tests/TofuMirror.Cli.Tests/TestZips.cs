using System;
using System.Collections.Generic;
using System.IO;
using System.IO.Compression;
using System.Text;

namespace TofuMirror.Cli.Tests;

/// <summary>Small provider zips made in the tests (stored entries, fixed timestamps).</summary>
internal static class TestZips
{
    public static string Write(string path, params (string Name, string Text)[] entries)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        using var output = new FileStream(path, FileMode.Create, FileAccess.Write);
        using var zip = new ZipArchive(output, ZipArchiveMode.Create);
        foreach (var (name, text) in entries)
        {
            var entry = zip.CreateEntry(name, CompressionLevel.NoCompression);
            entry.LastWriteTime = new DateTimeOffset(2020, 1, 1, 0, 0, 0, TimeSpan.Zero);
            using var stream = entry.Open();
            var bytes = Encoding.UTF8.GetBytes(text);
            stream.Write(bytes, 0, bytes.Length);
        }
        return path;
    }

    /// <summary>The lock-file spec §4 worked example's entries.</summary>
    public static string WorkedExample(string directory) =>
        Write(Path.Combine(directory, "terraform-provider-demo_1.0.0_linux_amd64.zip"),
            ("terraform-provider-demo_v1.0.0", "#!/bin/sh\necho demo\n"),
            ("README.md", "hello\n"));

    public static string Release(string directory, string version, string platform) =>
        Write(Path.Combine(directory, $"terraform-provider-demo_{version}_{platform}.zip"),
            ($"terraform-provider-demo_v{version}", $"#!/bin/sh\necho demo {version} {platform}\n"),
            ("README.md", "hello\n"));
}
