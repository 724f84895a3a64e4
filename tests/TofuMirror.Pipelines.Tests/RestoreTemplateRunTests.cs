using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.IO;
using System.Linq;
using System.Text.RegularExpressions;
using Microsoft.VisualStudio.TestTools.UnitTesting;
using TofuMirror.Testing;
using TofuMirror.Testing.Registry;

namespace TofuMirror.Pipelines.Tests;

/// <summary>
/// Runs the script steps of build/azure-pipelines/tofu-mirror-restore.yml as an agent would (TF_BUILD=True,
/// AGENT_OS, AGENT_TEMPDIRECTORY, BUILD_SOURCESDIRECTORY, PIPELINE_WORKSPACE) against a real registry on loopback
/// holding the sample providers, with the built CLI in place of <c>dotnet tool run tofu-mirror</c>.
/// </summary>
[TestClass]
public sealed class RestoreTemplateRunTests
{
    private static RegistryProcess? s_registry;
    private static string? s_cli;

    /// <summary>The CLI build/test.sh builds; TOFUMIRROR_CLI_DLL names another build (e.g. one under an artifacts path).</summary>
    private static string CliDll => Environment.GetEnvironmentVariable("TOFUMIRROR_CLI_DLL") is { Length: > 0 } given
        ? given
        : Path.Combine(RepoPaths.Root, "src", "TofuMirror.Cli", "bin", "Release", "net10.0", "tofu-mirror.dll");

    [ClassInitialize]
    public static void Start(TestContext _)
    {
        if (!File.Exists(RegistryProcess.Binary)) return;
        if (!File.Exists(CliDll))
            Run("dotnet", new[] { "build", Path.Combine(RepoPaths.Root, "src", "TofuMirror.Cli"), "-c", "Release", "-nologo", "-v", "quiet" }, RepoPaths.Root);
        s_cli = CliDll;
        s_registry = RegistryProcess.Start();
        var work = Directory.CreateTempSubdirectory("tofumirror-pipelines-push-").FullName;
        try
        {
            // The same stand-in providers (same bytes, so the sample lock file's hashes hold) build/make-sample-mirror.sh makes.
            var script = Path.Combine(work, "make.sh");
            File.WriteAllText(script, """
                set -euo pipefail
                for spec in "registry.opentofu.org tofumirror demo 1.1.0" "example.com tofumirror echo 0.2.0"; do
                  read -r host ns type version <<< "$spec"
                  for platform in darwin_amd64 darwin_arm64 linux_amd64 linux_arm64 windows_amd64; do
                    dir="src/$host/$ns/$type/$version/$platform"
                    mkdir -p "$dir"
                    printf '#!/bin/sh\n# Stand-in for a real provider binary (TofuMirror sample).\necho "%s %s %s"\n' "$ns/$type" "$version" "$platform" > "$dir/terraform-provider-${type}_v${version}"
                    chmod 755 "$dir/terraform-provider-${type}_v${version}"
                    printf 'Sample provider %s/%s %s, made by build/make-sample-mirror.sh.\n' "$ns" "$type" "$version" > "$dir/README.md"
                    chmod 644 "$dir/README.md"
                  done
                done
                """);
            Run("bash", new[] { script }, work);
            Run("dotnet", new[] { s_cli, "push", "--repository-template", RepositoryTemplate, Path.Combine(work, "src") }, work);
        }
        finally
        {
            Directory.Delete(work, recursive: true);
        }
    }

    [ClassCleanup]
    public static void Stop() => s_registry?.Dispose();

    private static string RepositoryTemplate => s_registry!.Host + "/${hostname}/${namespace}/${type}";

    [TestMethod]
    public void RestoresFromTheRegistryAndSetsTheCliConfigVariable()
    {
        RegistryProcess.RequireBinary();
        using var agent = new FakeAgent();
        var module = agent.CopySampleModule("infra");

        var run = agent.RunRestoreTemplate(new Dictionary<string, object>
        {
            ["workingDirectories"] = new List<string> { "infra" },
            ["repositoryTemplate"] = RepositoryTemplate,
            ["platforms"] = new List<string> { "linux_amd64" },
        });

        Assert.AreEqual(0, run.ExitCode, run.AllOutput);
        CollectionAssert.AreEqual(new[] { "tofu-mirror: dotnet tool restore", "tofu-mirror: restore providers" }, run.StepsRun.ToArray());
        var mirror = Path.Combine(module, ".terraform", "providers-mirror");
        Assert.IsTrue(File.Exists(Path.Combine(mirror, "registry.opentofu.org", "tofumirror", "demo", "1.1.0", "linux_amd64", "terraform-provider-demo_v1.1.0")), run.AllOutput);
        Assert.IsTrue(File.Exists(Path.Combine(mirror, "example.com", "tofumirror", "echo", "0.2.0", "linux_amd64", "terraform-provider-echo_v0.2.0")), run.AllOutput);
        var rc = Path.Combine(mirror, "tofu.rc");
        StringAssert.Contains(run.StandardOutput, "##vso[task.setvariable variable=TF_CLI_CONFIG_FILE]" + rc + "\n");
        Assert.IsTrue(File.Exists(rc));
        StringAssert.Contains(run.StandardError, "##[group]");
        StringAssert.Contains(run.StandardError, "##[endgroup]");
        // The download cache is the folder Cache@2 saves.
        Assert.IsTrue(Directory.EnumerateFiles(Path.Combine(agent.Workspace, ".tofu-mirror-cache"), "*", SearchOption.AllDirectories).Any(), "the cache folder is empty");
    }

    [TestMethod]
    public void CacheHitDownloadsNoPackage()
    {
        RegistryProcess.RequireBinary();
        using var first = new FakeAgent();
        first.CopySampleModule("infra");
        var parameters = new Dictionary<string, object>
        {
            ["workingDirectories"] = new List<string> { "infra" },
            ["repositoryTemplate"] = RepositoryTemplate,
            ["platforms"] = new List<string> { "linux_amd64" },
        };
        var warm = first.RunRestoreTemplate(parameters);
        Assert.AreEqual(0, warm.ExitCode, warm.AllOutput);
        Assert.AreEqual(2, Regex.Matches(warm.StandardError, @"^  installed .* downloaded,", RegexOptions.Multiline).Count, warm.StandardError);

        // A later run on a fresh agent, with the cache folder Cache@2 put back.
        using var second = new FakeAgent();
        var module = second.CopySampleModule("infra");
        CopyFolder(Path.Combine(first.Workspace, ".tofu-mirror-cache"), Path.Combine(second.Workspace, ".tofu-mirror-cache"));
        var run = second.RunRestoreTemplate(parameters);

        Assert.AreEqual(0, run.ExitCode, run.AllOutput);
        Assert.AreEqual(2, Regex.Matches(run.StandardError, @"^  installed .* from cache,", RegexOptions.Multiline).Count, run.StandardError);
        Assert.IsFalse(run.StandardError.Contains(" downloaded,", StringComparison.Ordinal), run.StandardError);
        Assert.IsTrue(File.Exists(Path.Combine(module, ".terraform", "providers-mirror", "registry.opentofu.org", "tofumirror", "demo", "1.1.0", "linux_amd64", "terraform-provider-demo_v1.1.0")), run.AllOutput);
    }

    [TestMethod]
    public void IncludePatternsLetTheTemplateLeaveOutTheHostname()
    {
        RegistryProcess.RequireBinary();
        var hostPinned = s_registry!.Host + "/registry.opentofu.org/${namespace}/${type}";

        using var rejected = new FakeAgent();
        rejected.CopyDemoOnlyModule("infra");
        var without = rejected.RunRestoreTemplate(new Dictionary<string, object>
        {
            ["workingDirectories"] = new List<string> { "infra" },
            ["repositoryTemplate"] = hostPinned,
            ["platforms"] = new List<string> { "linux_amd64" },
        });
        Assert.AreNotEqual(0, without.ExitCode, without.AllOutput);
        StringAssert.Contains(without.StandardError, "must refer to ${hostname}", without.AllOutput);

        using var agent = new FakeAgent();
        var module = agent.CopyDemoOnlyModule("infra");
        var run = agent.RunRestoreTemplate(new Dictionary<string, object>
        {
            ["workingDirectories"] = new List<string> { "infra" },
            ["repositoryTemplate"] = hostPinned,
            ["include"] = new List<string> { "registry.opentofu.org/*/*" },
            ["platforms"] = new List<string> { "linux_amd64" },
        });

        Assert.AreEqual(0, run.ExitCode, run.AllOutput);
        Assert.IsTrue(File.Exists(Path.Combine(module, ".terraform", "providers-mirror", "registry.opentofu.org", "tofumirror", "demo", "1.1.0", "linux_amd64", "terraform-provider-demo_v1.1.0")), run.AllOutput);
    }

    [TestMethod]
    public void BrokenLockFileIsReportedAtItsLine()
    {
        RegistryProcess.RequireBinary();
        using var agent = new FakeAgent();
        var module = agent.CopySampleModule("infra");
        var lockFile = Path.Combine(module, ".terraform.lock.hcl");
        var lines = File.ReadAllLines(lockFile).ToList();
        var broken = lines.FindIndex(l => l.Contains("version     = \"1.1.0\"", StringComparison.Ordinal));
        lines[broken] = "  version     = \"1.1.0";
        File.WriteAllLines(lockFile, lines);

        var run = agent.RunRestoreTemplate(new Dictionary<string, object>
        {
            ["workingDirectories"] = new List<string> { "infra" },
            ["repositoryTemplate"] = RepositoryTemplate,
        });

        Assert.AreNotEqual(0, run.ExitCode, run.AllOutput);
        var issue = Regex.Match(run.StandardOutput, @"^##vso\[task\.logissue type=error;sourcepath=([^;]*);linenumber=(\d+);", RegexOptions.Multiline);
        Assert.IsTrue(issue.Success, run.AllOutput);
        // Relative to the step's working directory, the sources folder: the repository path the summary page links.
        Assert.AreEqual("infra/.terraform.lock.hcl", issue.Groups[1].Value, run.StandardOutput);
        Assert.AreEqual(lockFile, Path.GetFullPath(issue.Groups[1].Value, agent.Sources));
        Assert.AreEqual(broken + 1, int.Parse(issue.Groups[2].Value, System.Globalization.CultureInfo.InvariantCulture), run.StandardOutput);
        Assert.IsFalse(run.StandardOutput.Contains("variable=TF_CLI_CONFIG_FILE", StringComparison.Ordinal), run.StandardOutput);
    }

    private static void CopyFolder(string from, string to)
    {
        foreach (var file in Directory.EnumerateFiles(from, "*", SearchOption.AllDirectories))
        {
            var target = Path.Combine(to, Path.GetRelativePath(from, file));
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            File.Copy(file, target);
        }
    }

    private static void Run(string file, IEnumerable<string> arguments, string directory)
    {
        var start = new ProcessStartInfo(file, arguments) { WorkingDirectory = directory, RedirectStandardOutput = true, RedirectStandardError = true };
        using var process = Process.Start(start)!;
        var error = process.StandardError.ReadToEndAsync();
        var output = process.StandardOutput.ReadToEnd();
        process.WaitForExit();
        if (process.ExitCode != 0) throw new InvalidOperationException($"{file} {string.Join(' ', arguments)} failed:\n{output}\n{error.Result}");
    }

    /// <summary>The folders and variables of an agent job, in a temporary folder.</summary>
    private sealed class FakeAgent : IDisposable
    {
        private readonly string _root = Directory.CreateTempSubdirectory("tofumirror-agent-").FullName;

        public string Sources => Path.Combine(_root, "s");
        public string Workspace => _root;
        private string Temp => Path.Combine(_root, "_temp");
        private string Home => Path.Combine(_root, "home");

        public string CopySampleModule(string name)
        {
            var target = Path.Combine(Sources, name);
            Directory.CreateDirectory(target);
            foreach (var file in new[] { "main.tf", ".terraform.lock.hcl" })
                File.Copy(Path.Combine(RepoPaths.Root, "samples", "infra", file), Path.Combine(target, file));
            return target;
        }

        /// <summary>The sample module with only its registry.opentofu.org provider (main.tf and lock file cut down).</summary>
        public string CopyDemoOnlyModule(string name)
        {
            var target = Path.Combine(Sources, name);
            Directory.CreateDirectory(target);
            File.WriteAllText(Path.Combine(target, "main.tf"),
                "terraform {\n  required_providers {\n    demo = {\n      source  = \"registry.opentofu.org/tofumirror/demo\"\n      version = \"~> 1.0\"\n    }\n  }\n}\n");
            var lockText = File.ReadAllText(Path.Combine(RepoPaths.Root, "samples", "infra", ".terraform.lock.hcl"));
            var demo = lockText.Substring(lockText.IndexOf("provider \"registry.opentofu.org/tofumirror/demo\"", StringComparison.Ordinal));
            File.WriteAllText(Path.Combine(target, ".terraform.lock.hcl"), demo);
            return target;
        }

        public ScriptRun RunRestoreTemplate(Dictionary<string, object> parameters)
        {
            Directory.CreateDirectory(Temp);
            Directory.CreateDirectory(Home);
            var environment = new Dictionary<string, string>(StringComparer.Ordinal)
            {
                ["PATH"] = Environment.GetEnvironmentVariable("PATH") ?? "/usr/bin:/bin",
                ["HOME"] = Home,
                ["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1",
                ["DOTNET_NOLOGO"] = "1",
                ["TF_BUILD"] = "True",
                ["AGENT_OS"] = "Linux",
                ["AGENT_TEMPDIRECTORY"] = Temp,
                ["BUILD_SOURCESDIRECTORY"] = Sources,
                ["PIPELINE_WORKSPACE"] = Workspace,
                ["BUILD_REASON"] = "IndividualCI",
            };
            var runner = new ScriptStepRunner(environment, new[]
            {
                ("dotnet tool restore", "true"),
                ("dotnet tool run tofu-mirror", "dotnet '" + s_cli + "'"),
            });
            return runner.Run(Path.Combine(RepoPaths.Root, "build", "azure-pipelines", "tofu-mirror-restore.yml"), parameters);
        }

        public void Dispose()
        {
            try
            {
                Directory.Delete(_root, recursive: true);
            }
            catch (IOException)
            {
            }
        }
    }
}
