using System;
using System.IO;
using System.Linq;
using Microsoft.VisualStudio.TestTools.UnitTesting;
using TofuMirror.Engine.Packages;
using TofuMirror.Testing;
using TofuMirror.Model.Packages;
using TofuMirror.Model.Platforms;

namespace TofuMirror.Engine.Tests.Packages;

[TestClass]
public sealed class FilesystemMirrorScannerTests
{
    [TestMethod]
    public void FindsPackedZipAndIgnoresInvalidNameCase59()
    {
        using var temp = new TempFolder();
        var good = temp.WriteFile("registry.opentofu.org/hashicorp/null/terraform-provider-null_2.1.0_linux_amd64.zip", "zip");
        temp.WriteFile("registry.opentofu.org/hashicorp/null/terraform-provider-null_invalid.zip", "zip");
        var result = FilesystemMirrorScanner.Scan(temp.Path);
        var package = result.Packages.Single();
        Assert.AreEqual("registry.opentofu.org/hashicorp/null", package.Address.ToString());
        Assert.AreEqual("2.1.0", package.Version.ToString());
        Assert.AreEqual("linux_amd64", package.Platform.ToString());
        Assert.AreEqual(MirrorPackageKind.Packed, package.Kind);
        Assert.AreEqual(good, package.Path);
        Assert.IsTrue(result.Warnings.Any(w => w.Contains("terraform-provider-null_invalid.zip")), string.Join("\n", result.Warnings));
    }

    [TestMethod]
    public void FindsUnpackedDirectoryCase60()
    {
        using var temp = new TempFolder();
        temp.WriteFile("registry.opentofu.org/hashicorp/random/3.6.0/linux_amd64/terraform-provider-random_v3.6.0", "bin");
        var result = FilesystemMirrorScanner.Scan(temp.Path);
        var package = result.Packages.Single();
        Assert.AreEqual("registry.opentofu.org/hashicorp/random", package.Address.ToString());
        Assert.AreEqual("3.6.0", package.Version.ToString());
        Assert.AreEqual(MirrorPackageKind.Unpacked, package.Kind);
        Assert.AreEqual(temp.Combine("registry.opentofu.org", "hashicorp", "random", "3.6.0", "linux_amd64"), package.Path);
        Assert.IsEmpty(result.Warnings);
    }

    [TestMethod]
    public void IgnoresInvalidEntriesWithWarnings()
    {
        using var temp = new TempFolder();
        Directory.CreateDirectory(temp.Combine("registry.opentofu.org", "hashicorp", "null", "invalid"));
        Directory.CreateDirectory(temp.Combine("registry.opentofu.org", "hashicorp", "null", "1.0.0", "linux-amd64"));
        Directory.CreateDirectory(temp.Combine("bad_host", "ns", "type", "1.0.0", "linux_amd64"));
        Directory.CreateDirectory(temp.Combine("example.com", "bad_ns", "type", "1.0.0", "linux_amd64"));
        Directory.CreateDirectory(temp.Combine("example.com", "-", "type", "1.0.0", "linux_amd64"));
        temp.WriteFile("registry.opentofu.org/hashicorp/null/README.txt", "x");
        temp.WriteFile("registry.opentofu.org/hashicorp/null/1.0.0/notes.txt", "x");
        temp.WriteFile("top-level-file.txt", "x");

        var result = FilesystemMirrorScanner.Scan(temp.Path);
        Assert.IsEmpty(result.Packages);
        var warnings = string.Join("\n", result.Warnings);
        foreach (var fragment in new[] { "invalid version \"invalid\"", "invalid platform \"linux-amd64\"", "invalid hostname \"bad_host\"", "bad_ns", Path.Combine("example.com", "-", "type"), "README.txt", "notes.txt" })
        {
            StringAssert.Contains(warnings, fragment);
        }
        Assert.HasCount(7, result.Warnings, warnings);
    }

    [TestMethod]
    public void NormalisesAddressesAndSortsResults()
    {
        using var temp = new TempFolder();
        temp.WriteFile("Example.COM/Test/Demo/terraform-provider-demo_1.0.0_linux_amd64.zip", "z");
        temp.WriteFile("example.com/test/demo/terraform-provider-demo_0.9.0_linux_amd64.zip", "z");
        Directory.CreateDirectory(temp.Combine("example.com", "test", "demo", "1.0.0", "darwin_arm64"));
        Directory.CreateDirectory(temp.Combine("registry.opentofu.org", "-", "legacy", "1.0", "linux_amd64"));
        var result = FilesystemMirrorScanner.Scan(temp.Path);
        var summary = result.Packages.Select(p => $"{p.Address} {p.Version} {p.Platform} {p.Kind}").ToArray();
        var expected = new[]
        {
            "example.com/test/demo 0.9.0 linux_amd64 Packed",
            "example.com/test/demo 1.0.0 darwin_arm64 Unpacked",
            "example.com/test/demo 1.0.0 linux_amd64 Packed",
            "registry.opentofu.org/-/legacy 1.0.0 linux_amd64 Unpacked",
        };
        if (OperatingSystem.IsWindows() || OperatingSystem.IsMacOS())
        {
            Assert.Inconclusive("case-insensitive file systems merge the two hostname folders");
        }
        CollectionAssert.AreEqual(expected, summary, string.Join("\n", summary));
    }

    [TestMethod]
    public void FollowsSymlinksFromTypeDirectoryDownButNotAboveIt()
    {
        if (OperatingSystem.IsWindows()) Assert.Inconclusive("symbolic links need privileges on Windows");
        using var temp = new TempFolder();
        var mirror = temp.Combine("mirror");
        var store = temp.Combine("store");
        Directory.CreateDirectory(Path.Combine(store, "linux_amd64"));
        var zip = temp.WriteFile("store-zip/any.zip", "z");
        var typeDir = Path.Combine(mirror, "example.com", "test", "demo");
        Directory.CreateDirectory(typeDir);
        Directory.CreateSymbolicLink(Path.Combine(typeDir, "2.0.0"), store);
        File.CreateSymbolicLink(Path.Combine(typeDir, "terraform-provider-demo_3.0.0_linux_amd64.zip"), zip);
        Directory.CreateDirectory(Path.Combine(store, "ns2", "type2", "1.0.0", "linux_amd64"));
        Directory.CreateSymbolicLink(Path.Combine(mirror, "linked.example"), store);

        var result = FilesystemMirrorScanner.Scan(mirror);
        var summary = result.Packages.Select(p => $"{p.Address} {p.Version} {p.Kind}").ToArray();
        CollectionAssert.AreEqual(new[] { "example.com/test/demo 2.0.0 Unpacked", "example.com/test/demo 3.0.0 Packed" }, summary);
        StringAssert.Contains(string.Join("\n", result.Warnings), "linked.example");
    }

    [TestMethod]
    public void MissingBaseDirectoryIsEmpty()
    {
        var result = FilesystemMirrorScanner.Scan(Path.Combine(Path.GetTempPath(), "does-not-exist-" + Guid.NewGuid()));
        Assert.IsEmpty(result.Packages);
        Assert.IsEmpty(result.Warnings);
    }
}
