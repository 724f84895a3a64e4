using System;
using System.Collections.Generic;
using System.IO;
using System.IO.Compression;
using System.Threading.Tasks;
using Microsoft.VisualStudio.TestTools.UnitTesting;
using TofuMirror.Testing;

namespace TofuMirror.Cli.Tests;

/// <summary>restore, push and lock draw live progress on an interactive stderr, and nothing of it otherwise.</summary>
[TestClass]
public sealed class TransferProgressCommandTests
{
    private const string Template = "oci-layout:mirror/${namespace}/${type}";
    private const string Escape = "\u001b[";
    private static readonly Dictionary<string, string?> NoVariables = new();

    /// <summary>A release zip with a few MiB of random (incompressible) payload, so the transfer takes several chunks.</summary>
    private static string LargeZip(TempFolder temp)
    {
        var path = temp.Combine("zips", "terraform-provider-demo_1.0.0_linux_amd64.zip");
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        var payload = new byte[3 << 20];
        new Random(7).NextBytes(payload);
        using var zip = ZipFile.Open(path, ZipArchiveMode.Create);
        using (var binary = zip.CreateEntry("terraform-provider-demo_v1.0.0", CompressionLevel.NoCompression).Open())
            binary.Write("#!/bin/sh\necho demo\n"u8);
        using (var data = zip.CreateEntry("payload.bin", CompressionLevel.NoCompression).Open())
            data.Write(payload);
        return path;
    }

    private static async Task<TempFolder> LockedModuleAsync(bool errorIsTerminal, Dictionary<string, string?> variables, List<CliRun> runs, params string[] pushOptions)
    {
        var temp = new TempFolder();
        var push = await CliRun.RunAsync(temp.Path, errorIsTerminal, variables,
            ["push", "--provider", "example/demo", "--repository-template", Template, .. pushOptions, LargeZip(temp)]);
        Assert.AreEqual(0, push.ExitCode, push.ToString());
        runs.Add(push);
        temp.WriteFile("module/versions.tf",
            "terraform {\n  required_providers {\n    demo = {\n      source  = \"example/demo\"\n      version = \"1.0.0\"\n    }\n  }\n}\n");
        var lockRun = await CliRun.RunAsync(temp.Path, "lock", "--chdir", "module", "--repository-template", Template, "--platform", "linux_amd64");
        Assert.AreEqual(0, lockRun.ExitCode, lockRun.ToString());
        return temp;
    }

    [TestMethod]
    public async Task OnAnInteractiveTerminal_PushAndRestoreDrawProgress_AndStillPrintTheirLines()
    {
        var runs = new List<CliRun>();
        using var temp = await LockedModuleAsync(true, NoVariables, runs);

        var restore = await CliRun.RunAsync(temp.Path, true, NoVariables,
            "restore", "--chdir", "module", "--repository-template", Template, "--platform", "linux_amd64", "--cache", "cache");

        Assert.AreEqual(0, restore.ExitCode, restore.ToString());
        StringAssert.Contains(restore.Error, Escape, "the live display draws with ANSI sequences");
        StringAssert.Contains(restore.Error, "overall: 1/1 packages");
        StringAssert.Contains(restore.Error, "installed  example/demo 1.0.0 (linux_amd64)", "per-package lines print above the display");
        StringAssert.Contains(restore.Error, "restore: 1 installed, 0 up to date, 0 failed");
        Assert.DoesNotContain(Escape, restore.Out, "stdout stays clean");
        StringAssert.Contains(runs[0].Error, "overall: 1/1 packages", runs[0].ToString());
    }

    [TestMethod]
    public async Task TheOverallRow_CountsEveryPackageOfTheRestore_NotOnlyTheDownloads()
    {
        using var temp = new TempFolder();
        var zips = new List<string>();
        var template = LargeZip(temp);
        foreach (var platform in new[] { "linux_amd64", "darwin_arm64", "windows_amd64" })
        {
            var zip = temp.Combine("release", $"terraform-provider-demo_1.0.0_{platform}.zip");
            Directory.CreateDirectory(Path.GetDirectoryName(zip)!);
            File.Copy(template, zip);
            using (var archive = ZipFile.Open(zip, ZipArchiveMode.Update))
            using (var marker = archive.CreateEntry("platform.txt").Open())
                marker.Write(System.Text.Encoding.ASCII.GetBytes(platform));
            zips.Add(zip);
        }
        Assert.AreEqual(0, (await CliRun.RunAsync(temp.Path, ["push", "--provider", "example/demo", "--repository-template", Template, .. zips])).ExitCode);
        temp.WriteFile("module/versions.tf", "terraform {\n  required_providers {\n    demo = { source = \"example/demo\" }\n  }\n}\n");
        string[] platforms = ["--platform", "linux_amd64", "--platform", "darwin_arm64", "--platform", "windows_amd64"];
        Assert.AreEqual(0, (await CliRun.RunAsync(temp.Path, ["lock", "--chdir", "module", "--repository-template", Template, .. platforms])).ExitCode);
        Assert.AreEqual(0, (await CliRun.RunAsync(temp.Path, "restore", "--chdir", "module", "--repository-template", Template, "--platform", "linux_amd64", "--cache", "cache")).ExitCode);

        // linux_amd64 is up to date: the row counts it done from the start, and the two downloads against all three.
        var restore = await CliRun.RunAsync(temp.Path, true, NoVariables,
            ["restore", "--chdir", "module", "--repository-template", Template, "--cache", "cache", .. platforms]);

        Assert.AreEqual(0, restore.ExitCode, restore.ToString());
        StringAssert.Contains(restore.Error, "overall: 3/3 packages", restore.ToString());
        Assert.DoesNotContain("/1 packages", restore.Error, restore.ToString());
        Assert.DoesNotContain("/2 packages", restore.Error, restore.ToString());
        StringAssert.Contains(restore.Error, "restore: 2 installed, 1 up to date, 0 failed");
    }

    [TestMethod]
    [DataRow(false, null, DisplayName = "stderr redirected")]
    [DataRow(true, "--no-progress", DisplayName = "--no-progress")]
    [DataRow(true, "--json", DisplayName = "--json")]
    [DataRow(true, "TF_BUILD", DisplayName = "Azure Pipelines")]
    public async Task OtherwiseNothingOfItIsDrawn(bool errorIsTerminal, string? switchOff)
    {
        var variables = switchOff == "TF_BUILD" ? new Dictionary<string, string?> { ["TF_BUILD"] = "True" } : NoVariables;
        string[] options = switchOff is null or "TF_BUILD" ? [] : [switchOff];
        var runs = new List<CliRun>();
        using var temp = await LockedModuleAsync(errorIsTerminal, variables, runs, options);

        var restore = await CliRun.RunAsync(temp.Path, errorIsTerminal, variables,
            ["restore", "--chdir", "module", "--repository-template", Template, "--platform", "linux_amd64", "--cache", "cache", .. options]);

        Assert.AreEqual(0, restore.ExitCode, restore.ToString());
        foreach (var run in new[] { runs[0], restore })
        {
            Assert.DoesNotContain(Escape, run.Error, run.ToString());
            Assert.DoesNotContain("overall:", run.Error, run.ToString());
        }
    }
}
