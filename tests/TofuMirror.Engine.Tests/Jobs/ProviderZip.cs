using System;
using System.Collections.Generic;
using System.IO;
using System.IO.Compression;
using System.Text;

namespace TofuMirror.Engine.Tests.Jobs;

/// <summary>Builds small provider release zips for tests: stored entries, fixed timestamps, so the same content gives the same bytes.</summary>
internal static class ProviderZip
{
    private static readonly DateTimeOffset FixedTime = new(2020, 1, 1, 0, 0, 0, TimeSpan.Zero);

    /// <summary>Writes a zip with <paramref name="files"/> (name → text) in the given order; names ending in '/' become directory entries.</summary>
    public static string Write(string path, IEnumerable<KeyValuePair<string, string>> files)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        using var output = new FileStream(path, FileMode.Create, FileAccess.Write);
        using var zip = new ZipArchive(output, ZipArchiveMode.Create);
        foreach (var (name, text) in files)
        {
            var entry = zip.CreateEntry(name, CompressionLevel.NoCompression);
            entry.LastWriteTime = FixedTime;
            if (name.EndsWith('/')) continue;
            using var stream = entry.Open();
            var bytes = Encoding.UTF8.GetBytes(text);
            stream.Write(bytes, 0, bytes.Length);
        }
        return path;
    }

    /// <summary>A release zip <c>terraform-provider-TYPE_VERSION_OS_ARCH.zip</c> in <paramref name="directory"/> with a fake binary and a README.</summary>
    public static string Release(string directory, string type, string version, string platform, string? marker = null) =>
        Write(Path.Combine(directory, $"terraform-provider-{type}_{version}_{platform}.zip"),
        [
            new($"terraform-provider-{type}_v{version}", $"#!/bin/sh\necho {type} {version} {platform}{marker}\n"),
            new("README.md", "hello\n"),
        ]);
}
