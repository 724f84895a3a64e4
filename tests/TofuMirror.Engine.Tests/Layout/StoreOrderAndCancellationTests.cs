using System;
using System.IO;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.VisualStudio.TestTools.UnitTesting;
using TofuMirror.Engine.Restore;
using TofuMirror.Engine.Tests.Support;
using TofuMirror.Oci.Layout;
using TofuMirror.Model.Addresses;
using TofuMirror.Model.Diagnostics;
using TofuMirror.Model.Platforms;

namespace TofuMirror.Engine.Tests.Layout;

/// <summary>Several installation methods in order, and a restore cancelled in the middle of a download.</summary>
[TestClass]
public sealed class StoreOrderAndCancellationTests
{
    private static readonly ProviderAddress Demo = RestoreScenario.Demo;

    private static RestoreRequest Request(RestoreScenario scenario, TofuMirror.Engine.Stores.IProviderStoreResolver stores, string platform) =>
        new(scenario.Module, stores, [Platform.Parse(platform)], scenario.Output, OutputLayout.Unpacked, scenario.Cache);

    [TestMethod]
    public async Task NotFoundAndPlatformNotSupportedFallThroughToTheNextStore()
    {
        using var scenario = new RestoreScenario();
        var zips = await scenario.PublishAsync(Demo, "1.0.0", "linux_amd64");
        var secondary = new LayoutMirror(scenario.Temp.Combine("secondary"));
        var darwinOnly = await secondary.PublishAsync(scenario.Temp.Combine("zips-b"), Demo, "1.0.0", "darwin_arm64");
        ModuleFiles.Write(scenario.Module, (Demo, "1.0.0", RestoreScenario.HashesOf(zips.Values.Concat(darwinOnly.Values))));
        var empty = new OciLayoutStore(scenario.Temp.Combine("empty"));
        var primary = new OciLayoutStore(scenario.Mirror.FolderOf(Demo));
        var second = new OciLayoutStore(secondary.FolderOf(Demo));

        // darwin_arm64: the empty store has no tag, the primary lacks the platform, the secondary has it.
        var report = await new RestoreJob().RunAsync(Request(scenario, new FixedStores(empty, primary, second), "darwin_arm64"), default);

        RestoreScenario.AssertSucceeded(report);
        Assert.AreEqual(second.Name, RestoreScenario.Single(report).Stamp!.Repository);
    }

    [TestMethod]
    public async Task LastFallThroughIsReportedWhenNoStoreHasIt()
    {
        using var scenario = new RestoreScenario();
        var zips = await scenario.PublishAsync(Demo, "1.0.0", "linux_amd64");
        ModuleFiles.Write(scenario.Module, (Demo, "1.0.0", RestoreScenario.HashesOf(zips.Values)));
        var stores = new FixedStores(new OciLayoutStore(scenario.Mirror.FolderOf(Demo)), new OciLayoutStore(scenario.Temp.Combine("empty")));

        var report = await new RestoreJob().RunAsync(Request(scenario, stores, "windows_arm64"), default);

        Assert.AreEqual(DiagnosticCodes.ProviderNotInMirror, RestoreScenario.Single(report).Error!.Code);
    }

    [TestMethod]
    public async Task CancelledDownloadLeavesNoPartialProvider()
    {
        using var scenario = new RestoreScenario();
        var zips = await scenario.PublishAsync(Demo, "1.0.0", "linux_amd64");
        ModuleFiles.Write(scenario.Module, (Demo, "1.0.0", RestoreScenario.HashesOf(zips.Values)));
        using var cancel = new CancellationTokenSource();
        var store = new InterceptingStore(new OciLayoutStore(scenario.Mirror.FolderOf(Demo)))
        {
            OnBlobDownload = async token =>
            {
                await cancel.CancelAsync();
                token.ThrowIfCancellationRequested();
            },
        };

        await Assert.ThrowsAsync<OperationCanceledException>(() => new RestoreJob().RunAsync(Request(scenario, new FixedStores(store), "linux_amd64"), cancel.Token));

        Assert.AreEqual(1, store.BlobDownloads);
        Assert.IsFalse(Directory.Exists(scenario.UnpackedDirectory(Demo, "1.0.0", "linux_amd64")));
        Assert.AreEqual(0, RestoreScenario.VisibleFiles(scenario.Output).Count(f => f.StartsWith("registry.opentofu.org", StringComparison.Ordinal)));
        scenario.AssertNoTempLeftovers();
        Assert.AreEqual(0, Directory.Exists(scenario.Cache) ? Directory.GetFiles(scenario.Cache, "*", SearchOption.AllDirectories).Length : 0);

        // The next run completes normally (the output lock was released).
        RestoreScenario.AssertSucceeded(await new RestoreJob().RunAsync(Request(scenario, new FixedStores(new OciLayoutStore(scenario.Mirror.FolderOf(Demo))), "linux_amd64"), default));
    }

    [TestMethod]
    public async Task EachIndexIsReadOncePerRunHoweverManyPlatforms()
    {
        using var scenario = new RestoreScenario();
        var zips = await scenario.PublishAsync(Demo, "1.0.0", "linux_amd64", "linux_arm64", "darwin_arm64");
        ModuleFiles.Write(scenario.Module, (Demo, "1.0.0", RestoreScenario.HashesOf(zips.Values)));
        var store = new InterceptingStore(new OciLayoutStore(scenario.Mirror.FolderOf(Demo)));
        var request = new RestoreRequest(scenario.Module, new FixedStores(store), zips.Keys.Select(Platform.Parse).ToList(), scenario.Output, OutputLayout.Unpacked, scenario.Cache);

        var report = await new RestoreJob().RunAsync(request, default);

        RestoreScenario.AssertSucceeded(report);
        Assert.AreEqual(3, store.BlobDownloads);
        Assert.AreEqual(1, store.VersionTagResolves, "the version tag was resolved more than once");
        Assert.AreEqual(1, report.Items.Select(i => i.Location!.Index.Digest).Distinct().Count());
    }
}
