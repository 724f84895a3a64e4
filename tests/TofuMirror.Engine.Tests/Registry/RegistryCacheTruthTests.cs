using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Threading.Tasks;
using Microsoft.VisualStudio.TestTools.UnitTesting;
using TofuMirror.Engine.Push;
using TofuMirror.Engine.Restore;
using TofuMirror.Engine.Stores;
using TofuMirror.Engine.Tests.Support;
using TofuMirror.Testing.Registry;
using Platform = TofuMirror.Model.Platforms.Platform;
using TofuMirror.Testing;
using TofuMirror.Model.Addresses;
using TofuMirror.Model.Diagnostics;
using TofuMirror.Model.Platforms;

namespace TofuMirror.Engine.Tests.Registry;

/// <summary>
/// Against the real registry (behind a counting proxy): a warm cache does not hide a dead registry, a cached package is
/// confirmed with one manifest request and no blob download, and a no-op restore makes no request at all.
/// </summary>
[TestClass]
public sealed class RegistryCacheTruthTests
{
    private static readonly ProviderAddress Demo = RestoreScenario.Demo;
    private static readonly ClassRegistry s_registry = new();

    [ClassCleanup]
    public static void Stop() => s_registry.Dispose();

    private static RegistryProcess Registry => s_registry.Process;

    private static MirrorSource Load(TempFolder temp, string host)
    {
        var home = temp.CreateDirectory("home-" + Guid.NewGuid().ToString("N"));
        var source = MirrorSource.Load(new MirrorSourceOptions(host + "/truth/${hostname}/${namespace}/${type}", null, temp.Path),
            ProcessCliEnvironment.Create(new Dictionary<string, string?> { ["HOME"] = home }, home));
        Assert.IsNotNull(source.Stores, string.Join("\n", source.Diagnostics));
        return source;
    }

    private static RestoreRequest Request(string module, string output, RestoreScenario scenario, IProviderStoreResolver stores) =>
        new(module, stores, [Platform.Parse("linux_amd64")], output, OutputLayout.Unpacked, scenario.Cache);

    /// <summary>Pushes demo 1.0.0 (linux_amd64) to the registry, restores it into module A (filling the cache) and writes module B locking it.</summary>
    private static async Task<string> PushAndWarmTheCacheAsync(RestoreScenario scenario, IProviderStoreResolver stores)
    {
        var zip = ProviderZips.Create(Path.Combine(scenario.Zips, Guid.NewGuid().ToString("N")), Demo.Type, "1.0.0", "linux_amd64");
        await new PushJob().RunAsync(new PushRequest(PushSourceReader.Read([zip], Demo, []), stores), default);
        ModuleFiles.Write(scenario.Module, (Demo, "1.0.0", RestoreScenario.HashesOf([zip])));
        RestoreScenario.AssertSucceeded(await new RestoreJob().RunAsync(Request(scenario.Module, scenario.Output, scenario, stores), default));
        var moduleB = scenario.Temp.Combine("module-b");
        ModuleFiles.Write(moduleB, (Demo, "1.0.0", RestoreScenario.HashesOf([zip])));
        return moduleB;
    }

    [TestMethod]
    public async Task WarmCache_DeadRegistry_FailsUnlessOffline()
    {
        using var scenario = new RestoreScenario();
        using var live = Load(scenario.Temp, Registry.Host);
        var moduleB = await PushAndWarmTheCacheAsync(scenario, live.Stores!);
        using var dead = Load(scenario.Temp, "127.0.0.1:" + RegistryProcess.FreePort());
        var output = Path.Combine(moduleB, "out");

        var online = await new RestoreJob().RunAsync(Request(moduleB, output, scenario, dead.Stores!), default);

        var failed = RestoreScenario.Single(online);
        Assert.AreEqual(RestoreStatus.Failed, failed.Status);
        Assert.AreEqual(DiagnosticCodes.RegistryUnavailable, failed.Error!.Code, failed.Error.Detail);
        Assert.IsFalse(Directory.Exists(Path.Combine(output, "registry.opentofu.org")));

        var offline = await new RestoreJob().RunAsync(Request(moduleB, output, scenario, dead.Stores!) with { Offline = true }, default);

        RestoreScenario.AssertSucceeded(offline);
        var item = RestoreScenario.Single(offline);
        Assert.IsTrue(item.Offline);
        StringAssert.StartsWith(item.Stamp!.Repository, Registry.Host + "/");
    }

    [TestMethod]
    public async Task WarmCache_IsConfirmedWithOneManifestRequestAndNoBlob_ThenANoOpRestoreMakesNoRequest()
    {
        using var scenario = new RestoreScenario();
        using var direct = Load(scenario.Temp, Registry.Host);
        var moduleB = await PushAndWarmTheCacheAsync(scenario, direct.Stores!);
        await using var proxy = await RegistryProxy.StartAsync(Registry.Host);
        var requests = new ConcurrentQueue<string>();
        proxy.Intercept = context =>
        {
            requests.Enqueue(context.Request.Method + " " + context.Request.Path);
            return Task.FromResult(false);
        };
        using var proxied = Load(scenario.Temp, proxy.Host);
        var output = Path.Combine(moduleB, "out");

        var confirmed = await new RestoreJob().RunAsync(Request(moduleB, output, scenario, proxied.Stores!), default);

        RestoreScenario.AssertSucceeded(confirmed);
        var item = RestoreScenario.Single(confirmed);
        Assert.AreEqual(RestoreStatus.Installed, item.Status);
        Assert.IsFalse(item.Downloaded);
        Assert.AreEqual(proxy.Host + "/truth/registry.opentofu.org/tofumirror/demo", item.Stamp!.Repository);
        var seen = requests.ToList();
        Assert.AreEqual(1, seen.Count(r => r.Contains("/manifests/", StringComparison.Ordinal)), string.Join("\n", seen));
        Assert.AreEqual(0, seen.Count(r => r.Contains("/blobs/", StringComparison.Ordinal)), string.Join("\n", seen));

        var before = proxy.RequestCount;
        var noOp = await new RestoreJob().RunAsync(Request(moduleB, output, scenario, proxied.Stores!), default);

        RestoreScenario.AssertSucceeded(noOp);
        Assert.AreEqual(RestoreStatus.UpToDate, RestoreScenario.Single(noOp).Status);
        Assert.AreEqual(before, proxy.RequestCount, "a no-op restore must not reach the registry");
    }
}
