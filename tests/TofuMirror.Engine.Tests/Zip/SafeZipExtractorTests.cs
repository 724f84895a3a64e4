using System;
using System.IO;
using System.Linq;
using Microsoft.VisualStudio.TestTools.UnitTesting;
using TofuMirror.Engine.Hashing;
using TofuMirror.Engine.Zip;
using TofuMirror.Engine.Tests.Hashing;
using TofuMirror.Testing;

namespace TofuMirror.Engine.Tests.Zip;

[TestClass]
public sealed class SafeZipExtractorTests
{
    [TestMethod]
    public void ExtractsEntriesWithRelativePaths()
    {
        using var temp = new TempFolder();
        var zip = new TestZipWriter()
            .Add("terraform-provider-demo_v1.0.0", "#!/bin/sh\necho demo\n")
            .AddDirectory("docs/")
            .Add("docs/guide.md", "guide\n", 0b110_100_100)
            .Add("nested/deeper/file.txt", "x", 0b110_100_100)
            .WriteTo(temp.Combine("p.zip"));
        var target = temp.Combine("out");
        var names = SafeZipExtractor.Extract(zip, target);
        CollectionAssert.AreEqual(new[] { "terraform-provider-demo_v1.0.0", "docs/", "docs/guide.md", "nested/deeper/file.txt" }, names.ToArray());
        Assert.AreEqual("#!/bin/sh\necho demo\n", File.ReadAllText(Path.Combine(target, "terraform-provider-demo_v1.0.0")));
        Assert.AreEqual("guide\n", File.ReadAllText(Path.Combine(target, "docs", "guide.md")));
        Assert.AreEqual("x", File.ReadAllText(Path.Combine(target, "nested", "deeper", "file.txt")));
    }

    [TestMethod]
    public void KeepsTheExecutableBitOnUnix()
    {
        if (OperatingSystem.IsWindows())
        {
            Assert.Inconclusive("Unix file modes only");
            return;
        }
        using var temp = new TempFolder();
        var zip = new TestZipWriter()
            .Add("terraform-provider-demo_v1.0.0", "#!/bin/sh\necho demo\n", 0b111_101_101)
            .Add("README.md", "hello\n", 0b110_100_100)
            .WriteTo(temp.Combine("p.zip"));
        var target = temp.Combine("out");
        SafeZipExtractor.Extract(zip, target);
        var binaryMode = File.GetUnixFileMode(Path.Combine(target, "terraform-provider-demo_v1.0.0"));
        var readmeMode = File.GetUnixFileMode(Path.Combine(target, "README.md"));
        Assert.IsTrue(binaryMode.HasFlag(UnixFileMode.UserExecute), binaryMode.ToString());
        Assert.IsTrue(binaryMode.HasFlag(UnixFileMode.OtherExecute), binaryMode.ToString());
        Assert.IsFalse(readmeMode.HasFlag(UnixFileMode.UserExecute), readmeMode.ToString());
    }

    [TestMethod]
    [DataRow("../evil.txt", "\"..\" segment")]
    [DataRow("a/../../evil.txt", "\"..\" segment")]
    [DataRow("..\\evil.txt", "\"..\" segment")]
    [DataRow("/etc/evil.txt", "absolute path")]
    [DataRow("\\evil.txt", "absolute path")]
    [DataRow("C:/evil.txt", "drive letter")]
    [DataRow("c:evil.txt", "drive letter")]
    public void RejectsEscapingEntriesBeforeWritingAnything(string entryName, string reason)
    {
        using var temp = new TempFolder();
        var zip = new TestZipWriter().Add("good.txt", "fine").Add(entryName, "bad").WriteTo(temp.Combine("p.zip"));
        var target = temp.Combine("out");
        var error = Assert.Throws<UnsafeZipEntryException>(() => SafeZipExtractor.Extract(zip, target));
        Assert.AreEqual(entryName, error.EntryName);
        StringAssert.Contains(error.Message, entryName);
        StringAssert.Contains(error.Message, reason);
        Assert.IsFalse(File.Exists(Path.Combine(target, "good.txt")));
        Assert.IsFalse(File.Exists(temp.Combine("evil.txt")));
    }

    [TestMethod]
    public void ExtractedWorkedExampleHashesLikeTheZip()
    {
        using var temp = new TempFolder();
        var zip = PackageHasherTests.WorkedExample().WriteTo(temp.Combine("p.zip"));
        var target = temp.Combine("out");
        SafeZipExtractor.Extract(zip, target);
        Assert.AreEqual(PackageHasher.ComputeH1FromZip(zip), PackageHasher.ComputeH1FromDirectory(target));
    }

    [TestMethod]
    public void StreamsLargeDeflatedEntries()
    {
        using var temp = new TempFolder();
        var zipPath = temp.Combine("big.zip");
        var data = new byte[5 * 1024 * 1024 + 3];
        new Random(7).NextBytes(data);
        using (var archive = System.IO.Compression.ZipFile.Open(zipPath, System.IO.Compression.ZipArchiveMode.Create))
        {
            using var entry = archive.CreateEntry("bin/big").Open();
            entry.Write(data, 0, data.Length);
        }
        var target = temp.Combine("out");
        SafeZipExtractor.Extract(zipPath, target);
        CollectionAssert.AreEqual(data, File.ReadAllBytes(Path.Combine(target, "bin", "big")));
    }
}
