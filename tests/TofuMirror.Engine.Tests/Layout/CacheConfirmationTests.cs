using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Threading.Tasks;
using Microsoft.VisualStudio.TestTools.UnitTesting;
using TofuMirror.Engine.Restore;
using TofuMirror.Engine.Stores;
using TofuMirror.Engine.Tests.Support;
using TofuMirror.Model.Addresses;
using TofuMirror.Model.Diagnostics;
using TofuMirror.Diagnostics;

namespace TofuMirror.Engine.Tests.Layout;

/// <summary>
/// A warm cache does not hide a wrong mirror: a cached package is installed only once the configured mirror confirms
/// its index for the locked version (one tag resolution, no download), unless the restore is offline.
/// </summary>
[TestClass]
public sealed class CacheConfirmationTests
{
    private static readonly ProviderAddress Demo = RestoreScenario.Demo;

    /// <summary>Publishes demo 1.0.0 for linux_amd64, restores it once (filling the cache) and writes module B locking it.</summary>
    private static async Task<(string Zip, string ModuleB, RestoreReport First)> WarmCacheAsync(RestoreScenario scenario)
    {
        var zip = (await scenario.PublishAsync(Demo, "1.0.0", "linux_amd64"))["linux_amd64"];
        ModuleFiles.Write(scenario.Module, (Demo, "1.0.0", RestoreScenario.HashesOf([zip])));
        var first = await scenario.RestoreAsync("linux_amd64");
        RestoreScenario.AssertSucceeded(first);
        var moduleB = scenario.Temp.Combine("module-b");
        ModuleFiles.Write(moduleB, (Demo, "1.0.0", RestoreScenario.HashesOf([zip])));
        return (zip, moduleB, first);
    }

    private static RestoreRequest RequestB(RestoreScenario scenario, string moduleB, IProviderStoreResolver stores) =>
        scenario.Request(moduleB, Path.Combine(moduleB, "out"), OutputLayout.Unpacked, "linux_amd64") with { Stores = stores };

    private static LayoutStoreResolver LayoutStores(string root)
    {
        var diagnostics = new List<Diagnostic>();
        var stores = LayoutStoreResolver.Create(LayoutStoreResolver.Prefix + root + "/${namespace}/${type}", root, diagnostics)!;
        Assert.AreEqual(0, diagnostics.Count, string.Join("\n", diagnostics));
        return stores;
    }

    [TestMethod]
    public async Task WarmCache_MistypedLayoutFolder_FailsAndInstallsNothing()
    {
        using var scenario = new RestoreScenario();
        var (_, moduleB, _) = await WarmCacheAsync(scenario);

        var report = await new RestoreJob().RunAsync(RequestB(scenario, moduleB, LayoutStores(scenario.Mirror.Root + "-typo")), default);

        Assert.IsFalse(report.Succeeded);
        var item = RestoreScenario.Single(report);
        Assert.AreEqual(RestoreStatus.Failed, item.Status);
        Assert.AreEqual(DiagnosticCodes.ProviderNotInMirror, item.Error!.Code, item.Error.Detail);
        Assert.AreEqual(0, RestoreScenario.VisibleFiles(Path.Combine(moduleB, "out")).Count(f => f.StartsWith("registry.opentofu.org", System.StringComparison.Ordinal)));
    }

    [TestMethod]
    public async Task WarmCache_MistypedLayoutFolder_InstallsOfflineAndSaysSo()
    {
        using var scenario = new RestoreScenario();
        var (zip, moduleB, first) = await WarmCacheAsync(scenario);

        var request = RequestB(scenario, moduleB, LayoutStores(scenario.Mirror.Root + "-typo")) with { Offline = true };
        var report = await new RestoreJob().RunAsync(request, default);

        RestoreScenario.AssertSucceeded(report);
        var item = RestoreScenario.Single(report);
        Assert.AreEqual(RestoreStatus.Installed, item.Status);
        Assert.IsTrue(item.Offline);
        Assert.IsFalse(item.Downloaded);
        RestoreScenario.AssertInstalled(item, ProviderZips.H1(zip));
        // Offline, the stamp names the repository the cached blob came from, not the mistyped one nobody asked.
        Assert.AreEqual(RestoreScenario.Single(first).Stamp!.Repository, item.Stamp!.Repository);
    }

    [TestMethod]
    public async Task Offline_PackageNeitherInstalledNorCached_FailsNamingOfflineMode()
    {
        using var scenario = new RestoreScenario();
        var zip = (await scenario.PublishAsync(Demo, "1.0.0", "linux_amd64"))["linux_amd64"];
        ModuleFiles.Write(scenario.Module, (Demo, "1.0.0", RestoreScenario.HashesOf([zip])));

        var report = await new RestoreJob().RunAsync(scenario.Request(OutputLayout.Unpacked, "linux_amd64") with { Offline = true }, default);

        var item = RestoreScenario.Single(report);
        Assert.AreEqual(RestoreStatus.Failed, item.Status);
        Assert.AreEqual(DiagnosticCodes.RegistryUnavailable, item.Error!.Code);
        StringAssert.Contains(item.Error.Detail, "offline");
        Assert.IsFalse(Directory.Exists(scenario.UnpackedDirectory(Demo, "1.0.0", "linux_amd64")));
    }

    [TestMethod]
    public async Task WarmCache_ConfirmedWithOneTagResolutionAndNoDownload_NamesTheMirrorThatAnswered()
    {
        using var scenario = new RestoreScenario();
        var (_, moduleB, first) = await WarmCacheAsync(scenario);
        var copy = scenario.Temp.Combine("mirror-copy");
        CopyDirectory(scenario.Mirror.Root, copy);
        var store = new InterceptingStore(LayoutStores(copy).Resolve(Demo).Single());

        var report = await new RestoreJob().RunAsync(RequestB(scenario, moduleB, new FixedStores(store)), default);

        RestoreScenario.AssertSucceeded(report);
        var item = RestoreScenario.Single(report);
        Assert.AreEqual(RestoreStatus.Installed, item.Status);
        Assert.IsFalse(item.Downloaded);
        Assert.IsFalse(item.Offline);
        Assert.AreEqual(1, store.Resolves);
        Assert.AreEqual(0, store.BlobDownloads);
        Assert.AreEqual(store.Name, item.Stamp!.Repository);
        Assert.AreNotEqual(RestoreScenario.Single(first).Stamp!.Repository, item.Stamp.Repository);
        Assert.AreEqual(RestoreScenario.Single(first).Stamp!.IndexDigest, item.Stamp.IndexDigest);
    }

    [TestMethod]
    public async Task WarmCache_MirrorWithAnotherIndexForTheVersion_IsReadInFullButTheBlobComesFromTheCache()
    {
        using var scenario = new RestoreScenario();
        var (_, moduleB, first) = await WarmCacheAsync(scenario);
        // Adding a platform re-pushes the version's index: same linux_amd64 blob, another index digest.
        await scenario.PublishAsync(Demo, "1.0.0", "linux_amd64", "darwin_arm64");
        var store = new InterceptingStore(scenario.Mirror.Stores.Resolve(Demo).Single());

        var report = await new RestoreJob().RunAsync(RequestB(scenario, moduleB, new FixedStores(store)), default);

        RestoreScenario.AssertSucceeded(report);
        var item = RestoreScenario.Single(report);
        Assert.AreEqual(RestoreStatus.Installed, item.Status);
        Assert.IsFalse(item.Downloaded);
        Assert.AreEqual(0, store.BlobDownloads);
        Assert.AreNotEqual(RestoreScenario.Single(first).Stamp!.IndexDigest, item.Stamp!.IndexDigest);
        Assert.AreEqual(item.Location!.Index.Digest.ToString(), item.Stamp.IndexDigest);
    }

    [TestMethod]
    public async Task LockedVersionAConstraintRejects_FailsAtTheConstraintBeforeInstallingAnything()
    {
        using var scenario = new RestoreScenario();
        var zip = (await scenario.PublishAsync(Demo, "1.0.0", "linux_amd64"))["linux_amd64"];
        ModuleFiles.Write(scenario.Module, (Demo, "1.0.0", RestoreScenario.HashesOf([zip])));
        ModuleFiles.WriteMainTf(scenario.Module, (Demo, "~> 2.0"));

        var report = await scenario.RestoreAsync("linux_amd64");

        Assert.IsFalse(report.Succeeded);
        Assert.AreEqual(0, report.Items.Count);
        var error = report.Diagnostics.Single(d => d.Severity == DiagnosticSeverity.Error);
        Assert.AreEqual(DiagnosticCodes.LockedVersionNotAllowed, error.Code);
        Assert.AreEqual(Path.Combine(scenario.Module, "main.tf"), error.Subject!.Value.FileName);
        Assert.AreEqual(5, error.Subject.Value.Start.Line); // version = "~> 2.0"
        StringAssert.Contains(error.Detail, "~> 2.0");
        Assert.IsFalse(Directory.Exists(scenario.UnpackedDirectory(Demo, "1.0.0", "linux_amd64")));
    }

    private static void CopyDirectory(string from, string to)
    {
        foreach (var file in Directory.EnumerateFiles(from, "*", SearchOption.AllDirectories))
        {
            var target = Path.Combine(to, Path.GetRelativePath(from, file));
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            File.Copy(file, target);
        }
    }
}
