using System.IO;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.VisualStudio.TestTools.UnitTesting;
using TofuMirror.Engine.Restore;
using TofuMirror.Engine.Tests.Support;
using TofuMirror.Engine.Hashing;
using TofuMirror.Testing;
using TofuMirror.Model.Addresses;
using TofuMirror.Model.Packages;
using TofuMirror.Model.Platforms;
using TofuMirror.Model.Versions;

namespace TofuMirror.Engine.Tests.Layout;

/// <summary>The shared content-addressed cache, and several restores into one output folder at once.</summary>
[TestClass]
public sealed class CacheAndConcurrencyTests
{
    private static readonly ProviderAddress Demo = RestoreScenario.Demo;
    private static readonly ProviderAddress Other = RestoreScenario.Other;

    [TestMethod]
    public async Task SecondModuleRestoresFromTheCache()
    {
        using var scenario = new RestoreScenario();
        var zip = (await scenario.PublishAsync(Demo, "1.0.0", "linux_amd64"))["linux_amd64"];
        var moduleB = scenario.Temp.Combine("module-b");
        ModuleFiles.Write(scenario.Module, (Demo, "1.0.0", RestoreScenario.HashesOf([zip])));
        ModuleFiles.Write(moduleB, (Demo, "1.0.0", RestoreScenario.HashesOf([zip])));

        var first = await new RestoreJob().RunAsync(scenario.Request(OutputLayout.Unpacked, "linux_amd64"), default);
        var second = await new RestoreJob().RunAsync(scenario.Request(moduleB, Path.Combine(moduleB, "out"), OutputLayout.Unpacked, "linux_amd64"), default);

        RestoreScenario.AssertSucceeded(first);
        RestoreScenario.AssertSucceeded(second);
        Assert.IsTrue(RestoreScenario.Single(first).Downloaded);
        Assert.AreEqual(RestoreStatus.Installed, RestoreScenario.Single(second).Status);
        Assert.IsFalse(RestoreScenario.Single(second).Downloaded);
        CollectionAssert.AreEqual(File.ReadAllBytes(zip), File.ReadAllBytes(scenario.CachePath(zip)));
        Assert.AreEqual(ProviderZips.H1(zip), PackageHasher.ComputeH1FromDirectory(
            FilesystemMirrorLayout.UnpackedDirectory(Path.Combine(moduleB, "out"), Demo, ProviderVersion.Parse("1.0.0"), Platform.Parse("linux_amd64"))));
    }

    [TestMethod]
    public async Task CorruptedCacheFileIsFetchedAgain()
    {
        using var scenario = new RestoreScenario();
        var zip = (await scenario.PublishAsync(Demo, "1.0.0", "linux_amd64"))["linux_amd64"];
        ModuleFiles.Write(scenario.Module, (Demo, "1.0.0", RestoreScenario.HashesOf([zip])));
        RestoreScenario.AssertSucceeded(await scenario.RestoreAsync("linux_amd64"));
        var cached = scenario.CachePath(zip);
        var damaged = File.ReadAllBytes(cached);
        damaged[10] ^= 0x55; // same length, other bytes
        File.WriteAllBytes(cached, damaged);
        Directory.Delete(scenario.Output, recursive: true);

        var report = await scenario.RestoreAsync("linux_amd64");

        RestoreScenario.AssertSucceeded(report);
        Assert.IsTrue(RestoreScenario.Single(report).Downloaded, "the damaged cache file was used");
        CollectionAssert.AreEqual(File.ReadAllBytes(zip), File.ReadAllBytes(cached));
        Assert.AreEqual(ProviderZips.H1(zip), PackageHasher.ComputeH1FromDirectory(scenario.UnpackedDirectory(Demo, "1.0.0", "linux_amd64")));
    }

    [TestMethod]
    public async Task TruncatedCacheFileIsFetchedAgain()
    {
        using var scenario = new RestoreScenario();
        var zip = (await scenario.PublishAsync(Demo, "1.0.0", "linux_amd64"))["linux_amd64"];
        ModuleFiles.Write(scenario.Module, (Demo, "1.0.0", RestoreScenario.HashesOf([zip])));
        RestoreScenario.AssertSucceeded(await scenario.RestoreAsync(OutputLayout.Packed, "linux_amd64"));
        File.WriteAllBytes(scenario.CachePath(zip), [1, 2, 3]);

        var report = await scenario.RestoreAsync(OutputLayout.Unpacked, "linux_amd64");

        RestoreScenario.AssertSucceeded(report);
        Assert.IsTrue(RestoreScenario.Single(report).Downloaded);
    }

    [TestMethod]
    public async Task ConcurrentRestoresIntoOneOutputFolderAllSucceed()
    {
        using var scenario = new RestoreScenario();
        var demo = await scenario.PublishAsync(Demo, "1.0.0", "linux_amd64", "darwin_arm64");
        var other = await scenario.PublishAsync(Other, "0.3.1", "linux_amd64", "darwin_arm64");
        ModuleFiles.Write(scenario.Module,
            (Demo, "1.0.0", RestoreScenario.HashesOf(demo.Values)),
            (Other, "0.3.1", RestoreScenario.HashesOf(other.Values)));

        using var start = new ManualResetEventSlim();
        var runs = Enumerable.Range(0, 4).Select(_ => Task.Run(async () =>
        {
            start.Wait();
            return await new RestoreJob().RunAsync(scenario.Request(OutputLayout.Unpacked, "linux_amd64", "darwin_arm64"), default);
        })).ToArray();
        start.Set();
        var reports = await Task.WhenAll(runs);

        foreach (var report in reports) RestoreScenario.AssertSucceeded(report);
        // Each package was installed exactly once; the other runs found it up to date.
        foreach (var key in reports.SelectMany(r => r.Items).GroupBy(i => (i.Provider, i.Platform)))
            Assert.AreEqual(1, key.Count(i => i.Status == RestoreStatus.Installed), $"{key.Key}: {string.Join(", ", key.Select(i => i.Status))}");
        foreach (var (provider, version, zips) in new[] { (Demo, "1.0.0", demo), (Other, "0.3.1", other) })
        foreach (var (platform, zip) in zips)
            Assert.AreEqual(ProviderZips.H1(zip), PackageHasher.ComputeH1FromDirectory(scenario.UnpackedDirectory(provider, version, platform)));
        scenario.AssertNoTempLeftovers();
        Assert.AreEqual(21, RestoreScenario.VisibleFiles(scenario.Output).Length);
    }

    [TestMethod]
    public async Task ConcurrentRestoresOfDifferentModulesShareTheCache()
    {
        using var scenario = new RestoreScenario();
        var zip = (await scenario.PublishAsync(Demo, "1.0.0", "linux_amd64"))["linux_amd64"];
        var modules = Enumerable.Range(0, 4).Select(i => scenario.Temp.Combine("module-" + i)).ToArray();
        foreach (var module in modules) ModuleFiles.Write(module, (Demo, "1.0.0", RestoreScenario.HashesOf([zip])));

        var reports = await Task.WhenAll(modules.Select(m => Task.Run(() =>
            new RestoreJob().RunAsync(scenario.Request(m, Path.Combine(m, "out"), OutputLayout.Unpacked, "linux_amd64"), default))));

        foreach (var report in reports) RestoreScenario.AssertSucceeded(report);
        CollectionAssert.AreEqual(File.ReadAllBytes(zip), File.ReadAllBytes(scenario.CachePath(zip)));
        Assert.AreEqual(1, Directory.GetFiles(Path.Combine(scenario.Cache, "blobs", "sha256")).Length, "a partial download was left in the cache");
    }

    [TestMethod]
    public async Task OutputLockIsExclusiveUnderContention()
    {
        using var temp = new TempFolder();
        var inside = 0;
        var maxInside = 0;
        var tasks = Enumerable.Range(0, 6).Select(_ => Task.Run(async () =>
        {
            for (var i = 0; i < 25; i++)
            {
                using (await OutputLock.AcquireAsync(temp.Path, default))
                {
                    var now = Interlocked.Increment(ref inside);
                    InterlockedMax(ref maxInside, now);
                    await Task.Yield();
                    Thread.SpinWait(2000);
                    Interlocked.Decrement(ref inside);
                }
            }
        })).ToArray();
        await Task.WhenAll(tasks);
        Assert.AreEqual(1, maxInside, "two holders of the output lock at once");
    }

    private static void InterlockedMax(ref int target, int value)
    {
        int current;
        while ((current = Volatile.Read(ref target)) < value && Interlocked.CompareExchange(ref target, value, current) != current)
        {
        }
    }
}
