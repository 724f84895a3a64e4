using System;
using System.IO;
using System.Linq;
using System.Text.Json;
using Microsoft.Build.Utilities;
using Microsoft.VisualStudio.TestTools.UnitTesting;
using TofuMirror.Build.Tasks.HostProtocol;
using TofuMirror.Build.Tasks.Restore;
using TofuMirror.Diagnostics;
using TofuMirror.Testing;

namespace TofuMirror.Build.Tests;

/// <summary>The files and output lines the .NET Framework task and its .NET host exchange.</summary>
[TestClass]
public sealed class HostProtocolTests
{
    [TestMethod]
    public void Settings_round_trip_with_per_module_overrides_unset_values_and_any_character()
    {
        var settings = new RestoreSettings
        {
            BaseDirectory = "/src/app",
            OutputPath = "obj/tofu-providers/",
            RepositoryTemplate = "registry.example.com/${namespace}/${type}",
            Platforms = "linux_amd64;windows_amd64",
            Offline = true,
            ForceRestore = true,
            Parallelism = 3,
        };
        settings.Modules.Add(new ModuleSettings("infra/") { Platforms = "darwin_arm64", CliConfigFile = "C:\\cfg\\tofu \"x\".rc" });
        settings.Modules.Add(new ModuleSettings("net work/\nsecond line"));

        var json = settings.ToJson();
        var copy = RestoreSettings.FromJson(json, "settings.json");

        Assert.AreEqual(json, copy.ToJson());
        Assert.AreEqual(HostContract.Version, JsonDocument.Parse(json).RootElement.GetProperty("version").GetInt32());
        Assert.AreEqual("/src/app", copy.BaseDirectory);
        Assert.AreEqual("obj/tofu-providers/", copy.OutputPath);
        Assert.IsNull(copy.CliConfigFile);
        Assert.IsNull(copy.CachePath);
        Assert.IsTrue(copy.Offline);
        Assert.IsTrue(copy.ForceRestore);
        Assert.AreEqual(3, copy.Parallelism);
        Assert.AreEqual(2, copy.Modules.Count);
        Assert.AreEqual("darwin_arm64", copy.Modules[0].Platforms);
        Assert.AreEqual("C:\\cfg\\tofu \"x\".rc", copy.Modules[0].CliConfigFile);
        Assert.AreEqual("net work/\nsecond line", copy.Modules[1].Path);
        Assert.IsNull(copy.Modules[1].Platforms);
    }

    [TestMethod]
    public void Outcome_round_trips_with_its_folders_metadata()
    {
        var outcome = new RestoreOutcome { CliConfigPath = "/o/tofu.rc", ManifestPath = "/o/tofu-providers.json" };
        outcome.Folders.Add(new RestoredFolder("/o/r/a b/1.0.0/linux_amd64", "registry.opentofu.org/a/b", "1.0.0", "linux_amd64", "/m/"));

        var copy = RestoreOutcome.FromJson(outcome.ToJson(), "outcome.json");

        Assert.AreEqual("/o/tofu.rc", copy.CliConfigPath);
        Assert.AreEqual("/o/tofu-providers.json", copy.ManifestPath);
        var folder = copy.Folders.Single();
        Assert.AreEqual("/o/r/a b/1.0.0/linux_amd64", folder.Path);
        Assert.AreEqual("registry.opentofu.org/a/b", folder.Provider);
        Assert.AreEqual("1.0.0", folder.Version);
        Assert.AreEqual("linux_amd64", folder.Platform);
        Assert.AreEqual("/m/", folder.Module);
        Assert.AreEqual(0, RestoreOutcome.FromJson("{\"version\": 2}", "outcome.json").Folders.Count);
    }

    [TestMethod]
    public void A_file_of_another_version_is_refused_naming_the_file_and_both_versions()
    {
        var settings = Assert.ThrowsExactly<HostFileVersionException>(() => RestoreSettings.FromJson("{\"version\": 1, \"outputPath\": 7}", "/s/settings.json"));
        Assert.AreEqual("/s/settings.json", settings.Path);
        StringAssert.Contains(settings.Message, "format version 1");
        StringAssert.Contains(settings.Message, $"reads version {HostContract.Version}");
        Assert.ThrowsExactly<HostFileVersionException>(() => RestoreOutcome.FromJson("{\"version\": 0, \"folders\": []}", "outcome.json"));
    }

    [TestMethod]
    [DataRow("output=out\nplatforms=linux_amd64\n", "is not a TofuMirror restore host file")]
    [DataRow("{\"outputPath\": \"out\"}", "has no \"version\"")]
    [DataRow("{\"version\": 2, \"offline\": \"sometimes\"}", "is not a TofuMirror restore host file")]
    public void Text_that_is_not_a_host_file_is_a_format_error_naming_the_file(string text, string expected)
    {
        var error = Assert.ThrowsExactly<FormatException>(() => RestoreSettings.FromJson(text, "/s/settings.json"));
        StringAssert.StartsWith(error.Message, "/s/settings.json " + expected);
    }

    [TestMethod]
    public void The_host_refuses_settings_of_another_version_with_TOFU0000_at_the_file_and_exit_code_2()
    {
        using var temp = new TempFolder("tofu-host");
        var settings = temp.WriteFile("settings.json", "{\"version\": 99, \"outputPath\": \"out\"}");

        var result = DotnetCli.Run(temp.Path, new System.Collections.Generic.Dictionary<string, string>(),
            "exec", RestoreTasks.PackagedHost, "restore", settings, temp.Combine("outcome.json"));

        Assert.AreEqual(2, result.ExitCode, result.ToString());
        StringAssert.Contains(result.Output, settings + ": error TOFU0000: " + settings + " has format version 99", result.ToString());
        Assert.IsFalse(File.Exists(temp.Combine("outcome.json")));
    }

    [TestMethod]
    public void Host_diagnostic_lines_become_MSBuild_errors_and_warnings_at_their_range()
    {
        var output = new StringWriter();
        var log = new ConsoleRestoreLog(output);
        var range = new SourceRange("/m/.terraform.lock.hcl", new SourcePosition(12, 17, 300), new SourcePosition(12, 23, 306));
        log.Report(new Diagnostic(DiagnosticSeverity.Error, "Invalid provider version number", "The version \"zero\"\nis not valid.", range) { Code = "TOFU0002" }, null);
        log.Report(new Diagnostic(DiagnosticSeverity.Warning, "Unable to open CLI configuration file", null, null) { Code = "TOFU0009" }, "/home/u/.tofurc");
        log.Error("TOFU0105", "/m/", "TofuPlatforms has an invalid platform 'x'.");
        log.Message(LogImportance.High, "TofuMirror: 1 provider package(s) installed");
        Assert.IsTrue(log.HasLoggedErrors);

        // Parse the lines back with MSBuild's own canonical-format reader, as ToolTask does.
        var engine = new FakeBuildEngine();
        var helper = new TaskLoggingHelper(engine, "test");
        foreach (var line in output.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries))
            if (!line.StartsWith(HostContract.MessagePrefix, StringComparison.Ordinal)) helper.LogMessageFromText(line.TrimEnd('\r'), Microsoft.Build.Framework.MessageImportance.Normal);

        Assert.AreEqual(2, engine.Errors.Count, engine.Transcript());
        var error = engine.Errors[0];
        Assert.AreEqual(("TOFU0002", "/m/.terraform.lock.hcl", 12, 17, 12, 23), (error.Code, error.File, error.LineNumber, error.ColumnNumber, error.EndLineNumber, error.EndColumnNumber));
        Assert.AreEqual("Invalid provider version number: The version \"zero\" is not valid.", error.Message);
        Assert.AreEqual(("TOFU0105", "/m/"), (engine.Errors[1].Code, engine.Errors[1].File));
        var warning = engine.Warnings.Single();
        Assert.AreEqual(("TOFU0009", "/home/u/.tofurc", 0), (warning.Code, warning.File, warning.LineNumber));
        StringAssert.Contains(output.ToString(), HostContract.MessagePrefix + "high: TofuMirror: 1 provider");
    }

    [TestMethod]
    public void An_assembly_that_fails_to_load_is_described_as_a_damaged_package_and_other_IO_as_the_folder()
    {
        var missing = new FileNotFoundException("Could not load file or assembly 'Dep, Version=8.0.0.0, Culture=neutral, PublicKeyToken=null'.",
            "Dep, Version=8.0.0.0, Culture=neutral, PublicKeyToken=null");
        StringAssert.Contains(OutputFolderProblem.Describe(missing), "package is incomplete");
        StringAssert.Contains(OutputFolderProblem.Describe(new FileNotFoundException("gone", "/out/tofu.rc")), "writable");
        StringAssert.Contains(OutputFolderProblem.Describe(new IOException("No space left on device")), "writable");
    }
}
