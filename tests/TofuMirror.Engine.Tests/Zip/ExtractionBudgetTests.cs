using System;
using System.IO;
using System.IO.Compression;
using System.Linq;
using Microsoft.VisualStudio.TestTools.UnitTesting;
using TofuMirror.Engine.Tests.Hashing;
using TofuMirror.Engine.Zip;
using TofuMirror.Testing;

namespace TofuMirror.Engine.Tests.Zip;

/// <summary>Both extractors refuse zips that would write far more than a provider package needs, before the disk fills.</summary>
[TestClass]
public sealed class ExtractionBudgetTests
{
    /// <summary>A zip of entries holding <c>size</c> zero bytes each, deflated (about 1000 to 1).</summary>
    internal static byte[] ZerosZip(params (string Name, int Size)[] entries)
    {
        using var output = new MemoryStream();
        using (var zip = new ZipArchive(output, ZipArchiveMode.Create, leaveOpen: true))
        {
            var zeros = new byte[1 << 20];
            foreach (var (name, size) in entries)
            {
                using var stream = zip.CreateEntry(name, CompressionLevel.Optimal).Open();
                for (var left = size; left > 0; left -= zeros.Length) stream.Write(zeros, 0, Math.Min(left, zeros.Length));
            }
        }
        return output.ToArray();
    }

    private static long BytesUnder(string directory) =>
        Directory.Exists(directory) ? Directory.EnumerateFiles(directory, "*", SearchOption.AllDirectories).Sum(f => new FileInfo(f).Length) : 0;

    private static void ExtractSeekable(byte[] zip, string target) => SafeZipExtractor.ExtractAndHash(WriteZip(zip, target + ".zip"), target);

    private static void ExtractStreaming(byte[] zip, string target) =>
        StreamingZipExtractor.ExtractAndHash(new StreamingZipExtractorTests.TricklingStream(zip), zip.Length, target);

    private static string WriteZip(byte[] zip, string path)
    {
        File.WriteAllBytes(path, zip);
        return path;
    }

    [TestMethod]
    [DataRow(true)]
    [DataRow(false)]
    public void ADeflateBombIsRefusedBeforeAnythingIsWritten(bool streaming)
    {
        using var temp = new TempFolder();
        var zip = ZerosZip(("README.md", 100), ("terraform-provider-bomb", 64 << 20));
        var target = temp.Combine("out");

        var e = Assert.ThrowsExactly<ZipLimitExceededException>(() => (streaming ? (Action<byte[], string>)ExtractStreaming : ExtractSeekable)(zip, target));

        StringAssert.Contains(e.Message, "terraform-provider-bomb");
        StringAssert.Contains(e.Message, "more than 200 times");
        Assert.IsTrue(BytesUnder(target) < 1 << 20, $"{BytesUnder(target)} bytes were written");
    }

    [TestMethod]
    [DataRow(true)]
    [DataRow(false)]
    public void TheTotalIsBoundedByTheZipSize(bool streaming)
    {
        using var temp = new TempFolder();
        // Each entry is small enough to be exempt from the ratio check; together they exceed the 1 MiB floor.
        var zip = ZerosZip(("a", 1 << 20), ("b", 1 << 20), ("c", 1 << 20));
        var target = temp.Combine("out");

        var e = Assert.ThrowsExactly<ZipLimitExceededException>(() => (streaming ? (Action<byte[], string>)ExtractStreaming : ExtractSeekable)(zip, target));

        StringAssert.Contains(e.Message, $"more than {1 << 20} bytes");
        Assert.IsTrue(BytesUnder(target) <= 1 << 20, $"{BytesUnder(target)} bytes were written");
    }

    [TestMethod]
    [DataRow(true)]
    [DataRow(false)]
    public void TooManyEntriesAreRefused(bool streaming)
    {
        using var temp = new TempFolder();
        var writer = new TestZipWriter();
        for (var i = 0; i <= ExtractionBudget.MaxEntries; i++) writer.AddDirectory($"d{i}/");
        var zip = writer.ToBytes();
        var target = temp.Combine("out");

        var e = Assert.ThrowsExactly<ZipLimitExceededException>(() => (streaming ? (Action<byte[], string>)ExtractStreaming : ExtractSeekable)(zip, target));

        StringAssert.Contains(e.Message, $"more than {ExtractionBudget.MaxEntries} entries");
    }

    [TestMethod]
    public void AnOrdinaryPackageFitsWithRoomToSpare()
    {
        using var temp = new TempFolder();
        var zip = ZerosZip(("README.md", 10_000));
        var h1 = SafeZipExtractor.ExtractAndHash(WriteZip(zip, temp.Combine("p.zip")), temp.Combine("out"));

        Assert.AreEqual(h1, StreamingZipExtractor.ExtractAndHash(new StreamingZipExtractorTests.TricklingStream(zip), zip.Length, temp.Combine("streamed")));
        Assert.AreEqual(1L << 20, new ExtractionBudget(100).MaxTotalBytes);
        Assert.AreEqual(ExtractionBudget.AbsoluteMaxTotalBytes, new ExtractionBudget(1L << 40).MaxTotalBytes);
        Assert.AreEqual(300L << 20, new ExtractionBudget(3L << 20).MaxTotalBytes);
    }
}
