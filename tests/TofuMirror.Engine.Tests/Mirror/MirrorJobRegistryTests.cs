using TofuMirror.Testing.Tools;
using System;
using System.IO;
using System.Linq;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.VisualStudio.TestTools.UnitTesting;
using TofuMirror.Engine.Mirror;
using TofuMirror.Engine.Progress;
using TofuMirror.Engine.Providers;
using TofuMirror.Engine.Restore;
using TofuMirror.Engine.Tests.Support;
using TofuMirror.Model.Diagnostics;
using TofuMirror.Model.Versions;
using TofuMirror.Oci.Content;
using TofuMirror.Testing.Registry;
using static TofuMirror.Engine.Tests.Mirror.MirrorScenario;

namespace TofuMirror.Engine.Tests.Mirror;

/// <summary>The mirror job, from a <c>tofu providers mirror</c> folder into the real registry.</summary>
[TestClass]
public sealed class MirrorJobRegistryTests
{
    private const string Skopeo = "/usr/bin/skopeo";
    private static readonly ClassRegistry s_registry = new();

    [ClassCleanup]
    public static void Stop() => s_registry.Dispose();

    private static Task<MirrorScenario> ScenarioAsync()
    {
        return MirrorScenario.CreateAsync(s_registry.Process.Host);
    }

    [TestMethod]
    public async Task ModuleNeedingThreeProviders_FillsAnEmptyRegistry_ForFourPlatforms_ThenARerunUploadsNothing()
    {
        await using var scenario = await ScenarioAsync();

        var (first, firstTransfers) = await scenario.RunAsync(scenario.Request());

        Assert.IsTrue(first.Succeeded, string.Join("\n", first.Versions.Select(v => v.Error)));
        CollectionAssert.AreEqual(new[] { "example.com/corp/gamma 1.0.0", "registry.opentofu.org/acme/alpha 1.1.0", "registry.opentofu.org/acme/beta 1.0.0" },
            first.Versions.Select(v => $"{v.Provider} {v.Version}").ToArray(), "alpha: newest of ~> 1.0; beta: the locked version; gamma: the child module's pin");
        foreach (var version in first.Versions)
        {
            Assert.AreEqual(4, version.Platforms.Count);
            foreach (var platform in version.Platforms)
            {
                var zip = scenario.Zips[(version.Provider, version.Version!.ToString(), platform.Platform.ToString())];
                Assert.AreEqual(MirrorStatus.Fetched, platform.Status);
                Assert.AreEqual("sha256:" + ProviderZips.Zh(zip).Value, platform.Digest, "the layer digest is the zip's own zh:");
                Assert.AreEqual(new FileInfo(zip).Length, platform.Size);
            }
            var store = scenario.Source.Stores!.Resolve(version.Provider).Single();
            var (indexDescriptor, index) = await ProviderArtifactResolver.ReadIndexAsync(store, version.Version!, default);
            Assert.AreEqual(version.IndexDigest, indexDescriptor.Digest.ToString());
            Assert.AreEqual(4, index.Manifests.Count);
            foreach (var platform in version.Platforms)
            {
                var location = await ProviderArtifactResolver.ResolvePlatformAsync(store, version.Provider, version.Version!, platform.Platform, indexDescriptor, index, default);
                Assert.AreEqual(platform.Digest, location.Layer.Digest.ToString());
                Assert.AreEqual(ProviderZips.H1(scenario.Zips[(version.Provider, version.Version!.ToString(), platform.Platform.ToString())]), location.AnnotatedH1);
            }
        }
        Assert.AreEqual(12, firstTransfers.Count(t => t.Direction == TransferDirection.Download && t.Stage == TransferStage.Completed));
        Assert.IsTrue(scenario.Writes().Count > 0);

        scenario.Requests.Clear();
        var (second, secondTransfers) = await scenario.RunAsync(scenario.Request());

        Assert.IsTrue(second.Succeeded);
        Assert.IsTrue(second.Versions.SelectMany(v => v.Platforms).All(p => p.Status == MirrorStatus.Skipped));
        CollectionAssert.AreEqual(first.Versions.Select(v => v.IndexDigest).ToArray(), second.Versions.Select(v => v.IndexDigest).ToArray());
        Assert.AreEqual(0, secondTransfers.Count, "nothing downloaded from the origin, nothing uploaded");
        Assert.AreEqual(0, scenario.Writes().Count, "the registry saw no write: " + string.Join(", ", scenario.Writes()));
        Assert.IsFalse(scenario.Requests.Any(r => r.Contains("/blobs/", StringComparison.Ordinal)), "no blob was asked for: " + string.Join(", ", scenario.Requests));
    }

    [TestMethod]
    public async Task APlatformAddedLater_IsAppendedToTheExistingIndex_AndTheTagMoves()
    {
        await using var scenario = await ScenarioAsync();
        var (first, _) = await scenario.RunAsync(scenario.Request("linux_amd64", "darwin_arm64"));
        Assert.IsTrue(first.Succeeded, string.Join("\n", first.Versions.Select(v => v.Error)));

        var (second, transfers) = await scenario.RunAsync(scenario.Request("linux_amd64", "darwin_arm64", "windows_amd64"));

        Assert.IsTrue(second.Succeeded, string.Join("\n", second.Versions.Select(v => v.Error)));
        foreach (var version in second.Versions)
        {
            CollectionAssert.AreEquivalent(new[] { "darwin_arm64:Skipped", "linux_amd64:Skipped", "windows_amd64:Fetched" },
                version.Platforms.Select(p => $"{p.Platform}:{p.Status}").ToArray());
            var before = first.Versions.Single(v => v.Provider == version.Provider);
            Assert.AreNotEqual(before.IndexDigest, version.IndexDigest);
            var store = scenario.Source.Stores!.Resolve(version.Provider).Single();
            var (tagged, index) = await ProviderArtifactResolver.ReadIndexAsync(store, version.Version!, default);
            Assert.AreEqual(version.IndexDigest, tagged.Digest.ToString(), "the tag names the new index");
            CollectionAssert.AreEqual(new[] { "darwin_arm64", "linux_amd64", "windows_amd64" }, index.Manifests.Select(m => m.Platform!.ToString()).ToArray());
        }
        Assert.AreEqual(3, transfers.Count(t => t.Direction == TransferDirection.Download && t.Stage == TransferStage.Completed), "only the new platform was read");
    }

    [TestMethod]
    public async Task DryRun_PlansEverything_AndWritesNothing()
    {
        await using var scenario = await ScenarioAsync();

        var (report, transfers) = await scenario.RunAsync(scenario.Request() with { DryRun = true });

        Assert.IsTrue(report.DryRun);
        Assert.IsTrue(report.Succeeded);
        Assert.AreEqual(12, report.Versions.SelectMany(v => v.Platforms).Count(p => p.Status == MirrorStatus.Fetched));
        Assert.IsTrue(report.Versions.SelectMany(v => v.Platforms).All(p => p.Size > 0 && p.Digest!.StartsWith("sha256:", StringComparison.Ordinal)));
        Assert.AreEqual(0, transfers.Count);
        Assert.AreEqual(0, scenario.Writes().Count, string.Join(", ", scenario.Writes()));
        Assert.IsFalse(Directory.Exists(scenario.Cache), "nothing downloaded into the cache");
        var store = scenario.Source.Stores!.Resolve(Alpha).Single();
        await Assert.ThrowsExactlyAsync<ProviderFailure>(() => ProviderArtifactResolver.ReadIndexAsync(store, ProviderVersion.Parse("1.1.0"), default));
    }

    [TestMethod]
    public async Task AZipWhoseSha256IsNotTheListedZh_IsRefused_AndNothingOfItsVersionIsPushed()
    {
        await using var scenario = await ScenarioAsync();
        var tampered = scenario.Zips[(Alpha, "1.1.0", "linux_arm64")];
        var listedZh = ProviderZips.Zh(tampered);
        ProviderZips.Write(tampered, ProviderZips.Entries("alpha", "1.1.0", "linux_arm64", flavour: "rebuilt"));

        var (report, _) = await scenario.RunAsync(scenario.Request());

        Assert.IsFalse(report.Succeeded);
        var alpha = report.Versions.Single(v => v.Provider == Alpha);
        Assert.AreEqual(DiagnosticCodes.OriginPackageRefused, alpha.Error!.Code);
        StringAssert.Contains(alpha.Error.Detail, "acme/alpha 1.1.0 for linux_arm64");
        StringAssert.Contains(alpha.Error.Detail, $"it has {ProviderZips.Zh(tampered)}, but the zh: hashes the origin reports for it are {listedZh}");
        Assert.IsTrue(alpha.Platforms.All(p => p.Status == MirrorStatus.Failed));
        var store = scenario.Source.Stores!.Resolve(Alpha).Single();
        await Assert.ThrowsExactlyAsync<ProviderFailure>(() => ProviderArtifactResolver.ReadIndexAsync(store, ProviderVersion.Parse("1.1.0"), default));
        var goodZip = scenario.Zips[(Alpha, "1.1.0", "linux_amd64")];
        var goodLayer = new Descriptor(MediaTypes.ZipArchive, Digest.Parse("sha256:" + ProviderZips.Zh(goodZip).Value), new FileInfo(goodZip).Length);
        Assert.IsFalse(await store.BlobExistsAsync(goodLayer, default), "a good platform of the refused version was not uploaded either");
        Assert.IsTrue(report.Versions.Where(v => v.Provider != Alpha).All(v => !v.Failed), "the other providers are mirrored");
    }

    [TestMethod]
    public async Task AnOriginServingOtherBytesThanTheMirrorHolds_IsRefused_AndTheTagIsLeftAsItWas()
    {
        await using var scenario = await ScenarioAsync();
        var (first, _) = await scenario.RunAsync(scenario.Request("linux_amd64"));
        Assert.IsTrue(first.Succeeded);
        // The origin now serves a rebuilt gamma 1.0.0 (consistent with its own VERSION.json).
        var folder = Path.GetDirectoryName(scenario.Zips[(Gamma, "1.0.0", "linux_amd64")])!;
        var rebuilt = ProviderZips.Create(folder, "gamma", "1.0.0", "linux_amd64", flavour: "rebuilt");
        ProvidersMirrorFolder.WriteVersionIndex(folder, "1.0.0",
            FourPlatforms.ToDictionary(p => p, p => p == "linux_amd64" ? rebuilt : scenario.Zips[(Gamma, "1.0.0", p)]), ProvidersMirrorFolder.TrustedHashes);
        scenario.Requests.Clear();

        var (report, transfers) = await scenario.RunAsync(scenario.Request("linux_amd64"));

        var gamma = report.Versions.Single(v => v.Provider == Gamma);
        Assert.AreEqual(DiagnosticCodes.MirrorHoldsOtherPackage, gamma.Error!.Code);
        StringAssert.Contains(gamma.Error.Detail, "serves " + ProviderZips.Zh(rebuilt));
        Assert.AreEqual(0, scenario.Writes().Count, string.Join(", ", scenario.Writes()));
        Assert.AreEqual(0, transfers.Count, "refused from the checksums alone, before any download");
    }

    [TestMethod]
    public async Task ARunStoppedPartWay_ResumesWithoutReadingFinishedPackagesAgain()
    {
        await using var scenario = await ScenarioAsync();
        var stopping = new StopAfterChecks(5);
        var interrupted = scenario.Request() with { Parallelism = 1, Checks = [new OriginHashCheck(), stopping] };
        await Assert.ThrowsAsync<OperationCanceledException>(() => scenario.RunAsync(interrupted));

        var (report, transfers) = await scenario.RunAsync(scenario.Request());

        Assert.IsTrue(report.Succeeded, string.Join("\n", report.Versions.Select(v => v.Error)));
        // With one download at a time the first version (4 platforms) was pushed before the stop, and one more package accepted.
        Assert.AreEqual(5, stopping.Accepted);
        var platforms = report.Versions.SelectMany(v => v.Platforms).ToList();
        Assert.AreEqual(4, platforms.Count(p => p.Status == MirrorStatus.Skipped));
        Assert.AreEqual(8, platforms.Count(p => p.Status == MirrorStatus.Fetched));
        var downloaded = transfers.Count(t => t.Direction == TransferDirection.Download && t.Stage == TransferStage.Completed);
        Assert.AreEqual(7, downloaded, "the package accepted before the stop but not pushed came from the cache");
        Assert.AreEqual(8, transfers.Count(t => t.Direction == TransferDirection.Upload && t.Stage == TransferStage.Completed));
    }

    [TestMethod]
    public async Task SkopeoReadsTheMirroredIndex_AndRestoreInstallsFromTheMirror()
    {
        ExternalTool.Require(Skopeo, "skopeo");
        await using var scenario = await ScenarioAsync();
        var (report, _) = await scenario.RunAsync(scenario.Request());
        Assert.IsTrue(report.Succeeded);
        var beta = report.Versions.Single(v => v.Provider == Beta);

        var inspect = ExternalTool.Run(Skopeo, ["inspect", "--raw", "--tls-verify=false",
            $"docker://{s_registry.Process.Host}/{scenario.Prefix}/registry.opentofu.org/acme/beta:1.0.0"]);

        Assert.AreEqual(0, inspect.Code, inspect.Stderr);
        Assert.AreEqual(beta.IndexDigest, Digest.Compute(System.Text.Encoding.UTF8.GetBytes(inspect.Stdout.TrimEnd('\n'))).ToString());
        using var index = JsonDocument.Parse(inspect.Stdout);
        Assert.AreEqual("application/vnd.opentofu.provider", index.RootElement.GetProperty("artifactType").GetString());
        Assert.AreEqual(4, index.RootElement.GetProperty("manifests").GetArrayLength());

        // The module locks beta only: lock the other two with the zh: the mirror now serves, then restore.
        ModuleFiles.WriteLock(scenario.Module,
            ModuleFiles.Lock(Alpha, "1.1.0", RestoreScenario.HashesOf(FourPlatforms.Select(p => scenario.Zips[(Alpha, "1.1.0", p)]))),
            ModuleFiles.Lock(Beta, "1.0.0", RestoreScenario.HashesOf(FourPlatforms.Select(p => scenario.Zips[(Beta, "1.0.0", p)]))),
            ModuleFiles.Lock(Gamma, "1.0.0", RestoreScenario.HashesOf(FourPlatforms.Select(p => scenario.Zips[(Gamma, "1.0.0", p)]))));
        var output = scenario.Temp.Combine("out");
        var restore = await new RestoreJob().RunAsync(new RestoreRequest(scenario.Module, scenario.Source.Stores!,
            [Model.Platforms.Platform.Parse("linux_amd64"), Model.Platforms.Platform.Parse("windows_amd64")], output, OutputLayout.Packed, scenario.Temp.Combine("restore-cache")), default);

        RestoreScenario.AssertSucceeded(restore);
        Assert.AreEqual(6, restore.Items.Count(i => i.Status == RestoreStatus.Installed));
        var restoredZip = Model.Packages.FilesystemMirrorLayout.PackedZipPath(output, Gamma, ProviderVersion.Parse("1.0.0"), Model.Platforms.Platform.Parse("windows_amd64"));
        CollectionAssert.AreEqual(File.ReadAllBytes(scenario.Zips[(Gamma, "1.0.0", "windows_amd64")]), File.ReadAllBytes(restoredZip), "byte for byte as the origin served it");
    }

    /// <summary>Accepts packages, then cancels the run once <c>count</c> have been accepted (an interrupted run).</summary>
    private sealed class StopAfterChecks(int count) : IMirrorPackageCheck
    {
        private int _accepted;

        public int Accepted => _accepted;

        public Task<MirrorCheckResult> CheckAsync(DownloadedPackage package, CancellationToken cancellationToken)
        {
            if (Interlocked.Increment(ref _accepted) > count)
            {
                Interlocked.Decrement(ref _accepted);
                throw new OperationCanceledException("interrupted");
            }
            return Task.FromResult(MirrorCheckResult.None);
        }
    }
}
