using System.IO;
using System.Threading.Tasks;
using Microsoft.VisualStudio.TestTools.UnitTesting;
using TofuMirror.Engine.Restore;
using TofuMirror.Engine.Tests.Support;
using TofuMirror.Model.Addresses;
using TofuMirror.Model.Diagnostics;

namespace TofuMirror.Engine.Tests.Layout;

/// <summary>Offline, a cache hit needs no registry: the lock file's zh: vouches for the cached blob.</summary>
[TestClass]
public sealed class OfflineCacheTests
{
    private static readonly ProviderAddress Demo = RestoreScenario.Demo;

    [TestMethod]
    public async Task CachedPackage_WhoseZhIsLocked_InstallsOfflineWithTheMirrorGone()
    {
        using var scenario = new RestoreScenario();
        var zip = (await scenario.PublishAsync(Demo, "1.0.0", "linux_amd64"))["linux_amd64"];
        ModuleFiles.Write(scenario.Module, (Demo, "1.0.0", RestoreScenario.HashesOf([zip])));
        var first = await scenario.RestoreAsync("linux_amd64");
        RestoreScenario.AssertSucceeded(first);
        Directory.Delete(scenario.Mirror.Root, recursive: true);
        var moduleB = scenario.Temp.Combine("module-b");
        ModuleFiles.Write(moduleB, (Demo, "1.0.0", RestoreScenario.HashesOf([zip])));

        var second = await new RestoreJob().RunAsync(RequestFor(scenario, moduleB, offline: true), default);

        RestoreScenario.AssertSucceeded(second);
        var item = RestoreScenario.Single(second);
        Assert.AreEqual(RestoreStatus.Installed, item.Status);
        Assert.IsFalse(item.Downloaded);
        Assert.IsTrue(item.Offline);
        Assert.AreEqual(RestoreScenario.Single(first).Stamp!.ManifestDigest, item.Stamp!.ManifestDigest);
        RestoreScenario.AssertInstalled(item, ProviderZips.H1(zip));
    }

    [TestMethod]
    public async Task CachedPackage_WithTheMirrorGone_FailsWithoutOffline()
    {
        using var scenario = new RestoreScenario();
        var zip = (await scenario.PublishAsync(Demo, "1.0.0", "linux_amd64"))["linux_amd64"];
        ModuleFiles.Write(scenario.Module, (Demo, "1.0.0", RestoreScenario.HashesOf([zip])));
        RestoreScenario.AssertSucceeded(await scenario.RestoreAsync("linux_amd64"));
        Directory.Delete(scenario.Mirror.Root, recursive: true);
        var moduleB = scenario.Temp.Combine("module-b");
        ModuleFiles.Write(moduleB, (Demo, "1.0.0", RestoreScenario.HashesOf([zip])));

        var second = await new RestoreJob().RunAsync(RequestFor(scenario, moduleB, offline: false), default);

        var item = RestoreScenario.Single(second);
        Assert.AreEqual(RestoreStatus.Failed, item.Status);
        Assert.AreEqual(DiagnosticCodes.ProviderNotInMirror, item.Error!.Code);
        Assert.IsFalse(Directory.Exists(Path.Combine(moduleB, "out", "registry.opentofu.org")));
    }

    [TestMethod]
    public async Task CachedPackage_WithOnlyH1Locked_StillAsksTheMirror()
    {
        using var scenario = new RestoreScenario();
        var zip = (await scenario.PublishAsync(Demo, "1.0.0", "linux_amd64"))["linux_amd64"];
        ModuleFiles.Write(scenario.Module, (Demo, "1.0.0", RestoreScenario.HashesOf([zip])));
        RestoreScenario.AssertSucceeded(await scenario.RestoreAsync("linux_amd64"));
        Directory.Delete(scenario.Mirror.Root, recursive: true);
        var moduleB = scenario.Temp.Combine("module-b");
        ModuleFiles.Write(moduleB, (Demo, "1.0.0", new[] { ProviderZips.H1(zip) }));

        var second = await new RestoreJob().RunAsync(RequestFor(scenario, moduleB, offline: false), default);

        Assert.AreEqual(RestoreStatus.Failed, RestoreScenario.Single(second).Status);
        Assert.IsFalse(Directory.Exists(Path.Combine(moduleB, "out", "registry.opentofu.org")));
    }

    [TestMethod]
    public async Task TamperedCachedBlob_IsNotInstalledOffline()
    {
        using var scenario = new RestoreScenario();
        var zip = (await scenario.PublishAsync(Demo, "1.0.0", "linux_amd64"))["linux_amd64"];
        ModuleFiles.Write(scenario.Module, (Demo, "1.0.0", RestoreScenario.HashesOf([zip])));
        RestoreScenario.AssertSucceeded(await scenario.RestoreAsync("linux_amd64"));
        Directory.Delete(scenario.Mirror.Root, recursive: true);
        var cached = scenario.CachePath(zip);
        var bytes = File.ReadAllBytes(cached);
        bytes[20] ^= 0x01;
        File.WriteAllBytes(cached, bytes);
        var moduleB = scenario.Temp.Combine("module-b");
        ModuleFiles.Write(moduleB, (Demo, "1.0.0", RestoreScenario.HashesOf([zip])));

        var second = await new RestoreJob().RunAsync(RequestFor(scenario, moduleB, offline: true), default);

        Assert.AreEqual(RestoreStatus.Failed, RestoreScenario.Single(second).Status);
        Assert.IsFalse(File.Exists(cached), "the damaged cache file must be dropped");
    }

    private static RestoreRequest RequestFor(RestoreScenario scenario, string module, bool offline) =>
        scenario.Request(module, Path.Combine(module, "out"), OutputLayout.Unpacked, "linux_amd64") with { Offline = offline };
}
