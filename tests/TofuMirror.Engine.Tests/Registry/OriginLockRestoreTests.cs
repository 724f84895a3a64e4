using TofuMirror.Testing.Tools;
using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Threading.Tasks;
using Microsoft.VisualStudio.TestTools.UnitTesting;
using TofuMirror.Engine.Hashing;
using TofuMirror.Engine.Push;
using TofuMirror.Engine.Restore;
using TofuMirror.Engine.Stores;
using TofuMirror.Engine.Tests.Lock;
using TofuMirror.Engine.Tests.Support;
using TofuMirror.Model.Packages;
using TofuMirror.Model.Platforms;
using TofuMirror.Model.Versions;
using TofuMirror.Testing;
using TofuMirror.Testing.Registry;

namespace TofuMirror.Engine.Tests.Registry;

/// <summary>
/// End to end: <c>lock --origin</c> records the official checksums, the origin's own zips go to the real registry,
/// the origin is stopped, and <c>restore</c> from the OCI mirror alone verifies against those checksums; then a real
/// <c>terraform init</c> installs offline from what was restored.
/// </summary>
[TestClass]
public sealed class OriginLockRestoreTests
{
    private static readonly ClassRegistry s_registry = new();

    [ClassCleanup]
    public static void Stop() => s_registry.Dispose();

    private static string CurrentPlatform()
    {
        if (Platform.Current is null) Assert.Inconclusive("unknown platform");
        return Platform.Current!.ToString();
    }

    /// <summary>Locks from the origin, pushes the origin's zips byte for byte, stops the origin and restores from the registry.</summary>
    /// <param name="rebuiltType">A provider whose zip for <paramref name="platform"/> is pushed rebuilt (other bytes) instead of the origin's.</param>
    private static async Task<(OriginLockScenario Scenario, RestoreReport Report)> LockPushStopRestoreAsync(string platform, string? rebuiltType = null)
    {
        RegistryProcess.RequireBinary();
        var scenario = await OriginLockScenario.StartAsync();
        var locked = await scenario.LockAsync();
        Assert.IsTrue(locked.Succeeded, string.Join("\n", locked.Diagnostics));

        var home = scenario.Temp.CreateDirectory("home");
        using var source = MirrorSource.Load(
            new MirrorSourceOptions(s_registry.Process.Host + "/originlock-" + Guid.NewGuid().ToString("N")[..8] + "/${hostname}/${namespace}/${type}", null, scenario.Temp.Path),
            ProcessCliEnvironment.Create(new Dictionary<string, string?> { ["HOME"] = home }, home));
        Assert.IsNotNull(source.Stores, string.Join("\n", source.Diagnostics));
        foreach (var (type, version) in OriginLockScenario.Releases)
        {
            var folder = scenario.Temp.CreateDirectory("zips", type);
            var zips = OriginLockScenario.Platforms.Select(p =>
            {
                var path = Path.Combine(folder, $"terraform-provider-{type}_{version}_{p}.zip");
                File.WriteAllBytes(path, type == rebuiltType && p == platform
                    ? TofuMirror.Testing.Origin.OriginLayoutBuilder.ProviderZip(type, version, "rebuilt")
                    : scenario.Zip(type, version, p));
                return path;
            }).ToList();
            await new PushJob().RunAsync(new PushRequest(PushSourceReader.Read(zips, OriginLockScenario.Address(type), []), source.Stores!), default);
        }
        await scenario.StopOriginAsync();

        var report = await new RestoreJob().RunAsync(new RestoreRequest(scenario.Module, source.Stores!, [Platform.Parse(platform)],
            scenario.Temp.Combine("out"), OutputLayout.Unpacked, scenario.Temp.Combine("restore-cache")), default);
        return (scenario, report);
    }

    [TestMethod]
    public async Task RestoreFromTheMirrorAlone_VerifiesAgainstTheOfficialChecksums()
    {
        var platform = CurrentPlatform();
        var (scenario, report) = await LockPushStopRestoreAsync(platform);
        await using var _ = scenario;

        Assert.IsTrue(report.Succeeded, string.Join("\n", report.Diagnostics));
        foreach (var (type, version) in OriginLockScenario.Releases)
        {
            var unpacked = FilesystemMirrorLayout.UnpackedDirectory(scenario.Temp.Combine("out"), OriginLockScenario.Address(type),
                ProviderVersion.Parse(version), Platform.Parse(platform));
            var h1 = PackageHasher.ComputeH1FromDirectory(unpacked).ToString();
            CollectionAssert.Contains(scenario.LockedHashes(type).ToList(), h1, type);
            Assert.AreEqual(OriginLockScenario.H1Of(scenario.Zip(type, version, platform)), h1);
        }
    }

    [TestMethod]
    public async Task RestoreFromTheMirror_RefusesAPackageThatIsNotTheOfficialOne()
    {
        var platform = CurrentPlatform();
        var (scenario, report) = await LockPushStopRestoreAsync(platform, rebuiltType: "gadget");
        await using var _ = scenario;

        Assert.IsFalse(report.Succeeded);
        var refused = report.Items.Single(i => i.Status == RestoreStatus.Failed);
        Assert.AreEqual(OriginLockScenario.Address("gadget"), refused.Provider);
        Assert.AreEqual(TofuMirror.Model.Diagnostics.DiagnosticCodes.ChecksumMismatch, refused.Error!.Code, refused.Error.ToString());
    }

    [TestMethod]
    public async Task TerraformInitOffline_InstallsWhatWasRestored_AgainstTheOfficialChecksums()
    {
        TerraformCli.Require();
        var platform = CurrentPlatform();
        var (scenario, report) = await LockPushStopRestoreAsync(platform);
        await using var _ = scenario;
        Assert.IsTrue(report.Succeeded, string.Join("\n", report.Diagnostics));
        var lockBefore = File.ReadAllText(scenario.LockFilePath);

        var init = TerraformCli.Run(scenario.Module, scenario.Temp.CreateDirectory("tf-home"), report.CliConfigPath, "init", "-input=false", "-no-color");

        Assert.AreEqual(0, init.Code, init.Stdout + init.Stderr);
        foreach (var (type, version) in OriginLockScenario.Releases)
            StringAssert.Contains(init.Stdout, $"Installing {OriginLockScenario.Host}/acme/{type} v{version}");
        Assert.AreEqual(lockBefore, File.ReadAllText(scenario.LockFilePath), "terraform found every checksum it needed in the lock");
    }
}
