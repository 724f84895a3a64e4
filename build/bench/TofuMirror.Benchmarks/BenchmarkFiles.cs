using System;
using System.IO;
using System.IO.Compression;
using System.Text;

namespace TofuMirror.Benchmarks;

/// <summary>Inputs made once per machine under the temp folder: a 100 MB provider zip and a large lock file.</summary>
internal static class BenchmarkFiles
{
    private static readonly string Folder = Path.Combine(Path.GetTempPath(), "tofumirror-bench");

    /// <summary>A provider-like zip: one 100 MB incompressible "binary" plus a few small files, stored as providers ship.</summary>
    public static string LargeZip(int megabytes = 100)
    {
        var path = Path.Combine(Folder, $"terraform-provider-big_1.0.0_linux_amd64-{megabytes}mb.zip");
        if (File.Exists(path)) return path;
        Directory.CreateDirectory(Folder);
        var temp = path + ".tmp";
        using (var zip = ZipFile.Open(temp, ZipArchiveMode.Create))
        {
            var random = new Random(42);
            var buffer = new byte[1 << 20];
            using (var binary = zip.CreateEntry("terraform-provider-big_v1.0.0", CompressionLevel.NoCompression).Open())
                for (var i = 0; i < megabytes; i++) { random.NextBytes(buffer); binary.Write(buffer); }
            foreach (var name in new[] { "LICENSE", "README.md", "CHANGELOG.md" })
                using (var text = new StreamWriter(zip.CreateEntry(name).Open())) text.Write($"{name} of the benchmark provider\n");
        }
        File.Move(temp, path);
        return path;
    }

    /// <summary>A lock file with <paramref name="providers"/> providers, each with 15 platforms' hashes, as tofu writes them.</summary>
    public static string LargeLockFileText(int providers = 2000)
    {
        var text = new StringBuilder("# This file is maintained automatically by \"tofu init\".\n# Manual edits may be lost in future updates.\n");
        var random = new Random(7);
        var bytes = new byte[32];
        for (var p = 0; p < providers; p++)
        {
            text.Append($"\nprovider \"registry.opentofu.org/bench{p / 100}/provider{p}\" {{\n");
            text.Append($"  version     = \"{p % 7}.{p % 13}.{p % 5}\"\n  constraints = \">= {p % 7}.0.0\"\n  hashes = [\n");
            for (var h = 0; h < 15; h++) { random.NextBytes(bytes); text.Append($"    \"h1:{Convert.ToBase64String(bytes)}\",\n"); }
            for (var h = 0; h < 15; h++) { random.NextBytes(bytes); text.Append($"    \"zh:{Convert.ToHexStringLower(bytes)}\",\n"); }
            text.Append("  ]\n}\n");
        }
        return text.ToString();
    }
}
