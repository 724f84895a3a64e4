using System;
using System.Collections.Generic;
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
/// docs/provenance.md's air-gap flow, run for real: the signed origin is mirrored into an <c>oci-layout:</c> folder,
/// the folder is copied into a second, empty registry, then with the origin and the folder gone the air-gapped side
/// locks every platform's official <c>zh:</c> from the signed evidence, restores with <c>--require-signed</c> and runs
/// <c>terraform init</c> offline.
/// </summary>
[TestClass]
public sealed class AirGapProvenanceTests
{
    private static readonly ClassRegistry s_firstRegistry = new();
    private static readonly ClassRegistry s_airGappedRegistry = new();

    [ClassCleanup]
    public static void Stop()
    {
        s_firstRegistry.Dispose();
        s_airGappedRegistry.Dispose();
    }

    [TestMethod]
    public async Task MirrorIntoAFolder_CopyIntoAnEmptyRegistry_ThenLockAndRestoreSignedOffline()
    {
        if (Platform.Current is not { } current || !FourPlatforms.Contains(current.ToString()))
        {
            Assert.Inconclusive("this machine's platform is not one the origin serves");
            return;
        }

        await using var scenario = await SignedOriginScenario.CreateAsync(s_firstRegistry.Process.Host);
        var layoutTemplate = "oci-layout:" + scenario.Temp.Combine("carried") + "/${hostname}/${namespace}/${type}";
        // The connected side mirrors only two of the four platforms: the lock must still get all four from the evidence,
        // also when all four are asked for by name.
        var mirrored = new[] { current.ToString(), FourPlatforms.First(p => p != current.ToString()) };
        var mirror = await CliRun.RunAsync(scenario.Temp.Path, false, scenario.Variables,
            ["mirror", "--chdir", "module", "--repository-template", layoutTemplate, "--cache", "cache", "--json",
             .. mirrored.SelectMany(p => new[] { "--platform", p })]);
        Assert.AreEqual(0, mirror.ExitCode, mirror.ToString());
        await scenario.StopOriginAsync();

        var airGappedTemplate = s_airGappedRegistry.Process.Host + "/internal/${hostname}/${namespace}/${type}";
        var copy = await CliRun.RunAsync(scenario.Temp.Path,
            "copy", "--from", layoutTemplate, "--to", airGappedTemplate, "--json",
            Alpha + "@" + ReleaseVersion, Beta + "@" + ReleaseVersion, Gamma + "@" + ReleaseVersion);
        Assert.AreEqual(0, copy.ExitCode, copy.ToString());
        Directory.Delete(scenario.Temp.Combine("carried"), recursive: true);

        // Air-gapped side: the internal registry only, and the author's fingerprint as the one trust anchor.
        var anchors = scenario.Temp.WriteFile("trusted-keys.txt", "# the provider author's signing key\n" + scenario.Key.Fingerprint + "\n");
        var airGappedConfig = scenario.Temp.WriteFile("air-gapped.tofurc", $$"""
            provider_installation {
              oci_mirror {
                repository_template = "{{airGappedTemplate}}"
                include             = ["{{Host}}/*/*"]
              }
            }
            """);
        var variables = new Dictionary<string, string?> { ["TF_CLI_CONFIG_FILE"] = airGappedConfig };
        var allPlatforms = FourPlatforms.SelectMany(p => new[] { "--platform", p }).ToArray();
        var unanchored = await CliRun.RunAsync(scenario.Temp.Path, false, variables, ["lock", "--chdir", "module", .. allPlatforms]);
        Assert.AreEqual(1, unanchored.ExitCode, "without a trust anchor the platforms the mirror lacks cannot be locked\n" + unanchored);
        StringAssert.Contains(unanchored.Error, "TOFU0105");
        Assert.IsFalse(File.Exists(scenario.Temp.Combine("module", ".terraform.lock.hcl")));

        var lockRun = await CliRun.RunAsync(scenario.Temp.Path, false, variables,
            ["lock", "--chdir", "module", "--trusted-keys", anchors, .. allPlatforms]);
        Assert.AreEqual(0, lockRun.ExitCode, lockRun.ToString());
        StringAssert.Contains(lockRun.ToString(), "(signed, key ID " + scenario.Key.KeyId);
        var lockText = File.ReadAllText(scenario.Temp.Combine("module", ".terraform.lock.hcl"));
        foreach (var type in new[] { "alpha", "beta", "gamma" })
        {
            var officialLines = File.ReadAllLines(scenario.File(ShaSumsPath(type))).Where(l => l.Length > 0).ToList();
            Assert.AreEqual(FourPlatforms.Length, officialLines.Count);
            foreach (var line in officialLines)
                StringAssert.Contains(lockText, "\"zh:" + line[..64] + "\"", type + ": " + line);
        }

        var restore = await CliRun.RunAsync(scenario.Temp.Path, false, variables,
            "restore", "--chdir", "module", "--require-signed", "--trusted-keys", anchors,
            "--platform", current.ToString(), "--cache", "air-gapped-cache", "--json");
        Assert.AreEqual(0, restore.ExitCode, restore.ToString());
        StringAssert.Contains(restore.Out, "\"signingKeyId\": \"" + scenario.Key.KeyId, restore.ToString());

        TerraformCli.Require();
        var init = TerraformCli.Run(scenario.Temp.Combine("module"), scenario.Temp.CreateDirectory("tf-home"),
            restore.Json.GetProperty("cliConfigFile").GetString()!, "init", "-input=false", "-no-color");
        Assert.AreEqual(0, init.Code, init.Stdout + init.Stderr);
        foreach (var provider in new[] { Alpha, Beta, Gamma })
            StringAssert.Contains(init.Stdout, $"Installing {provider} v{ReleaseVersion}");
    }
}
