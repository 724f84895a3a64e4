using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.IO;
using System.IO.Compression;
using System.Linq;
using System.Reflection.PortableExecutable;
using System.Text.Json;
using System.Threading.Tasks;
using Microsoft.VisualStudio.TestTools.UnitTesting;
using TofuMirror.Model.Platforms;
using TofuMirror.Testing;
using TofuMirror.Testing.Registry;
using TofuMirror.Testing.Tools;
using static TofuMirror.Cli.Tests.SignedOriginScenario;

namespace TofuMirror.Cli.Tests;

/// <summary>
/// The tool as users get it: packed into a local feed (build/pack-tool.sh), installed with `dotnet tool install
/// --tool-path`, then run as the `tofu-mirror` command: on this machine's platform, the native executable.
/// </summary>
[TestClass]
[DoNotParallelize]
public sealed class PackagedToolTests
{
    private const string RepositoryUrl = "https://git.example.test/tofumirror";
    private static string _work = "";
    private static string _tool = "";
    private static string _package = "";
    private static readonly ClassRegistry s_registry = new();

    [ClassInitialize]
    public static void PackAndInstall(TestContext context)
    {
        _work = Directory.CreateTempSubdirectory("tofumirror-tool-").FullName;
        var feed = Path.Combine(_work, "feed");
        ToolPackages.Pack(feed, Path.Combine(_work, "artifacts"), $"-p:TofuMirrorRepositoryUrl={RepositoryUrl}");
        _package = ToolPackages.Pointer(feed);
        var tools = Path.Combine(_work, "tools");
        Run("dotnet", $"tool install TofuMirror.Cli --tool-path \"{tools}\" --add-source \"{feed}\" --prerelease", _work);
        _tool = Path.Combine(tools, OperatingSystem.IsWindows() ? "tofu-mirror.exe" : "tofu-mirror");
        Assert.IsTrue(File.Exists(_tool), $"the installed tool is not at {_tool}");
    }

    [ClassCleanup]
    public static void Cleanup()
    {
        s_registry.Dispose();
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
    public void Pack_MakesAPackagePerPlatform_ThisPlatformsIsNative_TheOthersPrecompiled()
    {
        var feed = Path.GetDirectoryName(_package)!;
        var version = Path.GetFileNameWithoutExtension(_package)["TofuMirror.Cli.".Length..];
        foreach (var platform in ToolPackages.PlatformRuntimeIdentifiers)
            Assert.IsTrue(File.Exists(Path.Combine(feed, $"TofuMirror.Cli.{platform}.{version}.nupkg")), $"no {platform} package");

        // `dotnet tool install` picked this machine's package: a native executable with no assemblies beside it.
        var machine = System.Runtime.InteropServices.RuntimeInformation.RuntimeIdentifier;
        var installed = Path.GetDirectoryName(Path.GetFullPath(new FileInfo(_tool).ResolveLinkTarget(returnFinalTarget: true)?.FullName ?? _tool))!;
        if (ToolPackages.NativeRuntimeIdentifiers.Contains(machine))
        {
            Assert.AreEqual(0, Directory.GetFiles(installed, "*.dll").Length, $"{installed} holds assemblies: {string.Join(", ", Directory.GetFiles(installed))}");
            Assert.IsTrue(ToolPackages.IsNativeExecutable(Path.Combine(installed, "tofu-mirror")), $"{installed}/tofu-mirror is not a native executable");
        }

        // Every other platform's package carries ReadyToRun code; the portable one does not.
        foreach (var platform in ToolPackages.PlatformRuntimeIdentifiers.Where(p => p != machine))
        {
            using var package = ZipFile.OpenRead(Path.Combine(feed, $"TofuMirror.Cli.{platform}.{version}.nupkg"));
            var engine = package.Entries.Single(e => e.Name == "TofuMirror.Engine.dll");
            using var bytes = new MemoryStream();
            using (var entry = engine.Open()) entry.CopyTo(bytes);
            bytes.Position = 0;
            using var reader = new PEReader(bytes);
            Assert.AreEqual(platform != "any", reader.PEHeaders.CorHeader!.ManagedNativeHeaderDirectory.Size > 0, $"{engine.FullName} in the {platform} package");
        }
    }

    [TestMethod]
    public async Task InstalledTool_MirrorsFromASignedOrigin_LocksRestoresAndVerifiesSigned()
    {
        if (Platform.Current is not { } current || !FourPlatforms.Contains(current.ToString()))
        {
            Assert.Inconclusive("this machine's platform is not one the origin serves");
            return;
        }
        await using var scenario = await SignedOriginScenario.CreateAsync(s_registry.Process.Host);
        var anchors = scenario.Temp.WriteFile("trusted-keys.txt", scenario.Key.Fingerprint + "\n");
        var work = scenario.Temp.Path;
        var variables = new Dictionary<string, string> { ["TF_CLI_CONFIG_FILE"] = scenario.CliConfig };

        var (exit, output, errors) = Run(_tool, $"mirror --chdir module --repository-template \"{scenario.Template}\" --cache cache --json", work, variables: variables);
        Assert.AreEqual(0, exit, errors);
        var fetched = JsonDocument.Parse(output).RootElement.GetProperty("versions").EnumerateArray()
            .SelectMany(v => v.GetProperty("platforms").EnumerateArray()).Count(p => p.GetProperty("status").GetString() == "fetched");
        Assert.AreEqual(3 * FourPlatforms.Length, fetched, output);

        (exit, output, errors) = Run(_tool, $"lock --chdir module --repository-template \"{scenario.Template}\" --trusted-keys \"{anchors}\" --platform {current}", work, variables: variables);
        Assert.AreEqual(0, exit, errors);
        StringAssert.Contains(output + errors, "(signed, key ID " + scenario.Key.KeyId);

        (exit, output, errors) = Run(_tool, $"restore --chdir module --repository-template \"{scenario.Template}\" --require-signed --trusted-keys \"{anchors}\" --output out --cache restore-cache --json", work, variables: variables);
        Assert.AreEqual(0, exit, errors);
        var packages = JsonDocument.Parse(output).RootElement.GetProperty("packages").EnumerateArray().ToList();
        Assert.AreEqual(3, packages.Count(p => p.GetProperty("status").GetString() == "installed" && p.GetProperty("signingKeyId").GetString() == scenario.Key.KeyId), output);
        var alpha = Path.Combine(work, "out", Alpha.ToString(), ReleaseVersion, current.ToString());
        Assert.IsTrue(Directory.EnumerateFiles(alpha).Any(), $"nothing installed in {alpha}");

        (exit, output, errors) = Run(_tool, $"verify --chdir module --output out --repository-template \"{scenario.Template}\" --require-signed --trusted-keys \"{anchors}\" --json", work, variables: variables);
        Assert.AreEqual(0, exit, output + errors);
        Assert.IsTrue(JsonDocument.Parse(output).RootElement.GetProperty("success").GetBoolean(), output);

        // A tampered installed file is found, as by the managed build.
        File.AppendAllText(Directory.EnumerateFiles(alpha).First(), "tampered");
        (exit, output, _) = Run(_tool, $"verify --chdir module --output out --json", work, expectSuccess: false, variables: variables);
        Assert.AreEqual(1, exit, output);
        StringAssert.Contains(output, "\"mismatch\"");
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

    private static (int Exit, string Output, string Errors) Run(string file, string arguments, string directory, bool expectSuccess = true,
        IReadOnlyDictionary<string, string>? variables = null)
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
        foreach (var (name, value) in variables ?? new Dictionary<string, string>()) start.Environment[name] = value;
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var errors = process.StandardError.ReadToEnd();
        process.WaitForExit();
        if (expectSuccess && process.ExitCode != 0)
            Assert.Fail($"{file} {arguments} exited {process.ExitCode}\n{output.Result}\n{errors}");
        return (process.ExitCode, output.Result, errors);
    }
}
