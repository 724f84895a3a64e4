using System;
using System.IO;
using System.IO.Compression;
using System.Linq;
using System.Text;
using Microsoft.VisualStudio.TestTools.UnitTesting;
using TofuMirror.Testing;
using TofuMirror.Engine.Hashing;
using TofuMirror.Engine.Zip;
using TofuMirror.Engine.Tests.Hashing;
using TofuMirror.Model.Hashing;

namespace TofuMirror.Engine.Tests.Zip;

[TestClass]
public sealed class StreamingZipExtractorTests
{
    /// <summary>A deflated zip as .NET writes it to a file (sizes in the local headers, no data descriptors).</summary>
    private static byte[] DeflatedZip(params (string Name, byte[] Data, int Mode)[] entries)
    {
        using var output = new MemoryStream();
        using (var zip = new ZipArchive(output, ZipArchiveMode.Create, leaveOpen: true))
        {
            foreach (var (name, data, mode) in entries)
            {
                var entry = zip.CreateEntry(name, CompressionLevel.Optimal);
                entry.ExternalAttributes = (0x8000 | mode) << 16;
                using var stream = entry.Open();
                stream.Write(data);
            }
        }
        return output.ToArray();
    }

    private static byte[] Text(string s) => Encoding.UTF8.GetBytes(s);

    private static PackageHash Extract(byte[] zip, string target) =>
        StreamingZipExtractor.ExtractAndHash(new TricklingStream(zip), zip.Length, target);

    [TestMethod]
    public void GivesTheSameFilesAndH1AsTheSeekableExtractor()
    {
        using var temp = new TempFolder();
        var big = new byte[3 * 1024 * 1024 + 17];
        new Random(7).NextBytes(big);
        var zip = DeflatedZip(
            ("terraform-provider-demo_v1.0.0", big, 0b111_101_101),
            ("README.md", Text("hello\n"), 0b110_100_100),
            ("docs/", [], 0b111_101_101),
            ("docs/guide.md", Text(new string('x', 100_000)), 0b110_100_100),
            ("empty.txt", [], 0b110_100_100));
        var zipPath = temp.Combine("p.zip");
        File.WriteAllBytes(zipPath, zip);

        var streamed = Extract(zip, temp.Combine("streamed"));
        var seekable = SafeZipExtractor.ExtractAndHash(zipPath, temp.Combine("seekable"));

        Assert.AreEqual(seekable, streamed);
        Assert.AreEqual(PackageHasher.ComputeH1FromDirectory(temp.Combine("streamed")), streamed);
        CollectionAssert.AreEqual(big, File.ReadAllBytes(temp.Combine("streamed", "terraform-provider-demo_v1.0.0")));
        Assert.IsTrue(Directory.Exists(temp.Combine("streamed", "docs")));
        if (!OperatingSystem.IsWindows())
        {
            Assert.IsTrue(File.GetUnixFileMode(temp.Combine("streamed", "terraform-provider-demo_v1.0.0")).HasFlag(UnixFileMode.UserExecute));
            Assert.IsFalse(File.GetUnixFileMode(temp.Combine("streamed", "README.md")).HasFlag(UnixFileMode.UserExecute));
        }
    }

    [TestMethod]
    public void ExtractsStoredEntries()
    {
        using var temp = new TempFolder();
        var zip = new TestZipWriter().Add("a.txt", "alpha\n").AddDirectory("d/").Add("d/b.txt", "beta\n", 0b110_100_100).ToBytes();
        File.WriteAllBytes(temp.Combine("p.zip"), zip);

        var h1 = Extract(zip, temp.Combine("out"));

        Assert.AreEqual(SafeZipExtractor.ExtractAndHash(temp.Combine("p.zip"), temp.Combine("seekable")), h1);
        Assert.AreEqual("beta\n", File.ReadAllText(temp.Combine("out", "d", "b.txt")));
    }

    [TestMethod]
    [DataRow("../evil.txt")]
    [DataRow("a/../../evil.txt")]
    [DataRow("/evil.txt")]
    [DataRow("C:/evil.txt")]
    public void RefusesEntriesThatEscapeTheTarget(string name)
    {
        using var temp = new TempFolder();
        var zip = DeflatedZip(("ok.txt", Text("fine\n"), 0b110_100_100), (name, Text("no\n"), 0b110_100_100));

        Assert.ThrowsExactly<UnsafeZipEntryException>(() => Extract(zip, temp.Combine("stage", "out")));

        Assert.AreEqual(0, Directory.EnumerateFiles(temp.Path, "evil*", SearchOption.AllDirectories).Count());
    }

    [TestMethod]
    public void RefusesACentralDirectoryNameThatDiffersFromTheLocalHeader()
    {
        using var temp = new TempFolder();
        var zip = new TestZipWriter().Add("run.sh", "#!/bin/sh\n").Add("LICENSE.txt", "licence\n").ToBytes();
        var central = IndexOf(zip, [0x50, 0x4b, 0x01, 0x02]);
        var name = IndexOf(zip, Text("LICENSE.txt"), central);
        Text("LICENSE.exe").CopyTo(zip, name); // a seekable reader would write LICENSE.exe

        var e = Assert.ThrowsExactly<InconsistentZipException>(() => Extract(zip, temp.Combine("out")));
        StringAssert.Contains(e.Message, "LICENSE.txt");
    }

    [TestMethod]
    public void RefusesACentralDirectoryWithFewerEntries()
    {
        using var temp = new TempFolder();
        var hidden = new TestZipWriter().Add("a.txt", "a").Add("hidden.txt", "not listed").ToBytes();
        // Keep both local entries but the central directory and end record of a zip that lists only the first.
        var listed = new TestZipWriter().Add("a.txt", "a").ToBytes();
        var listedCentral = IndexOf(listed, [0x50, 0x4b, 0x01, 0x02]);
        var hiddenCentral = IndexOf(hidden, [0x50, 0x4b, 0x01, 0x02]);
        var zip = hidden.Take(hiddenCentral).Concat(listed.Skip(listedCentral)).ToArray();

        Assert.ThrowsExactly<InconsistentZipException>(() => Extract(zip, temp.Combine("out")));
    }

    [TestMethod]
    public void RefusesALocalHeaderWhoseSizesDoNotMatchTheData()
    {
        using var temp = new TempFolder();
        var zip = DeflatedZip(("a.txt", Text(new string('a', 5000)), 0b110_100_100));
        zip[22] = 0x10; // uncompressed size, low byte: 5000 (0x1388) becomes 0x1310
        zip[23] = 0x13;

        Assert.ThrowsExactly<InconsistentZipException>(() => Extract(zip, temp.Combine("out")));
    }

    [TestMethod]
    public void RefusesAnEndRecordThatPointsElsewhere()
    {
        using var temp = new TempFolder();
        var zip = new TestZipWriter().Add("a.txt", "a").ToBytes();
        var end = IndexOf(zip, [0x50, 0x4b, 0x05, 0x06]);
        zip[end + 16] ^= 0x01; // central directory offset

        Assert.ThrowsExactly<InconsistentZipException>(() => Extract(zip, temp.Combine("out")));
    }

    [TestMethod]
    public void RefusesDataAfterTheEndRecord()
    {
        using var temp = new TempFolder();
        var zip = new TestZipWriter().Add("a.txt", "a").ToBytes();
        var other = new TestZipWriter().Add("b.txt", "b").ToBytes(); // a backwards search for the end record finds this zip's

        Assert.ThrowsExactly<InconsistentZipException>(() => Extract(zip.Concat(other).ToArray(), temp.Combine("out")));
    }

    [TestMethod]
    public void RefusesAnotherEndRecordInTheArchiveComment()
    {
        using var temp = new TempFolder();
        var zip = new TestZipWriter().Add("a.txt", "a").ToBytes();
        var comment = new byte[] { 0x50, 0x4b, 0x05, 0x06, 0, 0, 0, 0, 1, 0, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0 };
        zip[zip.Length - 2] = (byte)comment.Length; // the end record's comment length (it was empty)

        Assert.ThrowsExactly<InconsistentZipException>(() => Extract(zip.Concat(comment).ToArray(), temp.Combine("out")));
    }

    [TestMethod]
    public void ADuplicateNameKeepsTheLastEntryLikeTheSeekableExtractor()
    {
        using var temp = new TempFolder();
        var zip = DeflatedZip(("README.md", Text("first\n"), 0b110_100_100), ("run", Text("#!/bin/sh\n"), 0b111_101_101),
            ("README.md", Text("second\n"), 0b110_100_100));
        File.WriteAllBytes(temp.Combine("p.zip"), zip);

        var h1 = Extract(zip, temp.Combine("out"));

        Assert.AreEqual(SafeZipExtractor.ExtractAndHash(temp.Combine("p.zip"), temp.Combine("seekable")), h1);
        Assert.AreEqual("second\n", File.ReadAllText(temp.Combine("out", "README.md")));
    }

    [TestMethod]
    public void LeavesZipsWithDataDescriptorsToTheSeekableExtractor()
    {
        using var temp = new TempFolder();
        using var output = new MemoryStream();
        using (var zip = new ZipArchive(new WriteOnlyStream(output), ZipArchiveMode.Create))
        {
            using var stream = zip.CreateEntry("a.txt").Open();
            stream.Write(Text("streamed by its writer\n"));
        }

        Assert.ThrowsExactly<ZipStreamingUnsupportedException>(() => Extract(output.ToArray(), temp.Combine("out")));
    }

    [TestMethod]
    public void ATruncatedZipIsLeftToTheSeekableExtractor()
    {
        using var temp = new TempFolder();
        var zip = DeflatedZip(("a.txt", Text(new string('a', 5000)), 0b110_100_100));

        Assert.ThrowsExactly<ZipStreamingUnsupportedException>(() => Extract(zip.Take(zip.Length - 30).ToArray(), temp.Combine("out")));
    }

    private static int IndexOf(byte[] haystack, byte[] needle, int from = 0)
    {
        for (var i = from; i <= haystack.Length - needle.Length; i++)
        {
            if (haystack.AsSpan(i, needle.Length).SequenceEqual(needle)) return i;
        }
        throw new InvalidOperationException("not found");
    }

    /// <summary>A forward-only stream that hands out a few bytes at a time, as a network download does.</summary>
    internal sealed class TricklingStream(byte[] data) : Stream
    {
        private int _position;

        public override int Read(byte[] buffer, int offset, int count)
        {
            var n = Math.Min(Math.Min(count, 1 + (int)(_position * 7919L % 5003)), data.Length - _position);
            Array.Copy(data, _position, buffer, offset, n);
            _position += n;
            return n;
        }

        public override bool CanRead => true;
        public override bool CanSeek => false;
        public override bool CanWrite => false;
        public override long Length => throw new NotSupportedException();
        public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }
        public override void Flush() { }
        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
        public override void SetLength(long value) => throw new NotSupportedException();
        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    }
}
