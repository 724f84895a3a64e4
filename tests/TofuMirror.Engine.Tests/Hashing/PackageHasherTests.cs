using System;
using System.IO;
using System.Security.Cryptography;
using System.Text;
using Microsoft.VisualStudio.TestTools.UnitTesting;
using TofuMirror.Testing;
using TofuMirror.Engine.Hashing;
using TofuMirror.Engine.Zip;

namespace TofuMirror.Engine.Tests.Hashing;

[TestClass]
public sealed class PackageHasherTests
{
    private const string WorkedH1 = "h1:U5RVDcr6irM28qBuZN9gx81apIb82jbXmljb032GLR4=";
    private const string WorkedZh = "zh:b2dc4106c43d9c38a0bf1f0f986d9a3dac51e9f472ac1b5062f9dc8399f0471c";
    private const string EmptyH1 = "h1:47DEQpj8HBSa+/TImW+5JCeuQeRkm5NMpJWZG3hSuFU=";

    internal static TestZipWriter WorkedExample() => new TestZipWriter()
        .Add("terraform-provider-demo_v1.0.0", "#!/bin/sh\necho demo\n")
        .Add("README.md", "hello\n");

    private static string FixtureZip =>
        Path.Combine(RepoPaths.TestData("TofuMirror.Model.Tests"), "hashing", "terraform-provider-demo_1.0.0_linux_amd64.zip");

    [TestMethod]
    public void WorkedExampleWriterReproducesTheFixtureBytes()
    {
        var bytes = WorkedExample().ToBytes();
        Assert.HasCount(278, bytes);
        CollectionAssert.AreEqual(File.ReadAllBytes(FixtureZip), bytes);
    }

    [TestMethod]
    public void WorkedExampleZipHashes()
    {
        Assert.AreEqual(WorkedZh, PackageHasher.ComputeZipHash(FixtureZip).ToString());
        Assert.AreEqual(WorkedH1, PackageHasher.ComputeH1FromZip(FixtureZip).ToString());
        using var stream = new MemoryStream(WorkedExample().ToBytes());
        Assert.AreEqual(WorkedZh, PackageHasher.ComputeZipHash(stream).ToString());
        stream.Position = 0;
        Assert.AreEqual(WorkedH1, PackageHasher.ComputeH1FromZip(stream).ToString());
    }

    [TestMethod]
    public void WorkedExampleSummaryTextIsWhatTheSpecShows()
    {
        var summary =
            "5891b5b522d5df086d0ff0b110fbd9d21bb4fc7163af34d08286a2e846f6be03  README.md\n" +
            "a5a301c60af0fd8cd3d77a140c73dd78dc87848025d499d5afcc1f2f7327572f  terraform-provider-demo_v1.0.0\n";
        using var sha = SHA256.Create();
        var expected = "h1:" + Convert.ToBase64String(sha.ComputeHash(Encoding.UTF8.GetBytes(summary)));
        Assert.AreEqual(WorkedH1, expected);
    }

    [TestMethod]
    public void WorkedExampleDirectoryHashEqualsZipHash()
    {
        using var temp = new TempFolder();
        temp.WriteFile("terraform-provider-demo_v1.0.0", "#!/bin/sh\necho demo\n");
        temp.WriteFile("README.md", "hello\n");
        Assert.AreEqual(WorkedH1, PackageHasher.ComputeH1FromDirectory(temp.Path).ToString());
    }

    [TestMethod]
    public void EmptyDirectoryHash()
    {
        using var temp = new TempFolder();
        Assert.AreEqual(EmptyH1, PackageHasher.ComputeH1FromDirectory(temp.Path).ToString());
    }

    [TestMethod]
    public void EmptyDirectoriesInsideADirectoryAreNotListed()
    {
        using var temp = new TempFolder();
        Directory.CreateDirectory(temp.Combine("docs", "empty"));
        Assert.AreEqual(EmptyH1, PackageHasher.ComputeH1FromDirectory(temp.Path).ToString());
    }

    [TestMethod]
    public void ZipDirectoryEntryChangesZipH1ButNotDirectoryH1()
    {
        using var temp = new TempFolder();
        var plain = WorkedExample().WriteTo(temp.Combine("plain.zip"));
        var withDocs = WorkedExample().AddDirectory("docs/").WriteTo(temp.Combine("docs.zip"));

        var zipH1 = PackageHasher.ComputeH1FromZip(withDocs).ToString();
        Assert.AreNotEqual(WorkedH1, zipH1);
        Assert.AreEqual(WorkedH1, PackageHasher.ComputeH1FromZip(plain).ToString());

        var extracted = temp.Combine("extracted");
        SafeZipExtractor.Extract(withDocs, extracted);
        Assert.IsTrue(Directory.Exists(Path.Combine(extracted, "docs")));
        Assert.AreEqual(WorkedH1, PackageHasher.ComputeH1FromDirectory(extracted).ToString());
    }

    [TestMethod]
    public void ZipDirectoryEntryIsHashedAsEmptyContent()
    {
        var bytes = WorkedExample().AddDirectory("docs/").ToBytes();
        var summary =
            "5891b5b522d5df086d0ff0b110fbd9d21bb4fc7163af34d08286a2e846f6be03  README.md\n" +
            "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855  docs/\n" +
            "a5a301c60af0fd8cd3d77a140c73dd78dc87848025d499d5afcc1f2f7327572f  terraform-provider-demo_v1.0.0\n";
        using var sha = SHA256.Create();
        var expected = "h1:" + Convert.ToBase64String(sha.ComputeHash(Encoding.UTF8.GetBytes(summary)));
        Assert.AreEqual(expected, PackageHasher.ComputeH1FromZip(new MemoryStream(bytes)).ToString());
    }

    [TestMethod]
    public void DirectoryWalkUsesSlashesAndByteOrder()
    {
        using var temp = new TempFolder();
        temp.WriteFile("b/x.txt", "x");
        temp.WriteFile("a.txt", "a");
        temp.WriteFile("B.txt", "B");
        temp.WriteFile("\U0001F600.txt", "smile");
        temp.WriteFile("\uFF21.txt", "fullwidth");
        var names = new[] { "B.txt", "a.txt", "b/x.txt", "\uFF21.txt", "\U0001F600.txt" };
        var summary = new StringBuilder();
        using var sha = SHA256.Create();
        foreach (var name in names)
        {
            var content = File.ReadAllBytes(temp.Combine(name.Split('/')));
            summary.Append(PackageHasher.Hex(sha.ComputeHash(content))).Append("  ").Append(name).Append('\n');
        }
        var expected = "h1:" + Convert.ToBase64String(sha.ComputeHash(Encoding.UTF8.GetBytes(summary.ToString())));
        Assert.AreEqual(expected, PackageHasher.ComputeH1FromDirectory(temp.Path).ToString());
    }

    [TestMethod]
    public void SymlinkToFileIsListedWithTargetContent()
    {
        if (OperatingSystem.IsWindows()) Assert.Inconclusive("symbolic links need privileges on Windows");
        using var temp = new TempFolder();
        var package = temp.Combine("pkg");
        Directory.CreateDirectory(package);
        File.WriteAllText(Path.Combine(package, "README.md"), "hello\n");
        var outside = temp.WriteFile("outside/binary", "#!/bin/sh\necho demo\n");
        File.CreateSymbolicLink(Path.Combine(package, "terraform-provider-demo_v1.0.0"), outside);
        Assert.AreEqual(WorkedH1, PackageHasher.ComputeH1FromDirectory(package).ToString());
    }

    [TestMethod]
    public void SymlinkToDirectoryIsAnError()
    {
        if (OperatingSystem.IsWindows()) Assert.Inconclusive("symbolic links need privileges on Windows");
        using var temp = new TempFolder();
        var package = temp.Combine("pkg");
        Directory.CreateDirectory(package);
        Directory.CreateDirectory(temp.Combine("elsewhere"));
        Directory.CreateSymbolicLink(Path.Combine(package, "linked"), temp.Combine("elsewhere"));
        var error = Assert.Throws<IOException>(() => PackageHasher.ComputeH1FromDirectory(package));
        StringAssert.Contains(error.Message, "linked");
    }

    [TestMethod]
    public void NewlineInNameIsAnError()
    {
        var bytes = new TestZipWriter().Add("bad\nname", "x").ToBytes();
        var error = Assert.Throws<IOException>(() => PackageHasher.ComputeH1FromZip(new MemoryStream(bytes)));
        StringAssert.Contains(error.Message, "newline");
        if (!OperatingSystem.IsWindows())
        {
            using var temp = new TempFolder();
            File.WriteAllText(temp.Combine("bad\nname"), "x");
            Assert.Throws<IOException>(() => PackageHasher.ComputeH1FromDirectory(temp.Path));
        }
    }

    [TestMethod]
    public void DuplicateZipNamesAreListedTwiceWithTheLastContent()
    {
        var bytes = new TestZipWriter().Add("a", "first").Add("a", "second").ToBytes();
        using var sha = SHA256.Create();
        var line = PackageHasher.Hex(sha.ComputeHash(Encoding.UTF8.GetBytes("second"))) + "  a\n";
        var expected = "h1:" + Convert.ToBase64String(sha.ComputeHash(Encoding.UTF8.GetBytes(line + line)));
        Assert.AreEqual(expected, PackageHasher.ComputeH1FromZip(new MemoryStream(bytes)).ToString());
    }

    [TestMethod]
    public void DeflatedZipHashesTheSameAsStored()
    {
        using var temp = new TempFolder();
        var zipPath = temp.Combine("deflated.zip");
        using (var archive = System.IO.Compression.ZipFile.Open(zipPath, System.IO.Compression.ZipArchiveMode.Create))
        {
            foreach (var (name, content) in new[] { ("terraform-provider-demo_v1.0.0", "#!/bin/sh\necho demo\n"), ("README.md", "hello\n") })
            {
                var entry = archive.CreateEntry(name, System.IO.Compression.CompressionLevel.Optimal);
                using var writer = new StreamWriter(entry.Open(), new UTF8Encoding(false));
                writer.Write(content);
            }
        }
        Assert.AreEqual(WorkedH1, PackageHasher.ComputeH1FromZip(zipPath).ToString());
        Assert.AreNotEqual(WorkedZh, PackageHasher.ComputeZipHash(zipPath).ToString());
    }

    [TestMethod]
    public void ZipHashMatchesSha256OfLargeStream()
    {
        var data = new byte[3 * 1024 * 1024 + 17];
        new Random(42).NextBytes(data);
        using var sha = SHA256.Create();
        var expected = "zh:" + PackageHasher.Hex(sha.ComputeHash(data));
        Assert.AreEqual(expected, PackageHasher.ComputeZipHash(new MemoryStream(data)).ToString());
    }
}
