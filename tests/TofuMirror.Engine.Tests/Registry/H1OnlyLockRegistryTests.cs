using TofuMirror.Testing.Tools;
using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Threading.Tasks;
using Microsoft.VisualStudio.TestTools.UnitTesting;
using TofuMirror.Model.Locks;
using TofuMirror.Engine.Lock;
using TofuMirror.Engine.Push;
using TofuMirror.Engine.Restore;
using TofuMirror.Engine.Stores;
using TofuMirror.Engine.Tests.Support;
using TofuMirror.Testing.Registry;
using Platform = TofuMirror.Model.Platforms.Platform;
using TofuMirror.Engine.Hashing;
using TofuMirror.Model.Addresses;
using TofuMirror.Model.Diagnostics;
using TofuMirror.Model.Hashing;
using TofuMirror.Model.Platforms;

namespace TofuMirror.Engine.Tests.Registry;

/// <summary>
/// A lock with only <c>h1:</c> hashes (as <c>terraform providers lock -fs-mirror</c> writes it) against the real registry:
/// restore refuses it and points at lock; lock downloads the package (seen at a counting proxy), checks its <c>h1:</c>
/// and adds the <c>zh:</c>; then restore works, and terraform init offline from its output.
/// </summary>
[TestClass]
public sealed class H1OnlyLockRegistryTests
{
    private static readonly ProviderAddress Demo = RestoreScenario.Demo;
    private static readonly ClassRegistry s_registry = new();

    [ClassCleanup]
    public static void Stop() => s_registry.Dispose();

    /// <summary>A module, a registry mirror reached through a proxy, and the blob digests the registry served through it.</summary>
    private sealed class Mirror : IAsyncDisposable
    {
        private Mirror(RestoreScenario scenario, RegistryProxy proxy, MirrorSource source)
        {
            Scenario = scenario;
            Proxy = proxy;
            Source = source;
        }

        public RestoreScenario Scenario { get; }

        public RegistryProxy Proxy { get; }

        public MirrorSource Source { get; }

        public IProviderStoreResolver Stores => Source.Stores!;

        public ConcurrentQueue<string> ServedBlobs { get; } = new();

        public string LockFilePath => Path.Combine(Scenario.Module, LockFile.FileName);

        public static async Task<Mirror> StartAsync()
        {
            var scenario = new RestoreScenario();
            var proxy = await RegistryProxy.StartAsync(s_registry.Process.Host);
            var home = scenario.Temp.CreateDirectory("home");
            var source = MirrorSource.Load(new MirrorSourceOptions(proxy.Host + "/h1only-" + Guid.NewGuid().ToString("N")[..8] + "/${hostname}/${namespace}/${type}", null, scenario.Temp.Path),
                ProcessCliEnvironment.Create(new Dictionary<string, string?> { ["HOME"] = home }, home));
            Assert.IsNotNull(source.Stores, string.Join("\n", source.Diagnostics));
            var mirror = new Mirror(scenario, proxy, source);
            proxy.Respond = (context, response) =>
            {
                var path = context.Request.Path.Value ?? "";
                var at = path.IndexOf("/blobs/sha256:", StringComparison.Ordinal);
                if (context.Request.Method == "GET" && at >= 0 && (int)response.StatusCode == 200)
                    mirror.ServedBlobs.Enqueue(path[(at + "/blobs/sha256:".Length)..]);
                return Task.FromResult(false);
            };
            return mirror;
        }

        public async Task PushAsync(string zip) =>
            await new PushJob().RunAsync(new PushRequest(PushSourceReader.Read([zip], Demo, []), Stores), default);

        public Task<RestoreReport> RestoreAsync(Platform platform) =>
            new RestoreJob().RunAsync(new RestoreRequest(Scenario.Module, Stores, [platform], Scenario.Output, OutputLayout.Unpacked, Scenario.Cache), default);

        public Task<LockReport> LockAsync(Platform platform) =>
            new LockJob().RunAsync(new LockRequest(Scenario.Module, Stores, [platform], Scenario.Cache), default);

        public async ValueTask DisposeAsync()
        {
            Source.Dispose();
            await Proxy.DisposeAsync();
            Scenario.Dispose();
        }
    }

    private static IReadOnlyList<PackageHash> LockedHashes(string lockFilePath)
    {
        var read = LockFileReader.Read(File.ReadAllText(lockFilePath), lockFilePath);
        Assert.AreEqual(0, read.Diagnostics.Count, string.Join("\n", read.Diagnostics));
        return read.LockFile.Find(Demo)!.Hashes;
    }

    /// <summary>Runs <c>terraform providers lock -fs-mirror</c> against a packed filesystem mirror holding <paramref name="zip"/>.</summary>
    private static void LockWithTerraformFromFilesystemMirror(RestoreScenario scenario, string zip, Platform platform)
    {
        var providerFolder = scenario.Temp.CreateDirectory("fs-mirror", Demo.Hostname, Demo.Namespace, Demo.Type);
        File.Copy(zip, Path.Combine(providerFolder, Path.GetFileName(zip)));
        var run = TerraformCli.Run(scenario.Module, scenario.Temp.CreateDirectory("tf-lock-home"), cliConfig: null,
            "providers", "lock", "-no-color", "-fs-mirror=" + scenario.Temp.Combine("fs-mirror"), "-platform=" + platform);
        Assert.AreEqual(0, run.Code, run.Stdout + run.Stderr);
    }

    [TestMethod]
    public Task H1OnlyLockWrittenAsTerraformDoes_RestoreSaysToLock_LockAddsZh_ThenRestoreWorks() =>
        RestoreLockRestoreAsync(byTerraform: false);

    [TestMethod]
    public Task H1OnlyLockFromTerraformProvidersLockFsMirror_RestoreLockRestore_ThenTerraformInitOffline()
    {
        TerraformCli.Require();
        return RestoreLockRestoreAsync(byTerraform: true);
    }

    private static async Task RestoreLockRestoreAsync(bool byTerraform)
    {
        await using var mirror = await StartAsync();
        var platform = byTerraform ? Platform.Current ?? throw new AssertInconclusiveException("unknown platform") : Platform.Parse("linux_amd64");
        var scenario = mirror.Scenario;
        var zip = ProviderZips.Create(scenario.Zips, Demo.Type, "1.0.0", platform.ToString());
        await mirror.PushAsync(zip);
        ModuleFiles.WriteMainTf(scenario.Module, (Demo, "1.0.0"));
        if (byTerraform) LockWithTerraformFromFilesystemMirror(scenario, zip, platform);
        else ModuleFiles.WriteLock(scenario.Module, ModuleFiles.Lock(Demo, "1.0.0", [ProviderZips.H1(zip)]));
        CollectionAssert.AreEqual(new[] { ProviderZips.H1(zip) }, LockedHashes(mirror.LockFilePath).ToArray(), "a lock with only the package's h1:");
        var zh = ProviderZips.Zh(zip);

        var refused = RestoreScenario.Single(await mirror.RestoreAsync(platform));
        Assert.AreEqual(RestoreStatus.Failed, refused.Status);
        Assert.AreEqual(DiagnosticCodes.ChecksumMismatch, refused.Error!.Code);
        StringAssert.Contains(refused.Error.Detail, "records only h1: hashes");
        StringAssert.Contains(refused.Error.Detail, "Run `tofu-mirror lock`");
        StringAssert.Contains(refused.Error.Detail, "only when each package's h1: is one already locked");
        Assert.AreEqual(0, mirror.ServedBlobs.Count, "refused before downloading");

        var locked = await mirror.LockAsync(platform);

        Jobs.JobFixture.AssertNoErrors(locked.Diagnostics);
        Assert.IsTrue(locked.Written);
        CollectionAssert.Contains(mirror.ServedBlobs.ToList(), zh.Value, "lock downloaded the package from the registry");
        CollectionAssert.AreEquivalent(new[] { zh, ProviderZips.H1(zip) }, LockedHashes(mirror.LockFilePath).ToArray());

        var restored = await mirror.RestoreAsync(platform);
        RestoreScenario.AssertSucceeded(restored);
        Assert.AreEqual(ProviderZips.H1(zip), PackageHasher.ComputeH1FromDirectory(scenario.UnpackedDirectory(Demo, "1.0.0", platform.ToString())));

        if (!byTerraform) return;
        var init = TerraformCli.Run(scenario.Module, scenario.Temp.CreateDirectory("tf-init-home"), restored.CliConfigPath, "init", "-input=false", "-no-color");
        Assert.AreEqual(0, init.Code, init.Stdout + init.Stderr);
        StringAssert.Contains(init.Stdout, "Installing registry.opentofu.org/tofumirror/demo v1.0.0");
    }

    [TestMethod]
    public async Task ChangedPackageInTheRegistry_LockDownloadsIt_RefusesIt_AndLeavesTheLockFileByteIdentical()
    {
        await using var mirror = await StartAsync();
        var platform = Platform.Parse("linux_amd64");
        var scenario = mirror.Scenario;
        var genuine = ProviderZips.Create(scenario.Temp.CreateDirectory("genuine"), Demo.Type, "1.0.0", platform.ToString());
        var rebuilt = ProviderZips.Create(scenario.Zips, Demo.Type, "1.0.0", platform.ToString(), flavour: "rebuilt");
        await mirror.PushAsync(rebuilt);
        ModuleFiles.Write(scenario.Module, (Demo, "1.0.0", [ProviderZips.H1(genuine)]));
        var before = File.ReadAllBytes(mirror.LockFilePath);

        var report = await mirror.LockAsync(platform);

        Assert.IsFalse(report.Succeeded);
        Assert.IsFalse(report.Written);
        var error = report.Diagnostics.Single(d => d.Severity == TofuMirror.Diagnostics.DiagnosticSeverity.Error);
        Assert.AreEqual(DiagnosticCodes.ChecksumMismatch, error.Code);
        StringAssert.Contains(error.Detail, $"linux_amd64 ({ProviderZips.H1(rebuilt)})");
        CollectionAssert.Contains(mirror.ServedBlobs.ToList(), ProviderZips.Zh(rebuilt).Value, "judged by the downloaded bytes");
        CollectionAssert.AreEqual(before, File.ReadAllBytes(mirror.LockFilePath));
        Assert.AreEqual(1, Directory.GetFiles(scenario.Module, LockFile.FileName + "*").Length, "no temp file left behind");
    }

    private static Task<Mirror> StartAsync() => Mirror.StartAsync();
}
