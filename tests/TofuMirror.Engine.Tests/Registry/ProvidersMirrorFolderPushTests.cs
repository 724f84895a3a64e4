using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Threading.Tasks;
using Microsoft.VisualStudio.TestTools.UnitTesting;
using TofuMirror.Engine.Providers;
using TofuMirror.Engine.Push;
using TofuMirror.Engine.Stores;
using TofuMirror.Engine.Tests.Support;
using TofuMirror.Testing.Registry;
using TofuMirror.Testing;
using TofuMirror.Model.Addresses;
using TofuMirror.Model.Diagnostics;
using TofuMirror.Model.Platforms;

namespace TofuMirror.Engine.Tests.Registry;

/// <summary>Pushing a folder OpenTofu 1.12's <c>tofu providers mirror</c> wrote (every trusted hash in VERSION.json) to the real registry.</summary>
[TestClass]
public sealed class ProvidersMirrorFolderPushTests
{
    private static readonly ProviderAddress Demo = RestoreScenario.Demo;
    private static readonly ClassRegistry s_registry = new();

    [ClassCleanup]
    public static void Stop() => s_registry.Dispose();

    private static MirrorSource Load(TempFolder temp, string registryHost)
    {
        var home = temp.CreateDirectory("home");
        var source = MirrorSource.Load(new MirrorSourceOptions(registryHost + "/folder-" + Guid.NewGuid().ToString("N")[..8] + "/${hostname}/${namespace}/${type}", null, temp.Path),
            ProcessCliEnvironment.Create(new Dictionary<string, string?> { ["HOME"] = home }, home));
        Assert.IsNotNull(source.Stores, string.Join("\n", source.Diagnostics));
        return source;
    }

    [TestMethod]
    public async Task FolderWithCorrectHashes_IsPushed_WithTheListedZhAsLayerDigests()
    {
        using var temp = new TempFolder();
        using var source = Load(temp, s_registry.Process.Host);
        var (folder, zips) = ProvidersMirrorFolder.Create(temp.Combine("mirror"), Demo, "1.0.0", "linux_amd64", "darwin_arm64");
        ProvidersMirrorFolder.WriteVersionIndex(folder, "1.0.0", zips, ProvidersMirrorFolder.TrustedHashes);

        var report = await new PushJob().RunAsync(new PushRequest(PushSourceReader.Read([temp.Combine("mirror")], null, []), source.Stores!), default);

        var pushed = report.Versions.Single();
        foreach (var (platform, zip) in zips)
        {
            var entry = pushed.Platforms.Single(p => p.Platform.ToString() == platform);
            Assert.AreEqual(ProviderZips.Zh(zip).Value, entry.LayerDigest.Split(':')[1]);
            Assert.AreEqual(ProviderZips.H1(zip), entry.H1);
        }
        var store = source.Stores!.Resolve(Demo).Single();
        var (versions, _) = await ProviderArtifactResolver.ListVersionsAsync(store, default);
        Assert.AreEqual("1.0.0", versions.Single().ToString());
    }

    [TestMethod]
    [DataRow("zh")]
    [DataRow("h1")]
    public async Task FolderWithAWrongHashListed_FailsNamingTheFile_AndSendsNothingToTheRegistry(string wrongScheme)
    {
        using var temp = new TempFolder();
        await using var proxy = await RegistryProxy.StartAsync(s_registry.Process.Host);
        using var source = Load(temp, proxy.Host);
        var (folder, zips) = ProvidersMirrorFolder.Create(temp.Combine("mirror"), Demo, "1.0.0", "linux_amd64", "darwin_arm64");
        var tampered = zips["linux_amd64"];
        var other = ProviderZips.Create(temp.CreateDirectory("other"), "demo", "1.0.0", "linux_amd64", flavour: "other");
        ProvidersMirrorFolder.WriteVersionIndex(folder, "1.0.0", zips, zip => zip != tampered ? ProvidersMirrorFolder.TrustedHashes(zip)
            : wrongScheme == "zh" ? [ProviderZips.H1(zip).ToString(), ProviderZips.Zh(other).ToString()]
            : [ProviderZips.H1(other).ToString(), ProviderZips.Zh(zip).ToString()]);

        var failure = await Assert.ThrowsExactlyAsync<ProviderFailure>(async () =>
            await new PushJob().RunAsync(new PushRequest(PushSourceReader.Read([temp.Combine("mirror")], null, []), source.Stores!), default));

        Assert.AreEqual(DiagnosticCodes.ChecksumMismatch, failure.Code);
        StringAssert.Contains(failure.Message, tampered + " does not match " + Path.Combine(folder, "1.0.0.json"));
        Assert.AreEqual(0, proxy.RequestCount, "nothing was sent to the registry, not even darwin_arm64's good package");
    }
}
