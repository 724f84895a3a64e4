using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Security.Cryptography;
using System.Threading.Tasks;
using Microsoft.VisualStudio.TestTools.UnitTesting;
using TofuMirror.Testing;
using TofuMirror.Testing.OpenPgp;
using TofuMirror.Testing.Origin;

namespace TofuMirror.Cli.Tests;

/// <summary><c>tofu-mirror lock --origin</c> against a loopback origin found through the CLI configuration's <c>host</c> block.</summary>
[TestClass]
public sealed class LockOriginCommandTests
{
    private const string Host = "registry.example.com";
    private static readonly string[] Platforms = ["darwin_arm64", "linux_amd64"];

    private sealed class Setup : IAsyncDisposable
    {
        public required TempFolder Temp { get; init; }
        public required LoopbackOrigin Origin { get; init; }
        public required OriginLayoutBuilder Layout { get; init; }
        public required TestSigningKey Author { get; init; }
        public string Module => Temp.Combine("module");
        public string LockFile => Path.Combine(Module, ".terraform.lock.hcl");

        /// <summary>The CLI configuration, found through TF_CLI_CONFIG_FILE as OpenTofu finds it.</summary>
        public IReadOnlyDictionary<string, string?> Environment => new Dictionary<string, string?>
        {
            ["TF_CLI_CONFIG_FILE"] = Temp.Combine("origin.tofurc"),
        };

        public Task<CliRun> LockAsync(params string[] extra) => LockAsync(errorIsTerminal: false, extra);

        public Task<CliRun> LockAsync(bool errorIsTerminal, params string[] extra) =>
            CliRun.RunAsync(Module, errorIsTerminal, Environment, ["lock", "--origin", .. extra]);

        public async ValueTask DisposeAsync()
        {
            await Origin.DisposeAsync();
            Temp.Dispose();
        }
    }

    private static async Task<Setup> StartAsync()
    {
        var temp = new TempFolder("tofumirror-cli-originlock");
        var origin = await LoopbackOrigin.StartAsync(temp.CreateDirectory("origin"));
        var author = TestSigningKey.Get();
        var layout = new OriginLayoutBuilder(author.SignDetached, author.ArmoredPublicKey)
            .Add("acme", "widget", "1.2.0", Platforms)
            .Add("acme", "gadget", "2.0.1", Platforms);
        layout.WriteTo(origin.Root);
        File.WriteAllText(temp.Combine("origin.tofurc"),
            $"host \"{Host}\" {{\n  services = {{\n    \"providers.v1\" = \"{origin.BaseUrl}v1/providers/\"\n  }}\n}}\n");
        Directory.CreateDirectory(temp.Combine("module"));
        File.WriteAllText(temp.Combine("module", "versions.tf"),
            "terraform {\n  required_providers {\n"
            + $"    widget = {{ source = \"{Host}/acme/widget\" }}\n"
            + $"    gadget = {{\n      source  = \"{Host}/acme/gadget\"\n      version = \"~> 2.0\"\n    }}\n"
            + "  }\n}\n");
        return new Setup { Temp = temp, Origin = origin, Layout = layout, Author = author };
    }

    private static string Zh(byte[] zip) => "zh:" + Convert.ToHexString(SHA256.HashData(zip)).ToLowerInvariant();

    [TestMethod]
    public async Task LockOrigin_PrintsOpenTofusRetrievedLines_AndWritesTheOfficialZhOfEveryPlatform()
    {
        await using var setup = await StartAsync();

        var run = await setup.LockAsync("--platform", "linux_amd64");

        Assert.AreEqual(0, run.ExitCode, run.ToString());
        StringAssert.Contains(run.Error, $"- Retrieved {Host}/acme/widget 1.2.0 for linux_amd64 (signed, key ID {setup.Author.KeyId})");
        StringAssert.Contains(run.Error, $"- Retrieved {Host}/acme/gadget 2.0.1 for linux_amd64 (signed, key ID {setup.Author.KeyId})");
        StringAssert.Contains(run.Error, $"- Obtained {Host}/acme/widget 1.2.0 zh: checksums for darwin_arm64 from the signed SHA256SUMS");
        var text = File.ReadAllText(setup.LockFile);
        foreach (var platform in Platforms)
        {
            StringAssert.Contains(text, Zh(setup.Layout.Zips[("widget", "1.2.0", platform)]));
            StringAssert.Contains(text, Zh(setup.Layout.Zips[("gadget", "2.0.1", platform)]));
        }
        StringAssert.Contains(text, "constraints = \"~> 2.0\"");
    }

    [TestMethod]
    public async Task LockOriginJson_ReportsKeyIdSourceUrlAndSignedHashes()
    {
        await using var setup = await StartAsync();

        var run = await setup.LockAsync("--json");

        Assert.AreEqual(0, run.ExitCode, run.ToString());
        var json = run.Json;
        Assert.IsTrue(json.GetProperty("success").GetBoolean());
        Assert.IsTrue(json.GetProperty("written").GetBoolean());
        var widget = json.GetProperty("providers").EnumerateArray().Single(p => p.GetProperty("provider").GetString() == $"{Host}/acme/widget");
        Assert.AreEqual("1.2.0", widget.GetProperty("version").GetString());
        var platforms = widget.GetProperty("platforms").EnumerateArray().ToList();
        CollectionAssert.AreEqual(Platforms, platforms.Select(p => p.GetProperty("platform").GetString()).ToArray());
        foreach (var platform in platforms)
        {
            Assert.AreEqual(setup.Author.KeyId, platform.GetProperty("signingKeyId").GetString());
            Assert.AreEqual("computed", platform.GetProperty("h1Source").GetString());
            StringAssert.EndsWith(platform.GetProperty("sourceUrl").GetString(), $"_{platform.GetProperty("platform").GetString()}.zip");
        }
        Assert.AreEqual(Zh(setup.Layout.Zips[("widget", "1.2.0", "darwin_arm64")]),
            widget.GetProperty("signedZipHashes").GetProperty("darwin_arm64").GetString());
    }

    [TestMethod]
    public async Task LockOrigin_OnAnInteractiveTerminal_DrawsDownloadProgress_AndStillPrintsItsLines()
    {
        await using var setup = await StartAsync();

        var run = await setup.LockAsync(errorIsTerminal: true, "--platform", "linux_amd64");

        Assert.AreEqual(0, run.ExitCode, run.ToString());
        StringAssert.Contains(run.Error, "\u001b[", "the live display draws with ANSI sequences");
        StringAssert.Contains(run.Error, "overall: 2/2 packages");
        StringAssert.Contains(run.Error, $"- Retrieved {Host}/acme/gadget 2.0.1 for linux_amd64 (signed, key ID {setup.Author.KeyId})");
    }

    [TestMethod]
    public async Task LockOrigin_WithATamperedZip_ExitsOneWithItsCode_AndLeavesTheLockFileAlone()
    {
        await using var setup = await StartAsync();
        File.WriteAllText(setup.LockFile, "# mine\n");
        File.WriteAllBytes(Path.Combine(setup.Origin.Root, "files", "widget", "1.2.0", "terraform-provider-widget_1.2.0_linux_amd64.zip"),
            OriginLayoutBuilder.ProviderZip("widget", "1.2.0", "evil"));

        var run = await setup.LockAsync("--platform", "linux_amd64");

        Assert.AreEqual(1, run.ExitCode, run.ToString());
        StringAssert.Contains(run.Error, "TOFU0201");
        StringAssert.Contains(run.Error, $"{Host}/acme/widget 1.2.0 (linux_amd64)");
        StringAssert.Contains(run.Error, "left unchanged");
        Assert.AreEqual("# mine\n", File.ReadAllText(setup.LockFile));
    }

    [TestMethod]
    public async Task LockOrigin_WithARepositoryTemplate_IsAUsageError()
    {
        await using var setup = await StartAsync();

        var run = await setup.LockAsync("--repository-template", "127.0.0.1:5000/${namespace}/${type}");

        Assert.AreEqual(2, run.ExitCode, run.ToString());
        StringAssert.Contains(run.Error, "--origin reads no OCI mirror");
        Assert.IsFalse(File.Exists(setup.LockFile));
    }
}
