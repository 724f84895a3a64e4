using System;
using System.IO;
using System.Linq;
using Microsoft.Build.Framework;
using Microsoft.VisualStudio.TestTools.UnitTesting;
using TofuMirror.Build.Tasks;
using TofuMirror.Testing;

namespace TofuMirror.Build.Tests;

/// <summary>
/// What only the out-of-process task (the one Visual Studio's MSBuild runs; the same source is compiled for net472)
/// does: find and start <c>dotnet</c>, and turn the host's output back into MSBuild events. What both tasks share is
/// in <see cref="TofuRestoreProvidersTests"/>.
/// </summary>
[TestClass]
public sealed class OutOfProcessTaskTests
{
    private static (TofuRestoreProvidersOutOfProcess Task, FakeBuildEngine Engine) CreateTask(TempFolder temp)
    {
        var (task, engine) = RestoreTasks.Create(outOfProcess: true, temp, SampleModule.CopyTo(temp));
        return ((TofuRestoreProvidersOutOfProcess)task, engine);
    }

    [TestMethod]
    public void Host_progress_arrives_as_messages_with_their_importance_and_module_metadata_survives_the_trip()
    {
        using var temp = new TempFolder("tofu-oop");
        var (task, engine) = CreateTask(temp);

        Assert.IsTrue(task.Execute(), engine.Transcript());

        Assert.IsTrue(engine.Messages.Any(m => m.Importance == MessageImportance.High
            && m.Message!.StartsWith("TofuMirror: 4 provider package(s) installed", StringComparison.Ordinal)), engine.Transcript());
        Assert.IsFalse(engine.Messages.Any(m => (m.Message ?? "").Contains("tofumirror-message:")), engine.Transcript());
        var demo = task.RestoredFolders.Single(f => f.GetMetadata("Provider") == "registry.opentofu.org/tofumirror/demo" && f.GetMetadata("Platform") == "darwin_arm64");
        Assert.AreEqual(temp.Combine("infra"), demo.GetMetadata("Module"));
    }

    [TestMethod]
    public void A_missing_host_assembly_is_a_coded_error_that_says_to_restore_the_package_again()
    {
        using var temp = new TempFolder("tofu-oop");
        var (task, engine) = CreateTask(temp);
        task.HostAssembly = temp.Combine("missing", "TofuMirror.Build.Tasks.dll");

        Assert.IsFalse(task.Execute());

        var error = engine.Errors.Single();
        Assert.AreEqual(("TOFU0009", task.HostAssembly), (error.Code, error.File), engine.Transcript());
        StringAssert.Contains(error.Message, "incomplete");
    }

    [TestMethod]
    public void TofuDotnetHostPath_is_the_dotnet_that_runs_and_its_canonical_lines_become_errors_at_their_place()
    {
        if (OperatingSystem.IsWindows())
        {
            Assert.Inconclusive("the stand-in dotnet is a shell script");
            return;
        }
        using var temp = new TempFolder("tofu-oop");
        var (task, engine) = CreateTask(temp);
        var fakeDotnet = temp.Combine("fake-dotnet");
        File.WriteAllText(fakeDotnet, "#!/bin/sh\necho \"/m/.terraform.lock.hcl(7,3,7,9): error TOFU0002: from the stand-in: $1 $3\"\necho \"tofumirror-message:high: stand-in ran\"\nexit 1\n");
        File.SetUnixFileMode(fakeDotnet, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        task.DotnetHostPath = fakeDotnet;

        Assert.IsFalse(task.Execute());

        var error = engine.Errors.Single();
        Assert.AreEqual(("TOFU0002", "/m/.terraform.lock.hcl", 7, 3, 7, 9), (error.Code, error.File, error.LineNumber, error.ColumnNumber, error.EndLineNumber, error.EndColumnNumber));
        Assert.AreEqual("from the stand-in: exec restore", error.Message);
        Assert.IsTrue(engine.Messages.Any(m => m.Importance == MessageImportance.High && m.Message == "stand-in ran"), engine.Transcript());
    }

    [TestMethod]
    public void An_outcome_of_another_version_is_a_TOFU0000_error_at_the_outcome_file()
    {
        if (OperatingSystem.IsWindows())
        {
            Assert.Inconclusive("the stand-in dotnet is a shell script");
            return;
        }
        using var temp = new TempFolder("tofu-oop");
        var (task, engine) = CreateTask(temp);
        var fakeDotnet = temp.Combine("fake-dotnet");
        // Arguments: exec HOST restore SETTINGS OUTCOME. A host from another package version writes another format.
        File.WriteAllText(fakeDotnet, "#!/bin/sh\nprintf '{\"version\": 1, \"folders\": []}' > \"$5\"\nexit 0\n");
        File.SetUnixFileMode(fakeDotnet, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        task.DotnetHostPath = fakeDotnet;

        Assert.IsFalse(task.Execute());

        var error = engine.Errors.Single();
        Assert.AreEqual(("TOFU0000", Path.Combine(task.StateDirectory, "out-of-process-outcome.json")), (error.Code, error.File), engine.Transcript());
        StringAssert.Contains(error.Message, "format version 1");
        StringAssert.Contains(error.Message, "different TofuMirror.Build versions");
    }

    [TestMethod]
    public void A_host_that_cannot_start_is_one_coded_error_naming_the_exit_code()
    {
        using var temp = new TempFolder("tofu-oop");
        var (task, engine) = CreateTask(temp);
        task.HostAssembly = temp.Combine("TofuMirror.Build.Tasks.dll");
        File.WriteAllText(task.HostAssembly, "not an assembly");

        Assert.IsFalse(task.Execute());

        var error = engine.Errors.Single();
        Assert.AreEqual("TOFU0000", error.Code, engine.Transcript());
        StringAssert.Contains(error.Message, "exited with code");
        Assert.AreEqual(task.HostAssembly, error.File);
    }

    [TestMethod]
    public void A_host_missing_one_of_its_dependencies_says_the_package_is_incomplete()
    {
        using var temp = new TempFolder("tofu-oop");
        var (task, engine) = CreateTask(temp);
        var damaged = temp.Combine("damaged-host");
        Directory.CreateDirectory(damaged);
        foreach (var file in Directory.GetFiles(Path.GetDirectoryName(RestoreTasks.PackagedHost)!))
            if (Path.GetFileName(file) != "Microsoft.Extensions.Logging.Abstractions.dll") File.Copy(file, Path.Combine(damaged, Path.GetFileName(file)));
        task.HostAssembly = Path.Combine(damaged, "TofuMirror.Build.Tasks.dll");

        Assert.IsFalse(task.Execute());

        var error = engine.Errors.Single();
        Assert.AreEqual("TOFU0009", error.Code, engine.Transcript());
        StringAssert.Contains(error.Message, "Microsoft.Extensions.Logging.Abstractions");
        StringAssert.Contains(error.Message, "package is incomplete");
    }
}
