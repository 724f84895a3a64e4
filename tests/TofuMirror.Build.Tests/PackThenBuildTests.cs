using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using Microsoft.VisualStudio.TestTools.UnitTesting;
using TofuMirror.Testing;

namespace TofuMirror.Build.Tests;

/// <summary>
/// The package as users get it: packed by this project's build into a local feed, referenced by a copy of
/// samples/app, and run by a real <c>dotnet build</c> with its own package folder (so no stale extraction).
/// </summary>
[TestClass]
public sealed class PackThenBuildTests
{
    [TestMethod]
    public void Build_restores_the_providers_then_a_second_build_skips_the_restore_and_clean_removes_it()
    {
        using var app = new SampleApp();

        var first = app.Dotnet("build");
        Assert.AreEqual(0, first.ExitCode, first.ToString());
        StringAssert.Contains(first.Output, "TofuMirror: 2 provider package(s) installed", first.ToString());
        var rc = Path.Combine(app.ProvidersFolder, "tofu.rc");
        Assert.IsTrue(File.Exists(rc), first.ToString());
        StringAssert.Contains(File.ReadAllText(rc), "filesystem_mirror");
        // One platform (the build machine's) per provider, in the filesystem-mirror layout.
        Assert.AreEqual(1, Directory.GetDirectories(Path.Combine(app.ProvidersFolder, "registry.opentofu.org", "tofumirror", "demo", "1.1.0")).Length);
        Assert.AreEqual(1, Directory.GetDirectories(Path.Combine(app.ProvidersFolder, "example.com", "tofumirror", "echo", "0.2.0")).Length);
        Assert.IsTrue(File.Exists(Path.Combine(app.ProvidersFolder, "tofu-providers.json")));
        // The packed source generator turned infra/'s lock file into typed descriptors the app compiled against.
        var run = DotnetCli.Run(app.AppDirectory, new Dictionary<string, string>(), [Path.Combine("bin", "Debug", "net10.0", "TofuSample.App.dll")]);
        Assert.AreEqual(0, run.ExitCode, run.ToString());
        StringAssert.Contains(run.Output, "registry.opentofu.org/tofumirror/demo 1.1.0 (10 hashes)", run.ToString());
        StringAssert.Contains(run.Output, "example.com/tofumirror/echo 0.2.0 (10 hashes)", run.ToString());
        var stampTime = File.GetLastWriteTimeUtc(app.Stamp);

        var second = app.Dotnet("build", "--no-restore");
        Assert.AreEqual(0, second.ExitCode, second.ToString());
        Assert.IsFalse(second.Output.Contains("TofuMirror:"), "the restore task ran again:\n" + second);
        StringAssert.Contains(second.Output, "Skipping target \"_TofuRestoreProvidersCore\" because all output files are up-to-date", second.ToString());
        Assert.AreEqual(stampTime, File.GetLastWriteTimeUtc(app.Stamp), "the stamp was rewritten by a no-op build");

        var demoFolder = Directory.GetDirectories(Path.Combine(app.ProvidersFolder, "registry.opentofu.org", "tofumirror", "demo", "1.1.0")).Single();
        Directory.Delete(demoFolder, recursive: true);
        var repair = app.Dotnet("build", "--no-restore");
        Assert.AreEqual(0, repair.ExitCode, repair.ToString());
        StringAssert.Contains(repair.Output, "TofuMirror: 1 provider package(s) installed", "a deleted provider folder must be restored: " + repair);
        Assert.IsTrue(Directory.Exists(demoFolder));

        File.SetLastWriteTimeUtc(app.LockFile, DateTime.UtcNow.AddSeconds(2));
        var third = app.Dotnet("build", "--no-restore");
        Assert.AreEqual(0, third.ExitCode, third.ToString());
        StringAssert.Contains(third.Output, "TofuMirror: 0 provider package(s) installed (0 downloaded), 2 up to date.", third.ToString());

        var clean = app.Dotnet("clean");
        Assert.AreEqual(0, clean.ExitCode, clean.ToString());
        Assert.IsFalse(Directory.Exists(app.ProvidersFolder), "dotnet clean left the providers folder");
    }

    [TestMethod]
    public void Publish_with_TofuCopyProvidersToOutput_carries_the_mirror_folder_and_the_app_finds_tofu_rc()
    {
        using var app = new SampleApp();
        var publishFolder = Path.Combine(app.AppDirectory, "published");

        var publish = app.Dotnet("publish", "-p:TofuCopyProvidersToOutput=true", "-o", publishFolder);

        Assert.AreEqual(0, publish.ExitCode, publish.ToString());
        var copied = Path.Combine(publishFolder, "tofu-providers");
        Assert.IsTrue(File.Exists(Path.Combine(copied, "tofu.rc")), publish.ToString());
        Assert.IsFalse(Directory.Exists(Path.Combine(copied, ".tofumirror")), "the build's private state was published");
        var echo = Directory.GetDirectories(Path.Combine(copied, "example.com", "tofumirror", "echo", "0.2.0")).Single();
        var executable = Path.Combine(echo, "terraform-provider-echo_v0.2.0");
        Assert.IsTrue(File.Exists(executable));
        if (!OperatingSystem.IsWindows())
            Assert.IsTrue(File.GetUnixFileMode(executable).HasFlag(UnixFileMode.UserExecute), "the provider lost its executable bit");

        var run = DotnetCli.Run(publishFolder, new Dictionary<string, string>(), "TofuSample.App.dll");
        Assert.AreEqual(0, run.ExitCode, run.ToString());
        StringAssert.Contains(run.Output, "TF_CLI_CONFIG_FILE=" + Path.Combine(app.ProvidersFolder, "tofu.rc"), run.ToString());
        StringAssert.Contains(run.Output, "providers restored", run.ToString());
    }

    [TestMethod]
    public void Two_projects_building_in_parallel_share_the_cache_and_both_restore()
    {
        using var app = new SampleApp();
        // A second copy of the app beside the first, and a solution that builds both with -m.
        var second = Path.Combine(Path.GetDirectoryName(app.AppDirectory)!, "app2");
        TempFolder.CopyTree(app.AppDirectory, second);
        File.Move(Path.Combine(second, "TofuSample.App.csproj"), Path.Combine(second, "TofuSample.App2.csproj"));
        File.WriteAllText(Path.Combine(app.AppDirectory, "both.slnx"),
            "<Solution>\n  <Project Path=\"TofuSample.App.csproj\" />\n  <Project Path=\"../app2/TofuSample.App2.csproj\" />\n</Solution>\n");

        var build = app.Dotnet("build", "both.slnx", "-m:2");

        Assert.AreEqual(0, build.ExitCode, build.ToString());
        foreach (var project in new[] { app.AppDirectory, second })
        {
            var providers = Path.Combine(project, "obj", "tofu-providers");
            Assert.IsTrue(File.Exists(Path.Combine(providers, "tofu.rc")), build.ToString());
            Assert.AreEqual(1, Directory.GetDirectories(Path.Combine(providers, "registry.opentofu.org", "tofumirror", "demo", "1.1.0")).Length, build.ToString());
        }
    }

    [TestMethod]
    public void A_broken_lock_file_fails_the_build_with_TOFU0002_at_its_line()
    {
        using var app = new SampleApp();
        var (line, column) = SampleModule.BreakLockedVersion(app.LockFile, "1.1.0", "one");

        // Design-time builds (the IDE's) never restore (no TOFU0002 from the task, nothing installed); the source
        // generator still reports the broken lock file at its line (TOFU1001), which is what the IDE's error list shows.
        var designTime = app.Dotnet("build", "-p:DesignTimeBuild=true");
        Assert.IsFalse(designTime.Output.Contains("TOFU0002"), designTime.ToString());
        StringAssert.Contains(designTime.Output, $"{app.LockFile}({line},", designTime.ToString());
        StringAssert.Contains(designTime.Output, "error TOFU1001", designTime.ToString());
        Assert.IsFalse(Directory.Exists(Path.Combine(app.ProvidersFolder, "registry.opentofu.org")), designTime.ToString());

        var build = app.Dotnet("build", "--no-restore");

        Assert.AreNotEqual(0, build.ExitCode, build.ToString());
        StringAssert.Contains(build.Output, $"{app.LockFile}({line},{column}", build.ToString());
        StringAssert.Contains(build.Output, "error TOFU0002", build.ToString());
        Assert.IsFalse(File.Exists(app.Stamp), "a failed restore must not write the stamp");
    }

    [TestMethod]
    public void Out_of_process_restore_as_Visual_Studio_runs_it_restores_skips_when_up_to_date_and_reports_a_broken_lock_at_its_line()
    {
        using var app = new SampleApp();

        var first = app.Dotnet("build", "-p:TofuRestoreOutOfProcess=true");
        Assert.AreEqual(0, first.ExitCode, first.ToString());
        StringAssert.Matches(first.Output, new System.Text.RegularExpressions.Regex("dotnet\"? exec \"?\\S*tasks/net8\\.0/TofuMirror\\.Build\\.Tasks\\.dll\"? restore "), first.ToString());
        StringAssert.Contains(first.Output, "TofuMirror: 2 provider package(s) installed", first.ToString());
        Assert.IsTrue(File.Exists(Path.Combine(app.ProvidersFolder, "tofu.rc")), first.ToString());
        Assert.AreEqual(1, Directory.GetDirectories(Path.Combine(app.ProvidersFolder, "example.com", "tofumirror", "echo", "0.2.0")).Length);

        var second = app.Dotnet("build", "--no-restore", "-p:TofuRestoreOutOfProcess=true");
        Assert.AreEqual(0, second.ExitCode, second.ToString());
        Assert.IsFalse(second.Output.Contains("TofuMirror:"), "the restore ran again:\n" + second);

        var (line, column) = SampleModule.BreakLockedVersion(app.LockFile, "1.1.0", "one");
        var broken = app.Dotnet("build", "--no-restore", "-p:TofuRestoreOutOfProcess=true");
        Assert.AreNotEqual(0, broken.ExitCode, broken.ToString());
        StringAssert.Contains(broken.Output, $"{app.LockFile}({line},{column}", broken.ToString());
        StringAssert.Contains(broken.Output, "error TOFU0002", broken.ToString());
        Assert.IsFalse(broken.Output.Contains("MSB6006"), "the host's exit code must not add a second, vaguer error:\n" + broken);
    }

    [TestMethod]
    public void An_unreachable_registry_fails_the_build_with_TOFU0100_naming_the_registry_at_each_lock_entry()
    {
        using var app = new SampleApp();

        var build = app.Dotnet("build", "-p:TofuRepositoryTemplate=127.0.0.1:1/${hostname}/${namespace}/${type}"); // loopback, nothing listening

        Assert.AreNotEqual(0, build.ExitCode, build.ToString());
        var errors = build.Output.Split('\n').Where(l => l.Contains("error TOFU0100")).Distinct().ToList();
        Assert.IsTrue(errors.Count >= 2, build.ToString());
        Assert.IsTrue(errors.All(e => e.Contains(app.LockFile + "(") && e.Contains("127.0.0.1:1")), string.Join("\n", errors));
        Assert.IsFalse(File.Exists(app.Stamp), "a failed restore must not write the stamp");
    }

    [TestMethod]
    public void A_locked_version_a_constraint_rejects_fails_the_build_with_TOFU0005_at_the_constraint()
    {
        using var app = new SampleApp();
        var mainTf = Path.Combine(app.AppDirectory, "infra", "main.tf");
        File.WriteAllText(mainTf, File.ReadAllText(mainTf).Replace("version = \"~> 1.0\"", "version = \"~> 2.0\""));

        var build = app.Dotnet("build");

        Assert.AreNotEqual(0, build.ExitCode, build.ToString());
        var errors = build.Output.Split('\n').Where(l => l.Contains("error TOFU0005")).Distinct().ToList();
        Assert.IsTrue(errors.Count >= 1, build.ToString());
        var constraintLine = File.ReadAllLines(mainTf).ToList().FindIndex(l => l.Contains("version = \"~> 2.0\"")) + 1;
        Assert.IsTrue(errors.All(e => e.Contains($"{mainTf}({constraintLine},17")), string.Join("\n", errors));
        Assert.IsFalse(Directory.Exists(Path.Combine(app.ProvidersFolder, "registry.opentofu.org")), build.ToString());
        Assert.IsFalse(File.Exists(app.Stamp), "a failed restore must not write the stamp");
    }

    [TestMethod]
    public void A_warm_cache_does_not_hide_a_mistyped_mirror_TofuOffline_installs_from_it_and_a_changed_provider_is_reinstalled()
    {
        using var app = new SampleApp();
        var first = app.Dotnet("build");
        Assert.AreEqual(0, first.ExitCode, first.ToString());
        Directory.Delete(app.ProvidersFolder, recursive: true);
        var mistyped = "-p:SampleMirrorRoot=" + Path.Combine(RepoPaths.Root, "samples", "oci-mirorr");

        var wrong = app.Dotnet("build", "--no-restore", mistyped);

        Assert.AreNotEqual(0, wrong.ExitCode, wrong.ToString());
        StringAssert.Contains(wrong.Output, "error TOFU0102", wrong.ToString());
        Assert.IsFalse(File.Exists(app.Stamp), "a failed restore must not write the stamp");

        var offline = app.Dotnet("build", "--no-restore", mistyped, "-p:TofuOffline=true");

        Assert.AreEqual(0, offline.ExitCode, offline.ToString());
        StringAssert.Contains(offline.Output, "TofuMirror: 2 provider package(s) installed (0 downloaded)", offline.ToString());

        var echo = Directory.GetDirectories(Path.Combine(app.ProvidersFolder, "example.com", "tofumirror", "echo", "0.2.0")).Single();
        var binary = Path.Combine(echo, "terraform-provider-echo_v0.2.0");
        var original = File.ReadAllBytes(binary);
        File.AppendAllText(binary, "# patched\n");
        var repair = app.Dotnet("build", "--no-restore");
        Assert.AreEqual(0, repair.ExitCode, repair.ToString());
        StringAssert.Contains(repair.Output, "TofuMirror: 1 provider package(s) installed (0 downloaded), 1 up to date.", repair.ToString());
        CollectionAssert.AreEqual(original, File.ReadAllBytes(binary));

        var forced = app.Dotnet("build", "--no-restore", "-p:TofuForceRestore=true");
        Assert.AreEqual(0, forced.ExitCode, forced.ToString());
        StringAssert.Contains(forced.Output, "TofuMirror: 2 provider package(s) installed (0 downloaded), 0 up to date.", forced.ToString());
    }
}
