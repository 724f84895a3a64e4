using System;
using System.Diagnostics;
using System.IO;
using System.Linq;
using System.Text.RegularExpressions;
using Microsoft.VisualStudio.TestTools.UnitTesting;
using TofuMirror.Engine.Hashing;
using TofuMirror.Testing;
using TofuMirror.Model.Addresses;
using TofuMirror.Model.Packages;
using TofuMirror.Model.Platforms;
using TofuMirror.Model.Versions;

namespace TofuMirror.Engine.Tests.Hashing;

/// <summary>Checks our h1 against what a real Terraform records from a filesystem mirror (offline).</summary>
[TestClass]
public sealed class TerraformCrossCheckTests
{
    [TestMethod]
    public void TerraformRecordsTheSameH1ForAFilesystemMirrorZip()
    {
        var terraform = FindOnPath(OperatingSystem.IsWindows() ? "terraform.exe" : "terraform");
        if (terraform is null) Assert.Inconclusive("terraform is not on PATH");

        using var temp = new TempFolder();
        var mirror = temp.Combine("mirror");
        var address = ProviderAddress.Parse("example.com/test/demo");
        var version = ProviderVersion.Parse("1.0.0");
        var zipPath = FilesystemMirrorLayout.PackedZipPath(mirror, address, version, Platform.Parse("linux_amd64"));
        Directory.CreateDirectory(Path.GetDirectoryName(zipPath)!);
        new TestZipWriter()
            .Add("terraform-provider-demo_v1.0.0", "#!/bin/sh\necho demo\n")
            .Add("README.md", "hello\n")
            .Add("docs/guide.md", "guide\n", 0b110_100_100)
            .WriteTo(zipPath);

        var work = temp.Combine("work");
        Directory.CreateDirectory(work);
        File.WriteAllText(Path.Combine(work, "main.tf"),
            "terraform {\n  required_providers {\n    demo = {\n      source  = \"example.com/test/demo\"\n      version = \"1.0.0\"\n    }\n  }\n}\n");
        var emptyConfig = temp.WriteFile("empty.tfrc", string.Empty);

        var start = new ProcessStartInfo(terraform!)
        {
            WorkingDirectory = work,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var arg in new[] { "providers", "lock", "-fs-mirror=" + mirror, "-platform=linux_amd64" }) start.ArgumentList.Add(arg);
        start.Environment["TF_CLI_CONFIG_FILE"] = emptyConfig;
        start.Environment["CHECKPOINT_DISABLE"] = "1";
        start.Environment["TF_IN_AUTOMATION"] = "1";
        start.Environment["HOME"] = temp.Path;
        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        process.WaitForExit();
        Assert.AreEqual(0, process.ExitCode, stdout.Result + stderr.Result);

        var lockText = File.ReadAllText(Path.Combine(work, ".terraform.lock.hcl"));
        var recorded = Regex.Matches(lockText, "\"(h1:[^\"]+)\"").Select(m => m.Groups[1].Value).ToArray();
        Assert.HasCount(1, recorded, lockText);
        Assert.AreEqual(recorded[0], PackageHasher.ComputeH1FromZip(zipPath).ToString());
    }

    private static string? FindOnPath(string name)
    {
        var path = Environment.GetEnvironmentVariable("PATH") ?? string.Empty;
        return path.Split(Path.PathSeparator).Where(d => d.Length > 0).Select(d => Path.Combine(d, name)).FirstOrDefault(File.Exists);
    }
}
