using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text.RegularExpressions;
using Microsoft.VisualStudio.TestTools.UnitTesting;
using TofuMirror.Testing;
using YamlDotNet.RepresentationModel;

namespace TofuMirror.Pipelines.Tests;

/// <summary>The Azure Pipelines templates and the sample pipeline parse, and say what docs/azure-pipelines.md says.</summary>
[TestClass]
public sealed class TemplateShapeTests
{
    private static string TemplatesFolder => Path.Combine(RepoPaths.Root, "build", "azure-pipelines");
    private static string Restore => Path.Combine(TemplatesFolder, "tofu-mirror-restore.yml");
    private static string Push => Path.Combine(TemplatesFolder, "tofu-mirror-push.yml");
    private static string Setup => Path.Combine(TemplatesFolder, "tofu-mirror-setup.yml");

    private static IEnumerable<string> AllPipelineFiles() =>
        Directory.GetFiles(TemplatesFolder, "*.yml").Append(Path.Combine(RepoPaths.Root, "samples", "azure-pipelines.yml"));

    /// <summary>The "Tasks the templates use" table of docs/azure-pipelines.md: NAME@MAJOR.</summary>
    private static HashSet<string> DocumentedTasks()
    {
        var doc = File.ReadAllText(Path.Combine(RepoPaths.Root, "docs", "azure-pipelines.md"));
        var start = doc.IndexOf("## Tasks the templates use", StringComparison.Ordinal);
        Assert.IsTrue(start >= 0, "docs/azure-pipelines.md has no 'Tasks the templates use' section");
        var end = doc.IndexOf("\n## ", start + 1, StringComparison.Ordinal);
        var section = end < 0 ? doc.Substring(start) : doc.Substring(start, end - start);
        return Regex.Matches(section, @"^\| `([A-Za-z0-9]+@[0-9]+)`", RegexOptions.Multiline)
            .Select(m => m.Groups[1].Value).ToHashSet(StringComparer.Ordinal);
    }

    [TestMethod]
    public void EveryFileParsesAndUsesOnlyDocumentedTaskVersions()
    {
        var documented = DocumentedTasks();
        Assert.IsTrue(documented.Count >= 4, "documented tasks: " + string.Join(", ", documented));
        var used = new HashSet<string>(StringComparer.Ordinal);
        foreach (var file in AllPipelineFiles())
        {
            var template = PipelineTemplate.Load(file);
            var steps = template.AllSteps();
            Assert.IsTrue(steps.Count > 0, file + " has no steps");
            foreach (var (step, _) in steps)
            {
                if (PipelineTemplate.Scalar(step, "task") is not { } task) continue;
                StringAssert.Matches(task, new Regex(@"^[A-Za-z0-9]+@[0-9]+$"), file);
                Assert.IsTrue(documented.Contains(task), $"{file} uses {task}, which docs/azure-pipelines.md does not list");
                used.Add(task);
            }
        }
        CollectionAssert.AreEquivalent(documented.ToList(), used.ToList(), "the documented list and the tasks in use differ");
    }

    [TestMethod]
    public void TemplateReferencesPointAtFilesThatExist()
    {
        foreach (var file in AllPipelineFiles())
        {
            foreach (var (step, _) in PipelineTemplate.Load(file).AllSteps())
            {
                if (PipelineTemplate.Scalar(step, "template") is { } reference)
                    Assert.IsTrue(File.Exists(Path.Combine(Path.GetDirectoryName(file)!, reference)), $"{file}: {reference}");
            }
        }
    }

    [TestMethod]
    public void RestoreTemplateParametersAndDefaults()
    {
        var parameters = PipelineTemplate.Load(Restore).Parameters;
        AssertParameter(parameters, "workingDirectories", "object", "[.]");
        AssertParameter(parameters, "cliConfigFile", "string", "");
        AssertParameter(parameters, "repositoryTemplate", "string", "");
        AssertParameter(parameters, "include", "object", "[]");
        AssertParameter(parameters, "platforms", "object", "[]");
        AssertParameter(parameters, "outputFolder", "string", "");
        AssertParameter(parameters, "cache", "boolean", "true");
        AssertParameter(parameters, "cacheFolder", "string", "$(Pipeline.Workspace)/.tofu-mirror-cache");
        AssertParameter(parameters, "authentication", "string", "none");
        AssertParameter(parameters, "dotnetVersion", "string", "10.x");
        AssertParameter(parameters, "useGlobalJson", "boolean", "false");
        var values = (YamlSequenceNode)parameters["authentication"].Children[new YamlScalarNode("values")];
        CollectionAssert.AreEqual(new[] { "none", "dockerRegistry", "acr" }, values.Children.Select(v => ((YamlScalarNode)v).Value).ToArray());
    }

    [TestMethod]
    public void PushAndSetupTemplatesShareTheAuthenticationParameters()
    {
        var push = PipelineTemplate.Load(Push).Parameters;
        var setup = PipelineTemplate.Load(Setup).Parameters;
        AssertParameter(push, "paths", "object", "[]");
        AssertParameter(push, "dryRun", "boolean", "false");
        AssertParameter(push, "include", "object", "[]");
        foreach (var name in new[] { "authentication", "dockerRegistryServiceConnection", "azureSubscription", "acrName", "dotnetVersion", "useGlobalJson", "toolManifestDirectory" })
        {
            Assert.AreEqual(DefaultText(setup[name]), DefaultText(push[name]), name);
            Assert.AreEqual(DefaultText(setup[name]), DefaultText(PipelineTemplate.Load(Restore).Parameters[name]), name);
        }
    }

    [TestMethod]
    public void CacheKeyIsAgentOsPlatformsAndEveryLockFile()
    {
        var (cache, condition) = PipelineTemplate.Load(Restore).AllSteps().Single(s => PipelineTemplate.Scalar(s.Step, "task") == "Cache@2");
        Assert.AreEqual("${{ if eq(parameters.cache, true) }}", condition);
        var inputs = PipelineTemplate.Mapping(cache, "inputs")!;
        var key = PipelineTemplate.Scalar(inputs, "key")!.Split('|').Select(p => p.Trim()).ToArray();
        CollectionAssert.AreEqual(new[]
        {
            "tofu-mirror", "\"$(Agent.OS)\"", "\"${{ coalesce(join(',', parameters.platforms), 'agent-platform') }}\"", "**/.terraform.lock.hcl",
        }, key);
        var restoreKeys = PipelineTemplate.Scalar(inputs, "restoreKeys")!.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        CollectionAssert.AreEqual(new[] { string.Join(" | ", key.Take(3)), string.Join(" | ", key.Take(2)) }, restoreKeys);
        Assert.AreEqual("${{ parameters.cacheFolder }}", PipelineTemplate.Scalar(inputs, "path"));

        // The cached folder is the one the tool downloads into.
        var restore = RestoreStep();
        StringAssert.Contains(PipelineTemplate.Scalar(restore, "bash"), "--cache \"$TOFU_MIRROR_CACHE\"");
        Assert.AreEqual("${{ parameters.cacheFolder }}", PipelineTemplate.Scalar(PipelineTemplate.Mapping(restore, "env")!, "TOFU_MIRROR_CACHE"));
    }

    [TestMethod]
    public void IncludePatternsReachTheToolAsIncludeOptions()
    {
        foreach (var file in new[] { Restore, Push })
        {
            var step = PipelineTemplate.Load(file).AllSteps().Select(s => s.Step)
                .Single(s => PipelineTemplate.Scalar(s, "bash")?.Contains("dotnet tool run tofu-mirror", StringComparison.Ordinal) == true);
            Assert.AreEqual("${{ join(';', parameters.include) }}", PipelineTemplate.Scalar(PipelineTemplate.Mapping(step, "env")!, "TOFU_MIRROR_INCLUDE"), file);
            // Read into an array, never word-split: a pattern's * must not be expanded by the shell.
            StringAssert.Contains(PipelineTemplate.Scalar(step, "bash"), "IFS=';' read -ra patterns <<< \"$TOFU_MIRROR_INCLUDE\"", file);
            StringAssert.Contains(PipelineTemplate.Scalar(step, "bash"), "args+=(--include \"$pattern\")", file);
        }
    }

    [TestMethod]
    public void UseGlobalJsonInstallsTheSdkTheManifestFolderAsksFor()
    {
        var (useDotNet, _) = PipelineTemplate.Load(Setup).AllSteps().Single(s => PipelineTemplate.Scalar(s.Step, "task") == "UseDotNet@2");
        var inputs = PipelineTemplate.Mapping(useDotNet, "inputs")!;
        var globalJson = PipelineTemplate.Mapping(inputs, "${{ if eq(parameters.useGlobalJson, true) }}")!;
        Assert.AreEqual("true", PipelineTemplate.Scalar(globalJson, "useGlobalJson"));
        Assert.AreEqual("${{ parameters.toolManifestDirectory }}", PipelineTemplate.Scalar(globalJson, "workingDirectory"));
        Assert.AreEqual("${{ parameters.dotnetVersion }}", PipelineTemplate.Scalar(PipelineTemplate.Mapping(inputs, "${{ else }}")!, "version"));

        // This repository has a global.json, so its sample must use it.
        Assert.IsTrue(File.Exists(Path.Combine(RepoPaths.Root, "global.json")));
        var sampleRestore = PipelineTemplate.Load(Path.Combine(RepoPaths.Root, "samples", "azure-pipelines.yml")).AllSteps().Select(s => s.Step)
            .Single(s => PipelineTemplate.Scalar(s, "template") == "../build/azure-pipelines/tofu-mirror-restore.yml");
        Assert.AreEqual("true", PipelineTemplate.Scalar(PipelineTemplate.Mapping(sampleRestore, "parameters")!, "useGlobalJson"));
    }

    [TestMethod]
    public void ParametersReachScriptsOnlyThroughTheEnvironment()
    {
        foreach (var file in new[] { Restore, Push, Setup })
        {
            foreach (var (step, _) in PipelineTemplate.Load(file).AllSteps())
            {
                var script = PipelineTemplate.Scalar(step, "bash") ?? PipelineTemplate.Scalar(step, "script")
                    ?? (PipelineTemplate.Mapping(step, "inputs") is { } inputs ? PipelineTemplate.Scalar(inputs, "inlineScript") : null);
                if (script is null) continue;
                Assert.IsFalse(script.Contains("${{", StringComparison.Ordinal), $"{file}: a parameter is pasted into a script:\n{script}");
                Assert.IsFalse(Regex.IsMatch(script, @"\becho\b[^\n]*\$(token|auth)\b"), $"{file}: a secret is echoed:\n{script}");
            }
        }
    }

    [TestMethod]
    public void PushIsADryRunOnPullRequests()
    {
        var push = PipelineTemplate.Load(Push).AllSteps().Select(s => PipelineTemplate.Scalar(s.Step, "bash")).Single(s => s is not null && s.Contains("push", StringComparison.Ordinal))!;
        StringAssert.Contains(push, "[ \"$BUILD_REASON\" = PullRequest ]");
        StringAssert.Contains(push, "args+=(--dry-run)");
        StringAssert.Contains(push, "dotnet tool run tofu-mirror push");
    }

    [TestMethod]
    public void ToolManifestInstallsTheCli()
    {
        var manifest = File.ReadAllText(Path.Combine(RepoPaths.Root, ".config", "dotnet-tools.json"));
        StringAssert.Contains(manifest, "\"tofumirror.cli\"");
        StringAssert.Contains(manifest, "\"tofu-mirror\"");
    }

    [TestMethod]
    public void SampleHasAnAppStageAndAnInfraStage()
    {
        var sample = PipelineTemplate.Load(Path.Combine(RepoPaths.Root, "samples", "azure-pipelines.yml"));
        var stages = ((YamlSequenceNode)sample.Root.Children[new YamlScalarNode("stages")]).Children.Cast<YamlMappingNode>()
            .Select(s => PipelineTemplate.Scalar(s, "stage")).ToArray();
        CollectionAssert.AreEqual(new[] { "App", "Infra" }, stages);
        var steps = sample.AllSteps().Select(s => s.Step).ToList();
        Assert.IsTrue(steps.Any(s => PipelineTemplate.Scalar(s, "bash")?.Contains("dotnet build", StringComparison.Ordinal) == true));
        Assert.IsTrue(steps.Any(s => PipelineTemplate.Scalar(s, "template") == "../build/azure-pipelines/tofu-mirror-restore.yml"));
    }

    private static YamlMappingNode RestoreStep() =>
        PipelineTemplate.Load(Restore).AllSteps().Select(s => s.Step)
            .Single(s => PipelineTemplate.Scalar(s, "displayName") == "tofu-mirror: restore providers");

    private static void AssertParameter(IReadOnlyDictionary<string, YamlMappingNode> parameters, string name, string type, string defaultText)
    {
        Assert.IsTrue(parameters.ContainsKey(name), "missing parameter " + name);
        Assert.AreEqual(type, PipelineTemplate.Scalar(parameters[name], "type"), name);
        Assert.AreEqual(defaultText, DefaultText(parameters[name]), name);
    }

    private static string DefaultText(YamlMappingNode declaration) =>
        declaration.Children.TryGetValue(new YamlScalarNode("default"), out var node)
            ? node switch
            {
                YamlSequenceNode list => "[" + string.Join(",", list.Children.Select(c => ((YamlScalarNode)c).Value)) + "]",
                YamlScalarNode scalar => scalar.Value ?? "",
                _ => "?",
            }
            : "<none>";
}
