using System;
using System.IO;
using System.Linq;
using System.Threading.Tasks;
using Microsoft.VisualStudio.TestTools.UnitTesting;
using TofuMirror.Engine.Restore;
using TofuMirror.Engine.Tests.Support;
using TofuMirror.Engine.Hashing;
using TofuMirror.Engine.Packages;
using TofuMirror.Model.Addresses;
using TofuMirror.Model.Diagnostics;
using TofuMirror.Model.Hashing;
using TofuMirror.Model.Platforms;

namespace TofuMirror.Engine.Tests.Layout;

/// <summary>Push then restore through OCI layout folders: both output layouts, the stamp, tofu.rc, up-to-date runs.</summary>
[TestClass]
public sealed class RestoreFromLayoutTests
{
    private static readonly ProviderAddress Demo = RestoreScenario.Demo;
    private static readonly ProviderAddress Other = RestoreScenario.Other;

    [TestMethod]
    public async Task RoundTripIntoTheUnpackedLayout()
    {
        using var scenario = new RestoreScenario();
        var demo = await scenario.PublishAsync(Demo, "1.0.0", "linux_amd64", "darwin_arm64");
        var other = await scenario.PublishAsync(Other, "0.3.1", "linux_amd64", "darwin_arm64");
        ModuleFiles.Write(scenario.Module,
            (Demo, "1.0.0", RestoreScenario.HashesOf(demo.Values)),
            (Other, "0.3.1", RestoreScenario.HashesOf(other.Values)));

        var report = await scenario.RestoreAsync("linux_amd64", "darwin_arm64");

        RestoreScenario.AssertSucceeded(report);
        Assert.AreEqual(4, report.Items.Count);
        Assert.IsTrue(report.Items.All(i => i.Status == RestoreStatus.Installed && i.Downloaded));
        foreach (var (provider, version, zips) in new[] { (Demo, "1.0.0", demo), (Other, "0.3.1", other) })
        foreach (var (platform, zip) in zips)
        {
            var folder = scenario.UnpackedDirectory(provider, version, platform);
            var item = report.Items.Single(i => i.Provider == provider && i.Platform.ToString() == platform);
            Assert.AreEqual(folder, item.InstalledPath);
            Assert.AreEqual(ProviderZips.H1(zip), PackageHasher.ComputeH1FromDirectory(folder));
            RestoreScenario.AssertInstalled(item, ProviderZips.H1(zip));
            Assert.AreEqual(ProviderZips.Zh(zip).ToString(), item.Stamp!.Zh);
            Assert.AreEqual("unpacked", item.Stamp.Layout);
            Assert.AreEqual(item.Location!.Index.Digest.ToString(), item.Stamp.IndexDigest);
            var binary = Path.Combine(folder, $"terraform-provider-{provider.Type}_v{version}");
            Assert.IsTrue(File.Exists(binary));
            if (!OperatingSystem.IsWindows())
                Assert.IsTrue(File.GetUnixFileMode(binary).HasFlag(UnixFileMode.UserExecute), "executable bit lost");
        }
        CollectionAssert.AreEqual(new[]
        {
            "example.com", "example.com/acme", "example.com/acme/other", "example.com/acme/other/0.3.1",
            "example.com/acme/other/0.3.1/darwin_arm64", "example.com/acme/other/0.3.1/darwin_arm64/LICENSE.txt",
            "example.com/acme/other/0.3.1/darwin_arm64/terraform-provider-other_v0.3.1",
            "example.com/acme/other/0.3.1/linux_amd64", "example.com/acme/other/0.3.1/linux_amd64/LICENSE.txt",
            "example.com/acme/other/0.3.1/linux_amd64/terraform-provider-other_v0.3.1",
            "registry.opentofu.org", "registry.opentofu.org/tofumirror", "registry.opentofu.org/tofumirror/demo",
            "registry.opentofu.org/tofumirror/demo/1.0.0",
            "registry.opentofu.org/tofumirror/demo/1.0.0/darwin_arm64", "registry.opentofu.org/tofumirror/demo/1.0.0/darwin_arm64/LICENSE.txt",
            "registry.opentofu.org/tofumirror/demo/1.0.0/darwin_arm64/terraform-provider-demo_v1.0.0",
            "registry.opentofu.org/tofumirror/demo/1.0.0/linux_amd64", "registry.opentofu.org/tofumirror/demo/1.0.0/linux_amd64/LICENSE.txt",
            "registry.opentofu.org/tofumirror/demo/1.0.0/linux_amd64/terraform-provider-demo_v1.0.0",
            "tofu.rc",
        }, RestoreScenario.VisibleFiles(scenario.Output));
        Assert.AreEqual(Path.Combine(scenario.Output, "tofu.rc"), report.CliConfigPath);
        Assert.AreEqual(CliConfigFileWriter.Render(scenario.Output), File.ReadAllText(report.CliConfigPath!));
        scenario.AssertNoTempLeftovers();
    }

    [TestMethod]
    public async Task RoundTripIntoThePackedLayoutKeepsTheZipBytes()
    {
        using var scenario = new RestoreScenario();
        var demo = await scenario.PublishAsync(Demo, "1.0.0", "linux_amd64", "linux_arm64");
        ModuleFiles.Write(scenario.Module, (Demo, "1.0.0", RestoreScenario.HashesOf(demo.Values)));

        var report = await scenario.RestoreAsync(OutputLayout.Packed, "linux_amd64", "linux_arm64");

        RestoreScenario.AssertSucceeded(report);
        foreach (var (platform, zip) in demo)
        {
            var packed = scenario.PackedZip(Demo, "1.0.0", platform);
            CollectionAssert.AreEqual(File.ReadAllBytes(zip), File.ReadAllBytes(packed));
            var item = report.Items.Single(i => i.Platform.ToString() == platform);
            Assert.AreEqual(packed, item.InstalledPath);
            Assert.AreEqual("packed", item.Stamp!.Layout);
            RestoreScenario.AssertInstalled(item, ProviderZips.H1(zip));
        }
        CollectionAssert.AreEqual(new[]
        {
            "registry.opentofu.org", "registry.opentofu.org/tofumirror", "registry.opentofu.org/tofumirror/demo",
            "registry.opentofu.org/tofumirror/demo/terraform-provider-demo_1.0.0_linux_amd64.zip",
            "registry.opentofu.org/tofumirror/demo/terraform-provider-demo_1.0.0_linux_arm64.zip",
            "tofu.rc",
        }, RestoreScenario.VisibleFiles(scenario.Output));
        // The packed files are what the filesystem-mirror scanner (and OpenTofu) recognise.
        var scanned = FilesystemMirrorScanner.Scan(scenario.Output);
        Assert.AreEqual(2, scanned.Packages.Count, string.Join("\n", scanned.Warnings));
    }

    [TestMethod]
    public async Task SecondRestoreIsUpToDateWithoutTouchingTheMirror()
    {
        using var scenario = new RestoreScenario();
        var demo = await scenario.PublishAsync(Demo, "1.0.0", "linux_amd64");
        ModuleFiles.Write(scenario.Module, (Demo, "1.0.0", RestoreScenario.HashesOf(demo.Values)));
        RestoreScenario.AssertSucceeded(await scenario.RestoreAsync("linux_amd64"));
        var folder = scenario.UnpackedDirectory(Demo, "1.0.0", "linux_amd64");
        var binary = Path.Combine(folder, "terraform-provider-demo_v1.0.0");
        var written = File.GetLastWriteTimeUtc(binary);
        Directory.Delete(scenario.Mirror.Root, recursive: true);
        Directory.Delete(scenario.Cache, recursive: true);

        var second = await scenario.RestoreAsync("linux_amd64");

        RestoreScenario.AssertSucceeded(second);
        var item = RestoreScenario.Single(second);
        Assert.AreEqual(RestoreStatus.UpToDate, item.Status);
        Assert.IsNull(item.Location);
        Assert.IsFalse(item.Downloaded);
        RestoreScenario.AssertInstalled(item, ProviderZips.H1(demo["linux_amd64"]));
        Assert.AreEqual(written, File.GetLastWriteTimeUtc(binary));
        Assert.IsFalse(Directory.Exists(scenario.Cache), "an up-to-date restore touched the cache");
    }

    [TestMethod]
    public async Task PackedAndUnpackedAreTrackedSeparately()
    {
        using var scenario = new RestoreScenario();
        var demo = await scenario.PublishAsync(Demo, "1.0.0", "linux_amd64");
        ModuleFiles.Write(scenario.Module, (Demo, "1.0.0", RestoreScenario.HashesOf(demo.Values)));
        RestoreScenario.AssertSucceeded(await scenario.RestoreAsync(OutputLayout.Unpacked, "linux_amd64"));

        var packed = await scenario.RestoreAsync(OutputLayout.Packed, "linux_amd64");

        RestoreScenario.AssertSucceeded(packed);
        Assert.AreEqual(RestoreStatus.Installed, RestoreScenario.Single(packed).Status);
        Assert.IsFalse(RestoreScenario.Single(packed).Downloaded, "the zip should come from the cache");
        Assert.IsTrue(File.Exists(scenario.PackedZip(Demo, "1.0.0", "linux_amd64")));
    }

    [TestMethod]
    public async Task ChangedLockVersionInstallsTheNewVersionBesideTheOld()
    {
        using var scenario = new RestoreScenario();
        var v1 = await scenario.PublishAsync(Demo, "1.0.0", "linux_amd64");
        var v2 = await scenario.PublishAsync(Demo, "2.0.0", "linux_amd64");
        ModuleFiles.Write(scenario.Module, (Demo, "1.0.0", RestoreScenario.HashesOf(v1.Values)));
        RestoreScenario.AssertSucceeded(await scenario.RestoreAsync("linux_amd64"));
        ModuleFiles.Write(scenario.Module, (Demo, "2.0.0", RestoreScenario.HashesOf(v2.Values)));

        var report = await scenario.RestoreAsync("linux_amd64");

        RestoreScenario.AssertSucceeded(report);
        Assert.AreEqual(RestoreStatus.Installed, RestoreScenario.Single(report).Status);
        Assert.AreEqual(ProviderZips.H1(v2["linux_amd64"]), PackageHasher.ComputeH1FromDirectory(scenario.UnpackedDirectory(Demo, "2.0.0", "linux_amd64")));
        Assert.IsTrue(Directory.Exists(scenario.UnpackedDirectory(Demo, "1.0.0", "linux_amd64")));
    }

    [TestMethod]
    public async Task LockWithoutHashesInstallsNothing()
    {
        using var scenario = new RestoreScenario();
        await scenario.PublishAsync(Demo, "1.0.0", "linux_amd64");
        ModuleFiles.Write(scenario.Module, (Demo, "1.0.0", Array.Empty<PackageHash>()));

        var report = await scenario.RestoreAsync("linux_amd64");

        Assert.AreEqual(DiagnosticCodes.ChecksumMismatch, report.AllDiagnostics.Single(d => d.Severity == TofuMirror.Diagnostics.DiagnosticSeverity.Error).Code);
        Assert.IsFalse(Directory.Exists(scenario.UnpackedDirectory(Demo, "1.0.0", "linux_amd64")));
    }

    [TestMethod]
    public async Task LockWithOnlyTheRightZhIsEnough()
    {
        using var scenario = new RestoreScenario();
        var demo = await scenario.PublishAsync(Demo, "1.0.0", "linux_amd64");
        ModuleFiles.Write(scenario.Module, (Demo, "1.0.0", new[] { ProviderZips.Zh(demo["linux_amd64"]) }));
        RestoreScenario.AssertSucceeded(await scenario.RestoreAsync("linux_amd64"));
    }
}
