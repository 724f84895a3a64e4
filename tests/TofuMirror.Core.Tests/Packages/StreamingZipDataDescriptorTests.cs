using System;
using System.IO;
using System.Linq;
using System.Text;
using Microsoft.VisualStudio.TestTools.UnitTesting;

namespace TofuMirror.Core.Tests.Packages;

/// <summary>
/// Zips whose entries give their sizes in a data descriptor after the data, as Go's archive/zip writes every
/// provider release zip: extracted while streaming exactly as the seekable extractor does, and refused when the
/// descriptor, the data and the central directory disagree.
/// </summary>
[TestClass]
public sealed class StreamingZipDataDescriptorTests
{
    private static byte[] Text(string s) => Encoding.UTF8.GetBytes(s);

    private static DataDescriptorZipWriter ReleaseLike(DataDescriptorZipWriter writer, byte[] binary) => writer
        .Add("terraform-provider-demo_v1.0.0", binary, 0b111_101_101)
        .Add("README.md", "hello\n")
        .Add("docs/guide.md", new string('x', 100_000))
        .Add("empty.txt", "")
        .Add("LICENSE", "licence " + new string('y', 70_000) + "\n");

    private static byte[] RandomBytes(int length, int seed)
    {
        var bytes = new byte[length];
        new Random(seed).NextBytes(bytes);
        return bytes;
    }

    [TestMethod]
    [DataRow(true, true)]
    [DataRow(false, true)]
    [DataRow(true, false)]
    [DataRow(false, false)]
    public void GivesTheSameFilesModesAndH1AsTheSeekableExtractor(bool descriptorSignature, bool trickle)
    {
        using var temp = new TempDirectory();
        var binary = RandomBytes(3 * 1024 * 1024 + 17, 11);
        var zip = ReleaseLike(new DataDescriptorZipWriter { DescriptorSignature = descriptorSignature }, binary).ToBytes();
        Assert.AreEqual(0x08, zip[6] & 0x08);
        var zipPath = temp.Combine("p.zip");
        File.WriteAllBytes(zipPath, zip);

        Stream source = trickle ? new StreamingZipExtractorTests.TricklingStream(zip) : new MemoryStream(zip);
        var streamed = StreamingZipExtractor.ExtractAndHash(source, temp.Combine("streamed"));
        var seekable = SafeZipExtractor.ExtractAndHash(zipPath, temp.Combine("seekable"));

        Assert.AreEqual(seekable, streamed);
        Assert.AreEqual(PackageHasher.ComputeH1FromDirectory(temp.Combine("streamed")), streamed);
        CollectionAssert.AreEqual(binary, File.ReadAllBytes(temp.Combine("streamed", "terraform-provider-demo_v1.0.0")));
        Assert.AreEqual(0, new FileInfo(temp.Combine("streamed", "empty.txt")).Length);
        if (!OperatingSystem.IsWindows())
        {
            Assert.IsTrue(File.GetUnixFileMode(temp.Combine("streamed", "terraform-provider-demo_v1.0.0")).HasFlag(UnixFileMode.UserExecute));
            Assert.IsFalse(File.GetUnixFileMode(temp.Combine("streamed", "README.md")).HasFlag(UnixFileMode.UserExecute));
        }
    }

    [TestMethod]
    public void ManySmallEntriesReadAheadByTheDecompressorAreGivenBack()
    {
        using var temp = new TempDirectory();
        var writer = new DataDescriptorZipWriter();
        for (var i = 0; i < 200; i++) writer.Add($"f{i:D3}.txt", $"file {i} " + new string((char)('a' + i % 26), i * 7));
        var zip = writer.ToBytes();
        File.WriteAllBytes(temp.Combine("p.zip"), zip);

        var h1 = StreamingZipExtractor.ExtractAndHash(new MemoryStream(zip), temp.Combine("out"));

        Assert.AreEqual(SafeZipExtractor.ExtractAndHash(temp.Combine("p.zip"), temp.Combine("seekable")), h1);
        Assert.AreEqual("file 199 " + new string((char)('a' + 199 % 26), 199 * 7), File.ReadAllText(temp.Combine("out", "f199.txt")));
    }

    [TestMethod]
    [DataRow(0u, 1u, 0u)]
    [DataRow(0u, 0u, 1u)]
    [DataRow(0u, uint.MaxValue, 0u)]
    public void RefusesADescriptorWhoseSizesDisagreeWithTheData(uint crcDelta, uint compressedDelta, uint uncompressedDelta)
    {
        using var temp = new TempDirectory();
        var zip = new DataDescriptorZipWriter
        {
            TamperDescriptor = (i, d) => i == 1 ? (d.Crc + crcDelta, d.Compressed + compressedDelta, d.Uncompressed + uncompressedDelta) : d,
        }.Add("a.txt", "alpha\n").Add("b.txt", new string('b', 5000)).Add("c.txt", "gamma\n").ToBytes();

        Assert.ThrowsExactly<InconsistentZipException>(() => StreamingZipExtractor.ExtractAndHash(new StreamingZipExtractorTests.TricklingStream(zip), temp.Combine("out")));
    }

    [TestMethod]
    [DataRow(1u, 0u, 0u)]
    [DataRow(0u, 1u, 0u)]
    [DataRow(0u, 0u, 1u)]
    public void RefusesADescriptorThatDisagreesWithTheCentralDirectory(uint crcDelta, uint compressedDelta, uint uncompressedDelta)
    {
        using var temp = new TempDirectory();
        var zip = new DataDescriptorZipWriter
        {
            TamperCentral = (i, d) => i == 1 ? (d.Crc + crcDelta, d.Compressed + compressedDelta, d.Uncompressed + uncompressedDelta) : d,
        }.Add("a.txt", "alpha\n").Add("b.txt", new string('b', 5000)).ToBytes();

        var e = Assert.ThrowsExactly<InconsistentZipException>(() => StreamingZipExtractor.ExtractAndHash(new StreamingZipExtractorTests.TricklingStream(zip), temp.Combine("out")));
        StringAssert.Contains(e.Message, "b.txt");
    }

    [TestMethod]
    public void RefusesALocalHeaderWhoseCrcDisagreesWithTheDescriptor()
    {
        using var temp = new TempDirectory();
        var zip = new DataDescriptorZipWriter().Add("a.txt", "alpha\n").ToBytes();
        zip[14] = 0x01; // the local header's CRC, which should be zero with a data descriptor

        Assert.ThrowsExactly<InconsistentZipException>(() => StreamingZipExtractor.ExtractAndHash(new MemoryStream(zip), temp.Combine("out")));
    }

    [TestMethod]
    public void LeavesAStoredEntryWithADataDescriptorToTheSeekableExtractor()
    {
        using var temp = new TempDirectory();
        var zip = new DataDescriptorZipWriter().Add("a.txt", "alpha\n").AddStored("b.txt", "beta\n").ToBytes();

        var e = Assert.ThrowsExactly<ZipStreamingUnsupportedException>(() => StreamingZipExtractor.ExtractAndHash(new MemoryStream(zip), temp.Combine("out")));
        StringAssert.Contains(e.Message, "stored");
    }

    [TestMethod]
    public void LeavesAZip64DescribedEntryToTheSeekableExtractor()
    {
        using var temp = new TempDirectory();
        var zip = new DataDescriptorZipWriter().Add("a.txt", "alpha\n").ToBytes();
        // Give the local header a Zip64 extra field (its descriptor would then have 64-bit sizes).
        var extra = new byte[] { 0x01, 0x00, 0x10, 0x00, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0 };
        var nameEnd = 30 + "a.txt".Length;
        zip[28] = (byte)extra.Length;
        var patched = zip.Take(nameEnd).Concat(extra).Concat(zip.Skip(nameEnd)).ToArray();

        var e = Assert.ThrowsExactly<ZipStreamingUnsupportedException>(() => StreamingZipExtractor.ExtractAndHash(new MemoryStream(patched), temp.Combine("out")));
        StringAssert.Contains(e.Message, "Zip64");
    }

    [TestMethod]
    public void ATruncatedDescribedEntryIsNotExtracted()
    {
        using var temp = new TempDirectory();
        var zip = new DataDescriptorZipWriter().Add("a.txt", new string('a', 5000)).ToBytes();
        var descriptor = zip.Length - 22 - (46 + "a.txt".Length) - 16; // before the end record, the central header, the descriptor
        Assert.AreEqual(0x08074b50u, BitConverter.ToUInt32(zip, descriptor));

        // Refused or left to the seekable extractor (which fails on it too); either way never taken as complete.
        Assert.Throws<IOException>(() =>
            StreamingZipExtractor.ExtractAndHash(new MemoryStream(zip.Take(descriptor + 6).ToArray()), temp.Combine("out")));
    }
}
