using System;
using System.IO;
using System.Linq;
using System.Threading.Tasks;
using Microsoft.VisualStudio.TestTools.UnitTesting;
using TofuMirror.Engine.Hashing;
using TofuMirror.Engine.Mirror;
using TofuMirror.Engine.Origin;
using TofuMirror.Engine.Tests.Support;
using TofuMirror.Model.Diagnostics;
using TofuMirror.Model.Hashing;
using TofuMirror.Model.Platforms;
using TofuMirror.Model.Versions;
using TofuMirror.Testing;

namespace TofuMirror.Engine.Tests.Mirror;

/// <summary>A <c>tofu providers mirror</c> folder (or any filesystem mirror) as an origin, and the checks that need no signature.</summary>
[TestClass]
public sealed class FolderProviderOriginTests
{
    private static readonly Platform Linux = Platform.Parse("linux_amd64");
    private static readonly ProviderVersion V1 = ProviderVersion.Parse("1.0.0");

    [TestMethod]
    public async Task APackedFolder_ListsVersionsAndPlatforms_AndReportsTheVersionJsonHashes()
    {
        using var temp = new TempFolder();
        var (folder, zips) = ProvidersMirrorFolder.Create(temp.Combine("origin"), RestoreScenario.Demo, "1.0.0", "linux_amd64", "darwin_arm64");
        ProvidersMirrorFolder.WriteVersionIndex(folder, "1.0.0", zips, ProvidersMirrorFolder.TrustedHashes);
        var origin = new FolderProviderOrigin(temp.Combine("origin"));

        var versions = await origin.ListVersionsAsync(RestoreScenario.Demo, default);
        var package = (await origin.FindPackageAsync(RestoreScenario.Demo, V1, Linux, default))!;

        Assert.AreEqual("1.0.0", versions.Single().Version.ToString());
        CollectionAssert.AreEqual(new[] { "darwin_arm64", "linux_amd64" }, versions.Single().Platforms.Select(p => p.ToString()).ToArray());
        Assert.AreEqual("terraform-provider-demo_1.0.0_linux_amd64.zip", package.Filename);
        Assert.IsNull(package.Shasum);
        Assert.IsNull(package.Signature);
        Assert.AreEqual(new FileInfo(zips["linux_amd64"]).Length, package.Size);
        CollectionAssert.AreEquivalent(new[] { ProviderZips.H1(zips["linux_amd64"]), ProviderZips.Zh(zips["linux_amd64"]) }, package.ReportedHashes[Linux].Hashes.ToArray());
        Assert.IsNull(await origin.FindPackageAsync(RestoreScenario.Demo, V1, Platform.Parse("windows_amd64"), default));
        using var copy = new MemoryStream();
        await origin.DownloadAsync(package, copy, default);
        CollectionAssert.AreEqual(File.ReadAllBytes(zips["linux_amd64"]), copy.ToArray());
    }

    [TestMethod]
    public async Task AnUnpackedPackage_IsServedAsTheDeterministicZipPushMakes_ReportingOnlyItsH1()
    {
        using var temp = new TempFolder();
        var zip = ProviderZips.Create(temp.Combine("zips"), "demo", "1.0.0", "linux_amd64");
        var unpacked = temp.CreateDirectory("origin", "registry.opentofu.org", "tofumirror", "demo", "1.0.0", "linux_amd64");
        System.IO.Compression.ZipFile.ExtractToDirectory(zip, unpacked);
        var providerFolder = temp.Combine("origin", "registry.opentofu.org", "tofumirror", "demo");
        File.WriteAllText(Path.Combine(providerFolder, "1.0.0.json"),
            $"{{\"archives\":{{\"linux_amd64\":{{\"hashes\":[\"{PackageHasher.ComputeH1FromDirectory(unpacked)}\",\"{ProviderZips.Zh(zip)}\"]}}}}}}");
        var origin = new FolderProviderOrigin(temp.Combine("origin"));

        var package = (await origin.FindPackageAsync(RestoreScenario.Demo, V1, Linux, default))!;
        var served = temp.Combine("served.zip");
        using (var file = File.Create(served)) await origin.DownloadAsync(package, file, default);

        Assert.IsNull(package.Size);
        Assert.AreEqual(PackageHash.SchemeH1, package.ReportedHashes[Linux].Hashes.Single().Scheme);
        Assert.AreEqual(PackageHasher.ComputeH1FromDirectory(unpacked), PackageHasher.ComputeH1FromZip(served));
    }

    [TestMethod]
    public async Task AMissingFolder_IsReportedAsNoOrigin()
    {
        using var temp = new TempFolder();
        var origin = new FolderProviderOrigin(temp.Combine("nowhere"));

        var failure = await Assert.ThrowsExactlyAsync<OriginException>(() => origin.ListVersionsAsync(RestoreScenario.Demo, default));

        Assert.AreEqual(DiagnosticCodes.FileNotReadable, failure.Code);
        StringAssert.Contains(failure.Message, temp.Combine("nowhere") + " does not exist");
    }

    [TestMethod]
    [DataRow("shasum", "but the origin's shasum is")]
    [DataRow("size", "but the origin announced 1")]
    [DataRow("packageSize", "but the origin reports a package size of 2")]
    [DataRow("h1", "but the h1: hashes the origin reports for it are")]
    [DataRow(null, null)]
    public async Task TheHashCheck_RefusesAPackageTheOriginDoesNotVouchFor(string? wrong, string? message)
    {
        using var temp = new TempFolder();
        var zip = ProviderZips.Create(temp.Path, "demo", "1.0.0", "linux_amd64");
        var zh = ProviderZips.Zh(zip);
        var h1 = ProviderZips.H1(zip);
        var size = new FileInfo(zip).Length;
        var otherH1 = ProviderZips.H1(ProviderZips.Create(temp.Combine("other"), "demo", "1.0.0", "linux_amd64", flavour: "other"));
        var reported = new OriginPlatformHashes([wrong == "h1" ? otherH1 : h1, zh], wrong == "packageSize" ? 2 : size);
        var origin = new OriginPackage(RestoreScenario.Demo, V1, Linux, Path.GetFileName(zip), new Uri(zip),
            wrong == "shasum" ? new string('0', 64) : zh.Value, wrong == "size" ? 1 : size,
            new System.Collections.Generic.Dictionary<Platform, OriginPlatformHashes> { [Linux] = reported }, null);
        var downloaded = new DownloadedPackage(origin, zip, zh, size, h1);

        if (wrong is null)
        {
            Assert.AreEqual(MirrorCheckResult.None, await new OriginHashCheck().CheckAsync(downloaded, default));
            return;
        }
        var failure = await Assert.ThrowsExactlyAsync<MirrorCheckFailure>(() => new OriginHashCheck().CheckAsync(downloaded, default));
        Assert.AreEqual(DiagnosticCodes.OriginPackageRefused, failure.Code);
        StringAssert.Contains(failure.Message, "tofumirror/demo 1.0.0 for linux_amd64");
        StringAssert.Contains(failure.Message, message);
    }
}
