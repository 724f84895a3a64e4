using TofuMirror.Testing.Tools;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Threading.Tasks;
using Microsoft.VisualStudio.TestTools.UnitTesting;
using TofuMirror.Model.Locks;
using TofuMirror.Engine.Restore;
using TofuMirror.Engine.Tests.Support;
using TofuMirror.Engine.Hashing;
using TofuMirror.Model.Addresses;
using TofuMirror.Model.Hashing;
using TofuMirror.Model.Platforms;

namespace TofuMirror.Engine.Tests.Interop;

/// <summary>The restored folder and its tofu.rc, consumed by a real <c>terraform init</c> offline.</summary>
[TestClass]
public sealed class TerraformInteropTests
{
    private static readonly ProviderAddress Demo = RestoreScenario.Demo;

    private static string CurrentPlatform()
    {
        if (Platform.Current is not { } current) Assert.Inconclusive("unknown platform");
        return Platform.Current!.ToString();
    }

    private static (int Code, string Stdout, string Stderr) Init(RestoreScenario scenario, string cliConfig) =>
        TerraformCli.Run(scenario.Module, scenario.Temp.CreateDirectory("tf-home"), cliConfig, "init", "-input=false", "-no-color");

    private static IReadOnlyList<PackageHash> LockedHashes(RestoreScenario scenario)
    {
        var path = Path.Combine(scenario.Module, LockFile.FileName);
        var read = LockFileReader.Read(File.ReadAllText(path), path);
        Assert.AreEqual(0, read.Diagnostics.Count, string.Join("\n", read.Diagnostics));
        return read.LockFile.Find(Demo)!.Hashes;
    }

    [TestMethod]
    [DataRow(OutputLayout.Unpacked)]
    [DataRow(OutputLayout.Packed)]
    public async Task TerraformInitUsesTheRestoredFolderOffline(OutputLayout layout)
    {
        TerraformCli.Require();
        var platform = CurrentPlatform();
        using var scenario = new RestoreScenario();
        var zip = (await scenario.PublishAsync(Demo, "1.0.0", platform))[platform];
        ModuleFiles.Write(scenario.Module, (Demo, "1.0.0", RestoreScenario.HashesOf([zip])));
        var report = await scenario.RestoreAsync(layout, platform);
        RestoreScenario.AssertSucceeded(report);
        RestoreScenario.AssertInstalled(RestoreScenario.Single(report), ProviderZips.H1(zip));

        var init = Init(scenario, report.CliConfigPath!);

        Assert.AreEqual(0, init.Code, init.Stdout + init.Stderr);
        StringAssert.Contains(init.Stdout, "Installing registry.opentofu.org/tofumirror/demo v1.0.0");
        CollectionAssert.Contains(LockedHashes(scenario).ToList(), ProviderZips.H1(zip));
        var installed = Path.Combine(scenario.Module, ".terraform", "providers", "registry.opentofu.org", "tofumirror", "demo", "1.0.0", platform);
        Assert.IsTrue(Directory.Exists(installed), init.Stdout);
        Assert.AreEqual(ProviderZips.H1(zip), PackageHasher.ComputeH1FromDirectory(installed));
    }

    [TestMethod]
    public async Task TerraformComputesTheSameH1AsOurHasher()
    {
        TerraformCli.Require();
        var platform = CurrentPlatform();
        using var scenario = new RestoreScenario();
        var zip = (await scenario.PublishAsync(Demo, "1.0.0", platform))[platform];
        ModuleFiles.Write(scenario.Module, (Demo, "1.0.0", new[] { ProviderZips.Zh(zip) }));
        var report = await scenario.RestoreAsync(platform);
        RestoreScenario.AssertSucceeded(report);
        var restored = PackageHasher.ComputeH1FromDirectory(RestoreScenario.Single(report).InstalledPath!).ToString();
        // Without a lock file terraform hashes the unpacked package itself and records only that h1:.
        File.Delete(Path.Combine(scenario.Module, LockFile.FileName));

        var init = Init(scenario, report.CliConfigPath!);

        Assert.AreEqual(0, init.Code, init.Stdout + init.Stderr);
        CollectionAssert.AreEqual(new[] { restored, ProviderZips.H1(zip).ToString() }.Distinct().ToArray(), LockedHashes(scenario).Select(h => h.ToString()).ToArray());
    }
}
