using System.Collections.Generic;
using System.IO;
using System.Linq;
using Microsoft.VisualStudio.TestTools.UnitTesting;
using TofuMirror.Engine.Providers;
using TofuMirror.Engine.Push;
using TofuMirror.Engine.Tests.Support;
using TofuMirror.Testing;
using TofuMirror.Model.Addresses;
using TofuMirror.Model.Diagnostics;
using TofuMirror.Model.Packages;
using TofuMirror.Model.Platforms;
using TofuMirror.Model.Versions;

namespace TofuMirror.Engine.Tests.Push;

[TestClass]
public sealed class PushSourceReaderTests
{
    private static readonly ProviderAddress Random = ProviderAddress.Parse("hashicorp/random");

    [TestMethod]
    public void ReleaseZipNeedsTheProviderAndGivesVersionAndPlatformFromItsName()
    {
        using var temp = new TempFolder();
        var zip = ProviderZips.Create(temp.Path, "random", "3.6.0", "linux_amd64");
        var warnings = new List<string>();

        var package = PushSourceReader.Read([zip], Random, warnings).Single();

        Assert.AreEqual(Random, package.Address);
        Assert.AreEqual(ProviderVersion.Parse("3.6.0"), package.Version);
        Assert.AreEqual(Platform.Parse("linux_amd64"), package.Platform);
        Assert.AreEqual(MirrorPackageKind.Packed, package.Kind);
        Assert.AreEqual(Path.GetFullPath(zip), package.Path);
        Assert.AreEqual(0, warnings.Count);
    }

    [TestMethod]
    public void PrereleaseAndBuildVersionsComeFromTheZipName()
    {
        using var temp = new TempFolder();
        var zip = ProviderZips.Create(temp.Path, "random", "1.0.0-beta.1+build.5", "darwin_arm64");
        var package = PushSourceReader.Read([zip], Random, []).Single();
        Assert.AreEqual("1.0.0-beta.1+build.5", package.Version.ToString());
        Assert.AreEqual("1.0.0-beta.1_build.5", package.Version.ToOciTag());
    }

    [TestMethod]
    public void ReleaseZipWithoutProviderIsAnError()
    {
        using var temp = new TempFolder();
        var zip = ProviderZips.Create(temp.Path, "random", "3.6.0", "linux_amd64");
        var failure = Assert.ThrowsExactly<ProviderFailure>(() => PushSourceReader.Read([zip], null, []));
        Assert.AreEqual(DiagnosticCodes.FileNotReadable, failure.Code);
        StringAssert.Contains(failure.Message, "--provider");
    }

    [TestMethod]
    [DataRow("terraform-provider-null_3.6.0_linux_amd64.zip", "lacks the expected prefix \"terraform-provider-random_\"")]
    [DataRow("terraform-provider-random_3.6.0.zip", "does not include a version and platform")]
    [DataRow("terraform-provider-random_v3.6.0_linux_amd64.zip", "has an invalid version")]
    public void ZipNamedForAnotherProviderOrWithoutPlatformIsAnError(string fileName, string reason)
    {
        using var temp = new TempFolder();
        var zip = temp.Combine(fileName);
        ProviderZips.Write(zip, ProviderZips.Entries("random", "3.6.0", "linux_amd64"));
        var failure = Assert.ThrowsExactly<ProviderFailure>(() => PushSourceReader.Read([zip], Random, []));
        Assert.AreEqual(DiagnosticCodes.FileNotReadable, failure.Code);
        StringAssert.Contains(failure.Message, reason);
        StringAssert.Contains(failure.Message, "terraform-provider-random_VERSION_OS_ARCH.zip");
    }

    [TestMethod]
    public void MissingPathIsAnError()
    {
        using var temp = new TempFolder();
        var failure = Assert.ThrowsExactly<ProviderFailure>(() => PushSourceReader.Read([temp.Combine("nope.zip")], Random, []));
        Assert.AreEqual(DiagnosticCodes.FileNotReadable, failure.Code);
        StringAssert.Contains(failure.Message, "does not exist");
    }

    [TestMethod]
    public void MirrorFolderGivesPackedAndUnpackedPackagesPreferringTheZip()
    {
        using var temp = new TempFolder();
        var providerDir = temp.CreateDirectory("mirror", "registry.opentofu.org", "hashicorp", "random");
        ProviderZips.Create(providerDir, "random", "3.6.0", "linux_amd64");
        // The same package unpacked beside its zip, and another platform only unpacked.
        foreach (var platform in new[] { "linux_amd64", "darwin_arm64" })
        {
            var dir = Directory.CreateDirectory(Path.Combine(providerDir, "3.6.0", platform)).FullName;
            File.WriteAllText(Path.Combine(dir, "terraform-provider-random_v3.6.0"), "binary " + platform);
        }
        var otherDir = temp.CreateDirectory("mirror", "example.com", "acme", "thing", "2.0.0", "linux_arm64");
        File.WriteAllText(Path.Combine(otherDir, "terraform-provider-thing_v2.0.0"), "thing");
        File.WriteAllText(Path.Combine(providerDir, "terraform-provider-random_invalid.zip"), "junk");
        var warnings = new List<string>();

        var packages = PushSourceReader.Read([temp.Combine("mirror")], provider: null, warnings);

        var found = packages.Select(p => $"{p.Address} {p.Version} {p.Platform} {p.Kind}").OrderBy(s => s, System.StringComparer.Ordinal).ToArray();
        CollectionAssert.AreEqual(new[]
        {
            "example.com/acme/thing 2.0.0 linux_arm64 Unpacked",
            "registry.opentofu.org/hashicorp/random 3.6.0 darwin_arm64 Unpacked",
            "registry.opentofu.org/hashicorp/random 3.6.0 linux_amd64 Packed",
        }, found);
        Assert.IsTrue(warnings.Any(w => w.Contains("terraform-provider-random_invalid.zip")), string.Join("\n", warnings));
    }

    [TestMethod]
    public void FolderWithoutPackagesIsAnError()
    {
        using var temp = new TempFolder();
        File.WriteAllText(temp.Combine("readme.txt"), "not a mirror");
        var failure = Assert.ThrowsExactly<ProviderFailure>(() => PushSourceReader.Read([temp.Path], null, []));
        Assert.AreEqual(DiagnosticCodes.FileNotReadable, failure.Code);
        StringAssert.Contains(failure.Message, "holds no provider packages");
    }
    private static readonly ProviderAddress Demo = ProviderAddress.Parse("registry.opentofu.org/tofumirror/demo");

    [TestMethod]
    public void ProvidersMirrorFolderListingEveryTrustedHash_IsRead_AndItsJsonIndexesAreNoPackages()
    {
        using var temp = new TempFolder();
        var (folder, zips) = ProvidersMirrorFolder.Create(temp.Path, Demo, "1.0.0", "linux_amd64", "darwin_arm64");
        ProvidersMirrorFolder.WriteVersionIndex(folder, "1.0.0", zips, ProvidersMirrorFolder.TrustedHashes);
        var warnings = new List<string>();

        var packages = PushSourceReader.Read([temp.Path], null, warnings);

        CollectionAssert.AreEquivalent(zips.Values.ToList(), packages.Select(p => p.Path).ToList());
        Assert.AreEqual(0, warnings.Count, string.Join("\n", warnings));
    }

    [TestMethod]
    public void ProvidersMirrorFolderBefore112_WithOneH1PerArchive_IsChecked()
    {
        using var temp = new TempFolder();
        var (folder, zips) = ProvidersMirrorFolder.Create(temp.Path, Demo, "1.0.0", "linux_amd64");
        ProvidersMirrorFolder.WriteVersionIndex(folder, "1.0.0", zips, zip => [ProviderZips.H1(zip).ToString()]);
        Assert.AreEqual(1, PushSourceReader.Read([temp.Path], null, []).Count);

        ProvidersMirrorFolder.WriteVersionIndex(folder, "1.0.0", zips, _ => ["h1:" + new string('A', 43) + "="]);
        var failure = Assert.ThrowsExactly<ProviderFailure>(() => PushSourceReader.Read([temp.Path], null, []));
        Assert.AreEqual(DiagnosticCodes.ChecksumMismatch, failure.Code);
    }

    [TestMethod]
    [DataRow("zh")]
    [DataRow("h1")]
    public void ProvidersMirrorFolderWithAWrongHashListed_FailsNamingTheZipTheIndexAndBothHashes(string wrongScheme)
    {
        using var temp = new TempFolder();
        var (folder, zips) = ProvidersMirrorFolder.Create(temp.Path, Demo, "1.0.0", "linux_amd64", "darwin_arm64");
        var other = ProviderZips.Create(temp.CreateDirectory("other"), "demo", "1.0.0", "darwin_arm64", flavour: "other");
        // darwin_arm64's entry lists the hash of other bytes for one scheme.
        var indexPath = ProvidersMirrorFolder.WriteVersionIndex(folder, "1.0.0", zips, zip =>
            !zip.EndsWith("darwin_arm64.zip") ? ProvidersMirrorFolder.TrustedHashes(zip)
            : wrongScheme == "zh" ? [ProviderZips.H1(zip).ToString(), ProviderZips.Zh(other).ToString()]
            : [ProviderZips.H1(other).ToString(), ProviderZips.Zh(zip).ToString()]);

        var failure = Assert.ThrowsExactly<ProviderFailure>(() => PushSourceReader.Read([temp.Path], null, []));

        Assert.AreEqual(DiagnosticCodes.ChecksumMismatch, failure.Code);
        StringAssert.Contains(failure.Message, zips["darwin_arm64"] + " does not match " + indexPath);
        var (actual, listed) = wrongScheme == "zh"
            ? (ProviderZips.Zh(zips["darwin_arm64"]), ProviderZips.Zh(other))
            : (ProviderZips.H1(zips["darwin_arm64"]), ProviderZips.H1(other));
        StringAssert.Contains(failure.Message, $"it has {actual}, but the {wrongScheme}: hashes listed for darwin_arm64 are {listed}");
        StringAssert.Contains(failure.Message, "nothing was pushed");
    }

    [TestMethod]
    [DataRow("{\"archives\": [")]
    [DataRow("{\"versions\": {}}")]
    [DataRow("{\"archives\": {\"linux_amd64\": {\"url\": \"x.zip\", \"hashes\": [\"no-scheme\"]}}}")]
    public void ProvidersMirrorFolderWithAnUnreadableVersionIndex_FailsNamingIt(string json)
    {
        using var temp = new TempFolder();
        var (folder, _) = ProvidersMirrorFolder.Create(temp.Path, Demo, "1.0.0", "linux_amd64");
        File.WriteAllText(Path.Combine(folder, "1.0.0.json"), json);

        var failure = Assert.ThrowsExactly<ProviderFailure>(() => PushSourceReader.Read([temp.Path], null, []));

        Assert.AreEqual(DiagnosticCodes.SyntaxError, failure.Code);
        StringAssert.Contains(failure.Message, Path.Combine(folder, "1.0.0.json") + " is not a version index");
    }
}
