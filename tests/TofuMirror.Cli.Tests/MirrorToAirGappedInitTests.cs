using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.IO;
using System.Linq;
using System.Threading.Tasks;
using Microsoft.VisualStudio.TestTools.UnitTesting;
using TofuMirror.Model.Platforms;
using TofuMirror.Testing.Registry;
using TofuMirror.Testing.Tools;
using static TofuMirror.Cli.Tests.SignedOriginScenario;

namespace TofuMirror.Cli.Tests;

/// <summary>
/// docs/mirror.md, "From an empty registry to an air-gapped tofu init", run for real: mirror from the signed origin,
/// stop the origin, lock and restore from the OCI mirror alone, then <c>terraform init</c> offline.
/// </summary>
[TestClass]
public sealed class MirrorToAirGappedInitTests
{
    private static RegistryProcess? s_registry;

    [ClassInitialize]
    public static void Start(TestContext _)
    {
        if (File.Exists(RegistryProcess.Binary)) s_registry = RegistryProcess.Start();
    }

    [ClassCleanup]
    public static void Stop() => s_registry?.Dispose();

    [TestMethod]
    public async Task Mirror_ThenWithTheOriginStopped_LockRestoreAndTerraformInitOffline()
    {
        RegistryProcess.RequireBinary();
        TerraformCli.Require();
        if (Platform.Current is not { } current || !FourPlatforms.Contains(current.ToString())) { Assert.Inconclusive("this machine's platform is not one the origin serves"); return; }
        await using var scenario = await SignedOriginScenario.CreateAsync(s_registry!.Host);

        // Connected side: the origin's host block, the module's providers into the OCI mirror.
        var mirror = await scenario.MirrorAsync();
        Assert.AreEqual(0, mirror.ExitCode, mirror.ToString());

        await scenario.StopOriginAsync();

        // Air-gapped side: the OCI mirror only (its oci_mirror block), no host block, no origin.
        var template = s_registry.Host + "/" + scenario.Prefix + "/${hostname}/${namespace}/${type}";
        var airGapped = scenario.Temp.WriteFile("air-gapped.tofurc", $$"""
            provider_installation {
              oci_mirror {
                repository_template = "{{template}}"
                include             = ["{{Host}}/*/*"]
              }
            }
            """);
        var variables = new Dictionary<string, string?> { ["TF_CLI_CONFIG_FILE"] = airGapped };
        var platforms = FourPlatforms.SelectMany(p => new[] { "--platform", p }).ToArray();
        var lockRun = await CliRun.RunAsync(scenario.Temp.Path, false, variables, ["lock", "--chdir", "module", "--json", .. platforms]);
        Assert.AreEqual(0, lockRun.ExitCode, lockRun.ToString());
        var lockText = File.ReadAllText(scenario.Temp.Combine("module", ".terraform.lock.hcl"));
        foreach (var type in new[] { "alpha", "beta", "gamma" })
        {
            // The lock carries the official checksums: every line of the author's signed SHA256SUMS.
            foreach (var line in File.ReadAllLines(scenario.File(ShaSumsPath(type))).Where(l => l.Length > 0))
                StringAssert.Contains(lockText, "\"zh:" + line[..64] + "\"", type);
        }

        var restore = await CliRun.RunAsync(scenario.Temp.Path, false, variables,
            "restore", "--chdir", "module", "--platform", current.ToString(), "--cache", "air-gapped-cache", "--json");
        Assert.AreEqual(0, restore.ExitCode, restore.ToString());
        var restoredConfig = restore.Json.GetProperty("cliConfigFile").GetString()!;

        var init = TerraformCli.Run(scenario.Temp.Combine("module"), scenario.Temp.CreateDirectory("tf-home"), restoredConfig, "init", "-input=false", "-no-color");

        Assert.AreEqual(0, init.Code, init.Stdout + init.Stderr);
        foreach (var provider in new[] { Alpha, Beta, Gamma })
        {
            StringAssert.Contains(init.Stdout, $"Installing {provider} v{ReleaseVersion}");
            Assert.IsTrue(Directory.Exists(scenario.Temp.Combine("module", ".terraform", "providers", provider.Hostname, provider.Namespace, provider.Type, ReleaseVersion, current.ToString())));
        }
    }
}
