using System;
using System.IO;
using System.IO.Compression;
using System.Linq;
using Microsoft.VisualStudio.TestTools.UnitTesting;
using TofuMirror.Engine.Push;
using TofuMirror.Engine.Tests.Support;
using TofuMirror.Engine.Hashing;
using TofuMirror.Engine.Zip;
using TofuMirror.Testing;

namespace TofuMirror.Engine.Tests.Push;

[TestClass]
public sealed class DeterministicZipTests
{
    private static string MakePackageFolder(TempFolder temp, string name)
    {
        var dir = temp.CreateDirectory(name);
        File.WriteAllText(Path.Combine(dir, "terraform-provider-demo_v1.0.0"), "#!/bin/sh\necho demo\n");
        File.WriteAllText(Path.Combine(dir, "LICENSE"), "licence\n");
        Directory.CreateDirectory(Path.Combine(dir, "docs", "sub"));
        File.WriteAllText(Path.Combine(dir, "docs", "sub", "b.md"), "b\n");
        File.WriteAllText(Path.Combine(dir, "docs", "a.md"), "a\n");
        if (!OperatingSystem.IsWindows())
            File.SetUnixFileMode(Path.Combine(dir, "terraform-provider-demo_v1.0.0"),
                UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute | UnixFileMode.GroupRead | UnixFileMode.GroupExecute | UnixFileMode.OtherRead | UnixFileMode.OtherExecute);
        return dir;
    }

    [TestMethod]
    public void SameFolderGivesSameBytesWhateverTheTimestamps()
    {
        using var temp = new TempFolder();
        var dir = MakePackageFolder(temp, "pkg");
        DeterministicZip.Create(dir, temp.Combine("a.zip"));
        foreach (var file in Directory.EnumerateFiles(dir, "*", SearchOption.AllDirectories))
            File.SetLastWriteTimeUtc(file, new DateTime(2031, 5, 6, 7, 8, 9, DateTimeKind.Utc));
        DeterministicZip.Create(dir, temp.Combine("b.zip"));

        CollectionAssert.AreEqual(File.ReadAllBytes(temp.Combine("a.zip")), File.ReadAllBytes(temp.Combine("b.zip")));
    }

    [TestMethod]
    public void SameContentInAnotherFolderGivesSameBytes()
    {
        using var temp = new TempFolder();
        DeterministicZip.Create(MakePackageFolder(temp, "one"), temp.Combine("a.zip"));
        DeterministicZip.Create(MakePackageFolder(temp, "two"), temp.Combine("b.zip"));
        CollectionAssert.AreEqual(File.ReadAllBytes(temp.Combine("a.zip")), File.ReadAllBytes(temp.Combine("b.zip")));
    }

    [TestMethod]
    public void ZipH1EqualsFolderH1()
    {
        using var temp = new TempFolder();
        var dir = MakePackageFolder(temp, "pkg");
        DeterministicZip.Create(dir, temp.Combine("a.zip"));
        Assert.AreEqual(PackageHasher.ComputeH1FromDirectory(dir), PackageHasher.ComputeH1FromZip(temp.Combine("a.zip")));
    }

    [TestMethod]
    public void EntriesAreFilesOnlySortedWithSlashes()
    {
        using var temp = new TempFolder();
        DeterministicZip.Create(MakePackageFolder(temp, "pkg"), temp.Combine("a.zip"));
        using var zip = ZipFile.OpenRead(temp.Combine("a.zip"));
        CollectionAssert.AreEqual(new[] { "LICENSE", "docs/a.md", "docs/sub/b.md", "terraform-provider-demo_v1.0.0" },
            zip.Entries.Select(e => e.FullName).ToArray());
    }

    [TestMethod]
    public void ExecutableBitSurvivesZipAndExtraction()
    {
        if (OperatingSystem.IsWindows())
        {
            Assert.Inconclusive("Unix file modes only");
            return;
        }

        using var temp = new TempFolder();
        DeterministicZip.Create(MakePackageFolder(temp, "pkg"), temp.Combine("a.zip"));
        using (var zip = ZipFile.OpenRead(temp.Combine("a.zip")))
        {
            var mode = (zip.GetEntry("terraform-provider-demo_v1.0.0")!.ExternalAttributes >> 16) & 0xFFFF;
            Assert.AreEqual(0x8000 | 0b111_101_101, mode);
            var licenceMode = (zip.GetEntry("LICENSE")!.ExternalAttributes >> 16) & 0b001_001_001;
            Assert.AreEqual(0, licenceMode);
        }
        var extracted = temp.Combine("out");
        SafeZipExtractor.Extract(temp.Combine("a.zip"), extracted);
        Assert.IsTrue(File.GetUnixFileMode(Path.Combine(extracted, "terraform-provider-demo_v1.0.0")).HasFlag(UnixFileMode.UserExecute));
        Assert.IsFalse(File.GetUnixFileMode(Path.Combine(extracted, "LICENSE")).HasFlag(UnixFileMode.UserExecute));
    }

    [TestMethod]
    public void ExistingTargetIsNotOverwritten()
    {
        using var temp = new TempFolder();
        File.WriteAllText(temp.Combine("a.zip"), "keep");
        Assert.ThrowsExactly<IOException>(() => DeterministicZip.Create(MakePackageFolder(temp, "pkg"), temp.Combine("a.zip")));
        Assert.AreEqual("keep", File.ReadAllText(temp.Combine("a.zip")));
    }
}
