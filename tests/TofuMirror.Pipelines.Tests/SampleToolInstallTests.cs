using System;
using System.Diagnostics;
using System.IO;
using System.Linq;
using System.Text.Json;
using Microsoft.VisualStudio.TestTools.UnitTesting;
using TofuMirror.Testing;
using TofuMirror.Testing.Tools;

namespace TofuMirror.Pipelines.Tests;

/// <summary>
/// The sample pipeline's Infra stage gets the tool the way it says: pack into artifacts/packages, point the
/// repository's tool manifest at what was packed, then the setup template's <c>dotnet tool restore</c>, in a copy of
/// the repository's manifest and global.json with a private NuGet packages folder.
/// </summary>
[TestClass]
public sealed class SampleToolInstallTests
{
    private static string Sample => Path.Combine(RepoPaths.Root, "samples", "azure-pipelines.yml");
    private static string Setup => Path.Combine(RepoPaths.Root, "build", "azure-pipelines", "tofu-mirror-setup.yml");

    [TestMethod]
    public void ToolRestoreFindsTheVersionPackMakes()
    {
        var work = Directory.CreateTempSubdirectory("tofumirror-tool-manifest-").FullName;
        try
        {
            var repository = Path.Combine(work, "s");
            Directory.CreateDirectory(Path.Combine(repository, ".config"));
            File.Copy(Path.Combine(RepoPaths.Root, ".config", "dotnet-tools.json"), Path.Combine(repository, ".config", "dotnet-tools.json"));
            File.Copy(Path.Combine(RepoPaths.Root, "global.json"), Path.Combine(repository, "global.json"));
            var feed = Path.Combine(repository, "artifacts", "packages");
            ToolPackages.Pack(feed, Path.Combine(work, "artifacts"));
            var package = Path.GetFileNameWithoutExtension(ToolPackages.Pointer(feed));
            var packedVersion = package.Substring("TofuMirror.Cli.".Length);

            // A private packages folder: the tool must come from the feed, not from an earlier install on this machine.
            var packages = Path.Combine(work, "nuget-packages");
            Run(ScriptOf(Sample, "Use the packed tofu-mirror"), repository, packages);
            Run(ScriptOf(Setup, "tofu-mirror: dotnet tool restore"), repository, packages);

            Assert.AreEqual(packedVersion, ManifestVersion(repository), "the manifest the templates restore from does not name the packed version");
            Assert.IsTrue(Directory.Exists(Path.Combine(packages, "tofumirror.cli", packedVersion.ToLowerInvariant())), "the packed tool was not installed");
            var version = Run("dotnet tool run tofu-mirror --version", repository, packages);
            Assert.AreNotEqual("", version.Trim(), "the restored tool did not run");
        }
        finally
        {
            Directory.Delete(work, recursive: true);
        }
    }

    [TestMethod]
    public void InfraStagePacksAndPointsTheManifestBeforeTheTemplateRestores()
    {
        var steps = PipelineTemplate.Load(Sample).AllSteps().Select(s => s.Step).ToList();
        int IndexOf(System.Func<YamlDotNet.RepresentationModel.YamlMappingNode, bool> match) => steps.FindLastIndex(s => match(s));
        var pack = IndexOf(s => PipelineTemplate.Scalar(s, "bash") == "bash build/pack.sh");
        var update = IndexOf(s => PipelineTemplate.Scalar(s, "displayName") == "Use the packed tofu-mirror");
        var restore = IndexOf(s => PipelineTemplate.Scalar(s, "template") == "../build/azure-pipelines/tofu-mirror-restore.yml");
        Assert.IsTrue(pack >= 0 && pack < update && update < restore, $"pack {pack}, manifest update {update}, restore template {restore}");
    }

    private static string ManifestVersion(string repository)
    {
        using var manifest = JsonDocument.Parse(File.ReadAllText(Path.Combine(repository, ".config", "dotnet-tools.json")));
        return manifest.RootElement.GetProperty("tools").GetProperty("tofumirror.cli").GetProperty("version").GetString()!;
    }

    /// <summary>The <c>bash:</c> text of the step with this display name, wherever it is in the file.</summary>
    private static string ScriptOf(string pipelineFile, string displayName)
    {
        var step = PipelineTemplate.Load(pipelineFile).AllSteps().Select(s => s.Step)
            .SingleOrDefault(s => PipelineTemplate.Scalar(s, "displayName") == displayName);
        Assert.IsNotNull(step, $"{pipelineFile} has no step '{displayName}'");
        var script = PipelineTemplate.Scalar(step, "bash");
        Assert.IsNotNull(script, $"{pipelineFile}: '{displayName}' is not a bash step");
        Assert.IsFalse(script.Contains("${{", StringComparison.Ordinal) || script.Contains("$(", StringComparison.Ordinal),
            $"{pipelineFile}: '{displayName}' uses pipeline expressions this test does not expand:\n{script}");
        return script;
    }

    private static string Run(string script, string directory, string? packages)
    {
        var start = new ProcessStartInfo("bash", new[] { "--noprofile", "--norc", "-e", "-o", "pipefail", "-c", script })
        {
            WorkingDirectory = directory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        if (packages is not null)
        {
            start.Environment["NUGET_PACKAGES"] = packages;
            // dotnet keeps a per-user cache of restored tool paths (~/.dotnet/toolResolverCache). An earlier run of
            // the same version left an entry pointing into its deleted packages folder, and "tool run" trusts it.
            start.Environment["DOTNET_CLI_HOME"] = Path.Combine(Path.GetDirectoryName(packages)!, "cli-home");
        }
        start.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
        start.Environment["DOTNET_NOLOGO"] = "1";
        using var process = Process.Start(start)!;
        var error = process.StandardError.ReadToEndAsync();
        var output = process.StandardOutput.ReadToEnd();
        process.WaitForExit();
        if (process.ExitCode != 0) Assert.Fail($"{script} (in {directory}) exited {process.ExitCode}\n{output}\n{error.Result}");
        return output;
    }
}
