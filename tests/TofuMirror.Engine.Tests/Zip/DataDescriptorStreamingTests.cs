using System;
using System.IO;
using System.IO.Compression;
using System.Linq;
using System.Text;
using Microsoft.VisualStudio.TestTools.UnitTesting;
using TofuMirror.Testing;
using TofuMirror.Engine.Hashing;
using TofuMirror.Engine.Zip;
using static TofuMirror.Engine.Tests.Zip.StreamingZipExtractorTests;

namespace TofuMirror.Engine.Tests.Zip;

/// <summary>
/// Zips with data descriptors (as Go writes provider releases) stream when their central directory was read first from
/// the zip's end; whatever in the stream disagrees with that directory leaves the zip to the seekable extractor.
/// </summary>
[TestClass]
public sealed class DataDescriptorStreamingTests
{
    private static byte[] GoStyleZip(params (string Name, byte[] Data)[] entries)
    {
        using var output = new MemoryStream();
        using (var zip = new ZipArchive(new WriteOnlyStream(output), ZipArchiveMode.Create))
        {
            foreach (var (name, data) in entries)
            {
                var entry = zip.CreateEntry(name, CompressionLevel.Optimal);
                entry.ExternalAttributes = (0x8000 | 0b111_101_101) << 16;
                using var stream = entry.Open();
                stream.Write(data);
            }
        }
        var bytes = output.ToArray();
        Assert.AreEqual(0x08, bytes[6] & 0x08, "the writer should have used data descriptors");
        return bytes;
    }

    private static byte[] Payload()
    {
        var bytes = new byte[2 << 20];
        new Random(3).NextBytes(bytes.AsSpan(0, 1 << 20));
        for (var i = 1 << 20; i < bytes.Length; i++) bytes[i] = (byte)"deflates well "[i % 14];
        return bytes;
    }

    private static ZipDirectoryListing? ListingOf(byte[] zip, int tailLength = ZipDirectoryListing.TailLength) =>
        ZipDirectoryListing.TryRead(zip[^Math.Min(tailLength, zip.Length)..], zip.Length, out _);

    [TestMethod]
    public void TheTailGivesEveryEntrysSizesAndCrc()
    {
        var zip = GoStyleZip(("terraform-provider-demo_v1.0.0", Payload()), ("LICENSE.txt", Encoding.UTF8.GetBytes("licence\n")));

        var listing = ListingOf(zip);

        Assert.IsNotNull(listing);
        using var archive = new ZipArchive(new MemoryStream(zip), ZipArchiveMode.Read);
        Assert.AreEqual(archive.Entries.Count, listing.Entries.Count);
        for (var i = 0; i < archive.Entries.Count; i++)
        {
            Assert.AreEqual(archive.Entries[i].FullName, Encoding.UTF8.GetString(listing.Entries[i].NameBytes));
            Assert.AreEqual(archive.Entries[i].CompressedLength, (long)listing.Entries[i].CompressedSize);
            Assert.AreEqual(archive.Entries[i].Length, (long)listing.Entries[i].UncompressedSize);
            Assert.AreEqual(archive.Entries[i].Crc32, listing.Entries[i].Crc32);
        }
    }

    [TestMethod]
    public void ATailTooShortForTheDirectorySaysHowLongItMustBe()
    {
        var zip = GoStyleZip(("a.txt", Encoding.UTF8.GetBytes("a\n")), ("b.txt", Encoding.UTF8.GetBytes("b\n")));
        var directoryOffset = BitConverter.ToInt32(zip, zip.Length - 22 + 16);

        Assert.IsNull(ZipDirectoryListing.TryRead(zip[^40..], zip.Length, out var needed));
        Assert.AreEqual(zip.Length - directoryOffset, needed);
        Assert.IsNotNull(ZipDirectoryListing.TryRead(zip[^needed..], zip.Length, out _));
    }

    [TestMethod]
    public void ATailWithoutAnEndRecordGivesNoListing()
    {
        var zip = GoStyleZip(("a.txt", Encoding.UTF8.GetBytes("a\n")));

        Assert.IsNull(ZipDirectoryListing.TryRead(zip[..^1], zip.Length - 1, out var needed));
        Assert.AreEqual(0, needed);
    }

    [TestMethod]
    public void StreamsWithTheDirectoryReadFirst_LikeTheSeekableExtractor()
    {
        using var temp = new TempFolder();
        var payload = Payload();
        var zip = GoStyleZip(("terraform-provider-demo_v1.0.0", payload), ("docs/guide.md", Encoding.UTF8.GetBytes("guide\n")), ("empty.txt", []));
        File.WriteAllBytes(temp.Combine("p.zip"), zip);
        var reads = 0;

        var streamed = StreamingZipExtractor.ExtractAndHash(new TricklingStream(zip), zip.Length, temp.Combine("streamed"), () =>
        {
            reads++;
            return ListingOf(zip);
        });

        Assert.AreEqual(1, reads);
        Assert.AreEqual(SafeZipExtractor.ExtractAndHash(temp.Combine("p.zip"), temp.Combine("seekable")), streamed);
        Assert.AreEqual(PackageHasher.ComputeH1FromDirectory(temp.Combine("streamed")), streamed);
        CollectionAssert.AreEqual(payload, File.ReadAllBytes(temp.Combine("streamed", "terraform-provider-demo_v1.0.0")));
        if (!OperatingSystem.IsWindows())
            Assert.IsTrue(File.GetUnixFileMode(temp.Combine("streamed", "terraform-provider-demo_v1.0.0")).HasFlag(UnixFileMode.UserExecute));
    }

    [TestMethod]
    [DataRow(16, DisplayName = "CRC-32")]
    [DataRow(20, DisplayName = "compressed size")]
    [DataRow(24, DisplayName = "uncompressed size")]
    [DataRow(42, DisplayName = "local header offset")]
    public void ADirectoryReadFirstThatDisagreesWithTheZipLeavesItToTheSeekableExtractor(int field)
    {
        using var temp = new TempFolder();
        var zip = GoStyleZip(("a.bin", Payload()), ("b.txt", Encoding.UTF8.GetBytes("b\n")));
        var lying = (byte[])zip.Clone();
        lying[BitConverter.ToInt32(zip, zip.Length - 22 + 16) + field] ^= 0x01; // the first entry's field in the directory

        Assert.ThrowsExactly<ZipStreamingUnsupportedException>(() =>
            StreamingZipExtractor.ExtractAndHash(new TricklingStream(zip), zip.Length, temp.Combine("out"), () => ListingOf(lying)));
    }

    [TestMethod]
    public void DataThatDisagreesWithItsDescriptorIsLeftToTheSeekableExtractor()
    {
        using var temp = new TempFolder();
        var zip = GoStyleZip(("a.txt", Encoding.UTF8.GetBytes(new string('a', 5000))));
        var tampered = (byte[])zip.Clone();
        // The descriptor right before the central directory: its CRC no longer matches the directory's.
        tampered[BitConverter.ToInt32(zip, zip.Length - 22 + 16) - 12] ^= 0x01;

        Assert.ThrowsExactly<ZipStreamingUnsupportedException>(() =>
            StreamingZipExtractor.ExtractAndHash(new TricklingStream(tampered), tampered.Length, temp.Combine("out"), () => ListingOf(tampered)));
    }

    [TestMethod]
    public void WithoutADirectoryReadFirstTheZipIsLeftToTheSeekableExtractor()
    {
        using var temp = new TempFolder();
        var zip = GoStyleZip(("a.txt", Encoding.UTF8.GetBytes("a\n")));

        Assert.ThrowsExactly<ZipStreamingUnsupportedException>(() =>
            StreamingZipExtractor.ExtractAndHash(new TricklingStream(zip), zip.Length, temp.Combine("out"), () => null));
        Assert.IsFalse(File.Exists(temp.Combine("out", "a.txt")));
    }
}
