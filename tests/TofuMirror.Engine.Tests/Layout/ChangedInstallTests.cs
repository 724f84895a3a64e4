using System;
using System.IO;
using System.Linq;
using System.Threading.Tasks;
using Microsoft.VisualStudio.TestTools.UnitTesting;
using TofuMirror.Engine.Restore;
using TofuMirror.Engine.Tests.Support;
using TofuMirror.Engine.Hashing;
using TofuMirror.Model.Addresses;
using TofuMirror.Model.Platforms;
using TofuMirror.Model.Versions;

namespace TofuMirror.Engine.Tests.Layout;

/// <summary>
/// An installed package someone changed is found by the next restore (sizes and times first, a re-hash only when one
/// differs) and reinstalled; --force reinstalls everything.
/// </summary>
[TestClass]
public sealed class ChangedInstallTests
{
    private static readonly ProviderAddress Demo = RestoreScenario.Demo;

    private static async Task<string> InstallAsync(RestoreScenario scenario, OutputLayout layout = OutputLayout.Unpacked)
    {
        var zip = (await scenario.PublishAsync(Demo, "1.0.0", "linux_amd64"))["linux_amd64"];
        ModuleFiles.Write(scenario.Module, (Demo, "1.0.0", RestoreScenario.HashesOf([zip])));
        RestoreScenario.AssertSucceeded(await scenario.RestoreAsync(layout, "linux_amd64"));
        return zip;
    }

    private static string StampPath(RestoreScenario scenario, OutputLayout layout) =>
        RestoreJob.StampPath(scenario.Output, Demo, ProviderVersion.Parse("1.0.0"), Platform.Parse("linux_amd64"), layout);

    [TestMethod]
    public async Task TheStampRecordsEveryInstalledFileWithSizeAndTime()
    {
        using var scenario = new RestoreScenario();
        await InstallAsync(scenario);
        var folder = scenario.UnpackedDirectory(Demo, "1.0.0", "linux_amd64");

        var stamp = InstallStamp.TryRead(StampPath(scenario, OutputLayout.Unpacked))!;

        var onDisk = Directory.EnumerateFiles(folder, "*", SearchOption.AllDirectories)
            .Select(f => Path.GetRelativePath(folder, f).Replace('\\', '/')).OrderBy(f => f, StringComparer.Ordinal).ToList();
        CollectionAssert.AreEqual(onDisk, stamp.Files!.Select(f => f.Path).ToList());
        foreach (var file in stamp.Files!)
        {
            var info = new FileInfo(Path.Combine(folder, file.Path));
            Assert.AreEqual(info.Length, file.Size);
            Assert.AreEqual(info.LastWriteTimeUtc.Ticks, file.Modified);
        }
    }

    [TestMethod]
    public async Task TamperedInstalledFile_IsReinstalledByTheNextRestore()
    {
        using var scenario = new RestoreScenario();
        var zip = await InstallAsync(scenario);
        var binary = Path.Combine(scenario.UnpackedDirectory(Demo, "1.0.0", "linux_amd64"), "terraform-provider-demo_v1.0.0");
        var original = File.ReadAllBytes(binary);
        File.AppendAllText(binary, "tampered");

        var report = await scenario.RestoreAsync("linux_amd64");

        RestoreScenario.AssertSucceeded(report);
        Assert.AreEqual(RestoreStatus.Installed, RestoreScenario.Single(report).Status);
        CollectionAssert.AreEqual(original, File.ReadAllBytes(binary));
        Assert.AreEqual(ProviderZips.H1(zip), PackageHasher.ComputeH1FromDirectory(scenario.UnpackedDirectory(Demo, "1.0.0", "linux_amd64")));
        Assert.AreEqual(RestoreStatus.UpToDate, RestoreScenario.Single(await scenario.RestoreAsync("linux_amd64")).Status);
    }

    [TestMethod]
    public async Task SameSizeEdit_IsCaughtByItsNewTimeThenTheHash()
    {
        using var scenario = new RestoreScenario();
        await InstallAsync(scenario);
        var folder = scenario.UnpackedDirectory(Demo, "1.0.0", "linux_amd64");
        var binary = Path.Combine(folder, "terraform-provider-demo_v1.0.0");
        var bytes = File.ReadAllBytes(binary);
        bytes[0] ^= 0x20;
        File.WriteAllBytes(binary, bytes); // same size, new time

        var report = await scenario.RestoreAsync("linux_amd64");

        Assert.AreEqual(RestoreStatus.Installed, RestoreScenario.Single(report).Status);
        Assert.AreNotEqual(bytes[0], File.ReadAllBytes(binary)[0]);
    }

    [TestMethod]
    public async Task AddedAndDeletedFiles_AreReinstalled()
    {
        using var scenario = new RestoreScenario();
        await InstallAsync(scenario);
        var folder = scenario.UnpackedDirectory(Demo, "1.0.0", "linux_amd64");
        var before = RestoreScenario.VisibleFiles(folder);
        File.WriteAllText(Path.Combine(folder, "extra.txt"), "x");
        Assert.AreEqual(RestoreStatus.Installed, RestoreScenario.Single(await scenario.RestoreAsync("linux_amd64")).Status);
        CollectionAssert.AreEqual(before, RestoreScenario.VisibleFiles(folder));

        File.Delete(Path.Combine(folder, before.First(f => !f.Contains('/', StringComparison.Ordinal))));
        Assert.AreEqual(RestoreStatus.Installed, RestoreScenario.Single(await scenario.RestoreAsync("linux_amd64")).Status);
        CollectionAssert.AreEqual(before, RestoreScenario.VisibleFiles(folder));
    }

    [TestMethod]
    public async Task TouchedButUnchangedFile_StaysUpToDateAndTheStampTakesTheNewTime()
    {
        using var scenario = new RestoreScenario();
        await InstallAsync(scenario);
        var binary = Path.Combine(scenario.UnpackedDirectory(Demo, "1.0.0", "linux_amd64"), "terraform-provider-demo_v1.0.0");
        var touched = new DateTime(2020, 1, 2, 3, 4, 5, DateTimeKind.Utc);
        File.SetLastWriteTimeUtc(binary, touched);
        Directory.Delete(scenario.Mirror.Root, recursive: true); // an up-to-date package needs no mirror

        var report = await scenario.RestoreAsync("linux_amd64");

        RestoreScenario.AssertSucceeded(report);
        Assert.AreEqual(RestoreStatus.UpToDate, RestoreScenario.Single(report).Status);
        Assert.AreEqual(touched, File.GetLastWriteTimeUtc(binary));
        var stamp = InstallStamp.TryRead(StampPath(scenario, OutputLayout.Unpacked))!;
        Assert.AreEqual(touched.Ticks, stamp.Files!.Single(f => f.Path == "terraform-provider-demo_v1.0.0").Modified);
    }

    [TestMethod]
    public async Task StampWithoutFileTimes_IsCheckedByHashOnceAndGetsThem()
    {
        using var scenario = new RestoreScenario();
        await InstallAsync(scenario);
        var stampPath = StampPath(scenario, OutputLayout.Unpacked);
        var old = InstallStamp.TryRead(stampPath)! with { Files = null };
        File.Delete(stampPath);
        old.Write(stampPath);
        Directory.Delete(scenario.Mirror.Root, recursive: true);

        var report = await scenario.RestoreAsync("linux_amd64");

        Assert.AreEqual(RestoreStatus.UpToDate, RestoreScenario.Single(report).Status);
        Assert.IsNotNull(InstallStamp.TryRead(stampPath)!.Files);
    }

    [TestMethod]
    public async Task TamperedPackedZip_IsReinstalled()
    {
        using var scenario = new RestoreScenario();
        var zip = await InstallAsync(scenario, OutputLayout.Packed);
        var installed = scenario.PackedZip(Demo, "1.0.0", "linux_amd64");
        File.AppendAllText(installed, "tampered");

        var report = await scenario.RestoreAsync(OutputLayout.Packed, "linux_amd64");

        Assert.AreEqual(RestoreStatus.Installed, RestoreScenario.Single(report).Status);
        CollectionAssert.AreEqual(File.ReadAllBytes(zip), File.ReadAllBytes(installed));
    }

    [TestMethod]
    public async Task Force_ReinstallsAnUnchangedPackage()
    {
        using var scenario = new RestoreScenario();
        await InstallAsync(scenario);

        var report = await new RestoreJob().RunAsync(scenario.Request(OutputLayout.Unpacked, "linux_amd64") with { Force = true }, default);

        RestoreScenario.AssertSucceeded(report);
        Assert.AreEqual(RestoreStatus.Installed, RestoreScenario.Single(report).Status);
        Assert.AreEqual(RestoreStatus.UpToDate, RestoreScenario.Single(await scenario.RestoreAsync("linux_amd64")).Status);
    }
}
