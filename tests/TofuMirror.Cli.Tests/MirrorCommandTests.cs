using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text.Json;
using System.Threading.Tasks;
using Microsoft.VisualStudio.TestTools.UnitTesting;
using TofuMirror.Engine.Hashing;
using TofuMirror.Testing;
using TofuMirror.Testing.Registry;

namespace TofuMirror.Cli.Tests;

/// <summary><c>tofu-mirror mirror</c> from a <c>tofu providers mirror</c> folder, into the real registry and into layout folders.</summary>
[TestClass]
public sealed class MirrorCommandTests
{
    private const string LayoutTemplate = "oci-layout:oci/${namespace}/${type}";
    private static readonly string[] Platforms = ["linux_amd64", "darwin_arm64"];
    private static readonly ClassRegistry s_registry = new();

    [ClassCleanup]
    public static void Stop() => s_registry.Dispose();

    /// <summary>origin/registry.opentofu.org/example/demo with 1.0.0 and 1.1.0 for two platforms and their VERSION.json; a module wanting ~> 1.0.</summary>
    private static TempFolder Scenario()
    {
        var temp = new TempFolder();
        var folder = temp.Combine("origin", "registry.opentofu.org", "example", "demo");
        foreach (var version in new[] { "1.0.0", "1.1.0" })
        {
            var zips = Platforms.ToDictionary(p => p, p => TestZips.Release(folder, version, p));
            var archives = zips.ToDictionary(z => z.Key, z => new
            {
                url = Path.GetFileName(z.Value),
                hashes = new[] { PackageHasher.ComputeH1FromZip(z.Value).ToString(), PackageHasher.ComputeZipHash(z.Value).ToString() },
            });
            File.WriteAllText(Path.Combine(folder, version + ".json"), JsonSerializer.Serialize(new { archives }));
        }
        temp.WriteFile("module/versions.tf",
            "terraform {\n  required_providers {\n    demo = {\n      source  = \"example/demo\"\n      version = \"~> 1.0\"\n    }\n  }\n}\n");
        return temp;
    }

    [TestMethod]
    public async Task Mirror_IntoTheRegistry_ReportsEachPlatformAsJson_AndARerunSkipsThemAll()
    {
        RegistryProcess.RequireBinary();
        using var temp = Scenario();
        var template = s_registry.Process.Host + "/cli-mirror/${hostname}/${namespace}/${type}";

        var run = await CliRun.RunAsync(temp.Path, "mirror", "--chdir", "module", "--from-folder", "origin", "--repository-template", template, "--json");

        Assert.AreEqual(0, run.ExitCode, run.ToString());
        var version = run.Json.GetProperty("versions").EnumerateArray().Single();
        Assert.AreEqual("registry.opentofu.org/example/demo", version.GetProperty("provider").GetString());
        Assert.AreEqual("1.1.0", version.GetProperty("version").GetString());
        Assert.AreEqual(s_registry.Process.Host + "/cli-mirror/registry.opentofu.org/example/demo", version.GetProperty("repository").GetString());
        var platforms = version.GetProperty("platforms").EnumerateArray().ToList();
        CollectionAssert.AreEqual(new[] { "darwin_arm64", "linux_amd64" }, platforms.Select(p => p.GetProperty("platform").GetString()).ToArray());
        foreach (var platform in platforms)
        {
            var zip = temp.Combine("origin", "registry.opentofu.org", "example", "demo", $"terraform-provider-demo_1.1.0_{platform.GetProperty("platform").GetString()}.zip");
            Assert.AreEqual("fetched", platform.GetProperty("status").GetString());
            Assert.AreEqual("sha256:" + PackageHasher.ComputeZipHash(zip).Value, platform.GetProperty("digest").GetString());
            Assert.AreEqual(new FileInfo(zip).Length, platform.GetProperty("size").GetInt64());
            Assert.AreEqual(JsonValueKind.Null, platform.GetProperty("signingKeyId").ValueKind);
            Assert.AreEqual(new System.Uri(zip).ToString(), platform.GetProperty("sourceUrl").GetString());
        }

        var again = await CliRun.RunAsync(temp.Path, "mirror", "--chdir", "module", "--from-folder", "origin", "--repository-template", template, "--json");

        Assert.AreEqual(0, again.ExitCode, again.ToString());
        var rerun = again.Json.GetProperty("versions").EnumerateArray().Single();
        Assert.AreEqual(version.GetProperty("indexDigest").GetString(), rerun.GetProperty("indexDigest").GetString());
        Assert.IsTrue(rerun.GetProperty("platforms").EnumerateArray().All(p => p.GetProperty("status").GetString() == "skipped"));
    }

    [TestMethod]
    public async Task ExplicitProviderWithConstraints_AndAllVersions_MirrorsEveryAllowedVersion_IntoLayoutFolders()
    {
        using var temp = Scenario();

        var run = await CliRun.RunAsync(temp.Path, "mirror", "example/demo@>= 1.0, < 2.0", "--all-versions", "--platform", "linux_amd64",
            "--from-folder", "origin", "--repository-template", LayoutTemplate);

        Assert.AreEqual(0, run.ExitCode, run.ToString());
        StringAssert.Contains(run.Error, "mirrored example/demo 1.0.0 -> oci-layout:");
        StringAssert.Contains(run.Error, "mirrored example/demo 1.1.0 -> oci-layout:");
        StringAssert.Contains(run.Error, "mirror: 2 fetched");
        var tags = Directory.EnumerateFiles(temp.Combine("oci", "example", "demo"), "index.json").Single();
        StringAssert.Contains(File.ReadAllText(tags), "\"1.1.0\"");
    }

    [TestMethod]
    public async Task OnAnInteractiveTerminal_DownloadsAndUploadsDrawProgress()
    {
        using var temp = Scenario();

        var run = await CliRun.RunAsync(temp.Path, true, new Dictionary<string, string?>(),
            "mirror", "--chdir", "module", "--from-folder", "origin", "--repository-template", LayoutTemplate);

        Assert.AreEqual(0, run.ExitCode, run.ToString());
        StringAssert.Contains(run.Error, "\u001b[", "the live display draws with ANSI sequences");
        StringAssert.Contains(run.Error, "overall: 4/4 packages", "two downloads and two uploads");
        StringAssert.Contains(run.Error, "mirrored example/demo 1.1.0");
    }

    [TestMethod]
    public async Task DryRun_PrintsThePlan_AndCreatesNothing()
    {
        using var temp = Scenario();

        var run = await CliRun.RunAsync(temp.Path, "mirror", "--chdir", "module", "--from-folder", "origin", "--repository-template", LayoutTemplate, "--dry-run");

        Assert.AreEqual(0, run.ExitCode, run.ToString());
        StringAssert.Contains(run.Error, "would mirror example/demo 1.1.0");
        StringAssert.Contains(run.Error, "fetch+push");
        StringAssert.Contains(run.Error, "mirror (dry run, nothing changed): 2 to fetch");
        Assert.IsFalse(Directory.Exists(temp.Combine("oci")));
        Assert.IsFalse(Directory.Exists(temp.Combine(".cache", "tofumirror")));
    }

    [TestMethod]
    public async Task AZipThatDoesNotMatchItsVersionJson_Exits1_WithTOFU0241_AndPushesNothing()
    {
        using var temp = Scenario();
        TestZips.Write(temp.Combine("origin", "registry.opentofu.org", "example", "demo", "terraform-provider-demo_1.1.0_darwin_arm64.zip"),
            ("terraform-provider-demo_v1.1.0", "#!/bin/sh\necho rebuilt\n"));

        var run = await CliRun.RunAsync(temp.Path, "mirror", "--chdir", "module", "--from-folder", "origin", "--repository-template", LayoutTemplate);

        Assert.AreEqual(1, run.ExitCode, run.ToString());
        StringAssert.Contains(run.Error, "error TOFU0241: Failed to mirror example/demo 1.1.0");
        StringAssert.Contains(run.Error, "for darwin_arm64");
        Assert.IsFalse(Directory.Exists(temp.Combine("oci", "example", "demo", "blobs")) &&
                       Directory.EnumerateFiles(temp.Combine("oci", "example", "demo", "blobs"), "*", SearchOption.AllDirectories).Any(),
            "nothing of 1.1.0 was written");
    }

    [TestMethod]
    public async Task WithoutAFolder_TheProvidersRegistryIsAsked_AndOneThatCannotBeReachedFailsTheProvider()
    {
        using var temp = Scenario();
        // registry.opentofu.org through a host block at a closed loopback port: no lookup ever leaves this machine.
        var config = temp.WriteFile("origin.tofurc",
            "host \"registry.opentofu.org\" {\n  services = {\n    \"providers.v1\" = \"http://127.0.0.1:1/v1/providers/\"\n  }\n}\n");

        var run = await CliRun.RunAsync(temp.Path, false, new Dictionary<string, string?> { ["TF_CLI_CONFIG_FILE"] = config },
            "mirror", "--chdir", "module", "--repository-template", LayoutTemplate);

        Assert.AreEqual(1, run.ExitCode, run.ToString());
        StringAssert.Contains(run.Error, "error TOFU0214: Cannot mirror example/demo", run.Error);
        StringAssert.Contains(run.Error, "http://127.0.0.1:1/v1/providers/example/demo/versions", run.Error);
        Assert.IsFalse(Directory.Exists(temp.Combine("oci")), "nothing written");
    }

    [TestMethod]
    [DataRow("example/demo@~>", "invalid version constraints")]
    [DataRow("not a provider", "Name providers as NAMESPACE/TYPE")]
    public async Task ABadProviderArgument_IsAUsageError(string argument, string message)
    {
        using var temp = Scenario();

        var run = await CliRun.RunAsync(temp.Path, "mirror", argument, "--from-folder", "origin", "--repository-template", LayoutTemplate);

        Assert.AreEqual(2, run.ExitCode, run.ToString());
        StringAssert.Contains(run.Error, message);
    }
}
