using System;
using System.Diagnostics;
using System.IO;
using System.IO.Compression;
using System.Linq;
using System.Reflection.PortableExecutable;
using Microsoft.VisualStudio.TestTools.UnitTesting;
using TofuMirror.Testing;
using TofuMirror.Testing.Tools;

namespace TofuMirror.Cli.Tests;

/// <summary>
/// The tool as users get it: packed into a local feed, installed with `dotnet tool install --tool-path`,
/// then run as the `tofu-mirror` command.
/// </summary>
[TestClass]
[DoNotParallelize]
public sealed class PackagedToolTests
{
    private const string RepositoryUrl = "https://git.example.test/tofumirror";
    private static string _work = "";
    private static string _tool = "";
    private static string _package = "";

    [ClassInitialize]
    public static void PackAndInstall(TestContext context)
    {
        _work = Directory.CreateTempSubdirectory("tofumirror-tool-").FullName;
        var feed = Path.Combine(_work, "feed");
        Run("dotnet", $"pack \"{Path.Combine(RepoPaths.Root, "src", "TofuMirror.Cli")}\" -c Release -nologo -v quiet -o \"{feed}\" --artifacts-path \"{Path.Combine(_work, "artifacts")}\" -p:TofuMirrorRepositoryUrl={RepositoryUrl}", RepoPaths.Root);
        _package = ToolPackages.Pointer(feed);
        var tools = Path.Combine(_work, "tools");
        Run("dotnet", $"tool install TofuMirror.Cli --tool-path \"{tools}\" --add-source \"{feed}\" --prerelease", _work);
        _tool = Path.Combine(tools, OperatingSystem.IsWindows() ? "tofu-mirror.exe" : "tofu-mirror");
        Assert.IsTrue(File.Exists(_tool), $"the installed tool is not at {_tool}");
    }

    [ClassCleanup]
    public static void Cleanup()
    {
        if (Directory.Exists(_work)) Directory.Delete(_work, recursive: true);
    }

    [TestMethod]
    public void Package_CarriesTheReadmeWithTheQuickStart_AndTheRepositoryUrlGivenToPack()
    {
        using var package = ZipFile.OpenRead(_package);
        using var readme = new StreamReader(package.GetEntry("README.md")!.Open());
        var text = readme.ReadToEnd();
        StringAssert.Contains(text, "dotnet tool install --global TofuMirror.Cli");
        StringAssert.Contains(text, "tofu-mirror restore --chdir infra --repository-template");

        using var nuspec = new StreamReader(package.Entries.Single(e => e.FullName.EndsWith(".nuspec", StringComparison.Ordinal)).Open());
        var manifest = nuspec.ReadToEnd();
        StringAssert.Contains(manifest, "<readme>README.md</readme>");
        StringAssert.Contains(manifest, $"<projectUrl>{RepositoryUrl}</projectUrl>");
        StringAssert.Contains(manifest, $"<repository type=\"git\" url=\"{RepositoryUrl}\"");
        Assert.DoesNotContain("example.invalid", manifest);
    }

    [TestMethod]
    public void Pack_MakesAPackagePerPlatform_AndThisPlatformGetsPrecompiledCode()
    {
        var feed = Path.GetDirectoryName(_package)!;
        var version = Path.GetFileNameWithoutExtension(_package)["TofuMirror.Cli.".Length..];
        foreach (var platform in ToolPackages.PlatformRuntimeIdentifiers)
            Assert.IsTrue(File.Exists(Path.Combine(feed, $"TofuMirror.Cli.{platform}.{version}.nupkg")), $"no {platform} package");

        // `dotnet tool install` picked this machine's package: its assemblies carry ReadyToRun code, or (on a platform
        // without one) the portable package's do not.
        var engine = Directory.EnumerateFiles(Path.GetDirectoryName(_tool)!, "TofuMirror.Engine.dll", SearchOption.AllDirectories).Single();
        using var reader = new PEReader(File.OpenRead(engine));
        var precompiled = reader.PEHeaders.CorHeader!.ManagedNativeHeaderDirectory.Size > 0;
        var machine = System.Runtime.InteropServices.RuntimeInformation.RuntimeIdentifier;
        Assert.AreEqual(ToolPackages.PlatformRuntimeIdentifiers.Contains(machine), precompiled, $"{engine} on {machine}");
    }

    [TestMethod]
    public void InstalledTool_Hash_PrintsZhAndH1()
    {
        var zip = Path.Combine(_work, "terraform-provider-demo_1.0.0_linux_amd64.zip");
        using (var archive = ZipFile.Open(zip, ZipArchiveMode.Create))
        using (var writer = new StreamWriter(archive.CreateEntry("README.md").Open()))
            writer.Write("hello\n");

        var (exit, output, _) = Run(_tool, $"hash \"{zip}\"", _work);

        Assert.AreEqual(0, exit);
        var lines = output.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.AreEqual(2, lines.Length, output);
        StringAssert.StartsWith(lines[0], "zh:");
        // One file README.md = "hello\n": summary "5891b5b5…6be03  README.md\n" (lock-file spec §4), hashed and base64'd.
        Assert.AreEqual("h1:HVX/WtDSC7ZXKTFuUQHpHV8xpASeMCdyci1DINv4MhI=", lines[1]);
    }

    [TestMethod]
    public void InstalledTool_Check_ReportsTheLockFileLine()
    {
        var module = Path.Combine(_work, "module");
        Directory.CreateDirectory(module);
        File.WriteAllText(Path.Combine(module, "main.tf"),
            "terraform {\n  required_providers {\n    demo = { source = \"tofumirror/demo\", version = \"~> 2.0\" }\n  }\n}\n");
        File.WriteAllText(Path.Combine(module, ".terraform.lock.hcl"),
            "provider \"registry.opentofu.org/tofumirror/demo\" {\n  version = \"1.1.0\"\n}\n");

        var (exit, _, errors) = Run(_tool, $"check --chdir \"{module}\"", _work, expectSuccess: false);

        Assert.AreEqual(1, exit, errors);
        Assert.IsTrue(errors.Split('\n').Any(l => l.Contains("main.tf:3:") && l.Contains("error TOFU0005")), errors);
    }

    private static (int Exit, string Output, string Errors) Run(string file, string arguments, string directory, bool expectSuccess = true)
    {
        var start = new ProcessStartInfo(file, arguments)
        {
            WorkingDirectory = directory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        start.Environment["TF_CLI_CONFIG_FILE"] = Path.Combine(_work, "empty.tfrc");
        File.WriteAllText(Path.Combine(_work, "empty.tfrc"), "");
        start.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
        start.Environment["DOTNET_NOLOGO"] = "1";
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var errors = process.StandardError.ReadToEnd();
        process.WaitForExit();
        if (expectSuccess && process.ExitCode != 0)
            Assert.Fail($"{file} {arguments} exited {process.ExitCode}\n{output.Result}\n{errors}");
        return (process.ExitCode, output.Result, errors);
    }
}
