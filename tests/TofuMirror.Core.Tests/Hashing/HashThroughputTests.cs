using System;
using System.Diagnostics;
using System.IO;
using System.IO.Compression;
using System.Linq;
using Microsoft.VisualStudio.TestTools.UnitTesting;

namespace TofuMirror.Core.Tests;

/// <summary>
/// Our zh and h1 hashing of a 100 MB zip must keep up with <c>sha256sum</c> of the same file (at least 0.8x).
/// Best of three runs each, so that a busy machine slows both sides alike.
/// </summary>
[TestClass]
public sealed class HashThroughputTests
{
    private const int Megabytes = 100;

    [TestMethod]
    [TestCategory("Performance")]
    public void HashingKeepsUpWithSha256sum()
    {
        var sha256sum = new[] { "/usr/bin/sha256sum", "/bin/sha256sum" }.FirstOrDefault(File.Exists);
        if (sha256sum is null)
        {
            Assert.Inconclusive("sha256sum is not installed");
            return;
        }
        using var temp = new TempDirectory();
        var zipPath = temp.Combine("big.zip");
        WriteStoredZip(zipPath);

        var reference = BestOf(3, () => RunSha256sum(sha256sum, zipPath));
        var zh = BestOf(3, () => PackageHasher.ComputeZipHash(zipPath));
        var h1 = BestOf(3, () => PackageHasher.ComputeH1FromZip(zipPath));
        var report = $"sha256sum {reference:F3}s, zh {zh:F3}s, h1 {h1:F3}s";
        Console.WriteLine(report);
        Assert.IsLessThanOrEqualTo(reference / 0.8, zh, report);
        Assert.IsLessThanOrEqualTo(reference / 0.8, h1, report);
    }

    private static void WriteStoredZip(string path)
    {
        var chunk = new byte[1 << 20];
        new Random(1).NextBytes(chunk);
        using var archive = ZipFile.Open(path, ZipArchiveMode.Create);
        using (var entry = archive.CreateEntry("terraform-provider-big_v1.0.0", CompressionLevel.NoCompression).Open())
        {
            for (var i = 0; i < Megabytes - 1; i++)
            {
                chunk[0] = (byte)i;
                entry.Write(chunk, 0, chunk.Length);
            }
        }
        using (var readme = archive.CreateEntry("README.md", CompressionLevel.NoCompression).Open())
        {
            readme.Write(chunk, 0, chunk.Length);
        }
    }

    private static void RunSha256sum(string tool, string path)
    {
        var start = new ProcessStartInfo(tool, path) { RedirectStandardOutput = true, UseShellExecute = false };
        using var process = Process.Start(start)!;
        process.StandardOutput.ReadToEnd();
        process.WaitForExit();
        Assert.AreEqual(0, process.ExitCode);
    }

    private static double BestOf(int runs, Action action)
    {
        var best = double.MaxValue;
        for (var i = 0; i < runs; i++)
        {
            var watch = Stopwatch.StartNew();
            action();
            best = Math.Min(best, watch.Elapsed.TotalSeconds);
        }
        return best;
    }

    private static double BestOf<T>(int runs, Func<T> action) => BestOf(runs, () => { _ = action(); });
}
