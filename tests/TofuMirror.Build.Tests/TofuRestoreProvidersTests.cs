using System.IO;
using System.Linq;
using System.Text.Json;
using Microsoft.Build.Framework;
using Microsoft.Build.Utilities;
using Microsoft.VisualStudio.TestTools.UnitTesting;
using TofuMirror.Build.Tasks;
using TofuMirror.Testing;

namespace TofuMirror.Build.Tests;

/// <summary>
/// Each restore task (in-process, and out-of-process through the packaged host as Visual Studio runs it) with a fake
/// build engine, restoring the sample module from the sample OCI-layout mirror: both must behave the same.
/// </summary>
[TestClass]
public sealed class TofuRestoreProvidersTests
{
    [TestMethod]
    [DataRow(false, DisplayName = "in-process")]
    [DataRow(true, DisplayName = "out-of-process")]
    public void Restores_every_locked_provider_and_platform_and_writes_tofu_rc_and_manifest(bool outOfProcess)
    {
        using var temp = new TempFolder("tofu-task");
        var (task, engine) = RestoreTasks.Create(outOfProcess, temp, SampleModule.CopyTo(temp));

        Assert.IsTrue(task.Execute(), engine.Transcript());

        Assert.AreEqual(temp.Combine("out", "tofu.rc"), task.CliConfigPath);
        StringAssert.Contains(File.ReadAllText(task.CliConfigPath!), "filesystem_mirror");
        var folders = task.RestoredFolders.Select(f => f.ItemSpec).ToList();
        Assert.AreEqual(4, folders.Count, string.Join("\n", folders)); // 2 providers x 2 platforms
        Assert.IsTrue(folders.All(Directory.Exists));
        CollectionAssert.Contains(folders, temp.Combine("out", "registry.opentofu.org", "tofumirror", "demo", "1.1.0", "darwin_arm64"));
        var demo = task.RestoredFolders.First(f => f.GetMetadata("Provider") == "registry.opentofu.org/tofumirror/demo" && f.GetMetadata("Platform") == "linux_amd64");
        Assert.AreEqual("1.1.0", demo.GetMetadata("Version"));

        using var manifest = JsonDocument.Parse(File.ReadAllText(task.ManifestPath!));
        Assert.AreEqual(1, manifest.RootElement.GetProperty("formatVersion").GetInt32());
        var packages = manifest.RootElement.GetProperty("packages").EnumerateArray().ToList();
        Assert.AreEqual(4, packages.Count);
        foreach (var package in packages)
        {
            var zh = package.GetProperty("zh").GetString()!;
            Assert.AreEqual("sha256:" + zh.Substring(3), package.GetProperty("layerDigest").GetString());
            StringAssert.StartsWith(package.GetProperty("indexDigest").GetString(), "sha256:");
            StringAssert.StartsWith(package.GetProperty("manifestDigest").GetString(), "sha256:");
            StringAssert.StartsWith(package.GetProperty("repository").GetString(), "oci-layout:");
            Assert.AreEqual(package.GetProperty("version").GetString(), package.GetProperty("tag").GetString());
            Assert.IsTrue(package.GetProperty("size").GetInt64() > 0);
            Assert.IsTrue(Directory.Exists(package.GetProperty("path").GetString()));
        }
    }

    [TestMethod]
    [DataRow(false, DisplayName = "in-process")]
    [DataRow(true, DisplayName = "out-of-process")]
    public void A_relative_oci_layout_path_resolves_against_the_project_folder(bool outOfProcess)
    {
        using var temp = new TempFolder("tofu-task");
        foreach (var file in Directory.EnumerateFiles(Path.Combine(RepoPaths.Root, "samples", "oci-mirror"), "*", SearchOption.AllDirectories))
        {
            var target = temp.Combine("mirror", Path.GetRelativePath(Path.Combine(RepoPaths.Root, "samples", "oci-mirror"), file));
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            File.Copy(file, target);
        }
        var (task, engine) = RestoreTasks.Create(outOfProcess, temp, SampleModule.CopyTo(temp));
        // Relative to the project (BaseDirectory), not to the module folder nor the process's current folder.
        task.RepositoryTemplate = "oci-layout:mirror/${hostname}/${namespace}/${type}";
        Assert.AreNotEqual(temp.Path, Directory.GetCurrentDirectory());

        Assert.IsTrue(task.Execute(), engine.Transcript());

        Assert.AreEqual(4, task.RestoredFolders.Length, engine.Transcript());
    }

    [TestMethod]
    [DataRow(false, DisplayName = "in-process")]
    [DataRow(true, DisplayName = "out-of-process")]
    public void A_second_run_reports_the_same_manifest_from_the_install_stamps(bool outOfProcess)
    {
        using var temp = new TempFolder("tofu-task");
        var module = SampleModule.CopyTo(temp);
        var (first, firstEngine) = RestoreTasks.Create(outOfProcess, temp, module);
        Assert.IsTrue(first.Execute(), firstEngine.Transcript());
        var manifest = File.ReadAllText(first.ManifestPath!);

        // Offline: up-to-date packages need no mirror, so the second run proves nothing was fetched.
        var (second, secondEngine) = RestoreTasks.Create(outOfProcess, temp, module);
        second.Offline = true;
        Assert.IsTrue(second.Execute(), secondEngine.Transcript());
        Assert.AreEqual(manifest, File.ReadAllText(second.ManifestPath!));
        Assert.AreEqual(4, second.RestoredFolders.Length);
    }

    [TestMethod]
    [DataRow(false, DisplayName = "in-process")]
    [DataRow(true, DisplayName = "out-of-process")]
    public void Offline_with_nothing_installed_fails_with_a_coded_error_at_the_lock_file(bool outOfProcess)
    {
        using var temp = new TempFolder("tofu-task");
        var (task, engine) = RestoreTasks.Create(outOfProcess, temp, SampleModule.CopyTo(temp));
        task.Offline = true;

        Assert.IsFalse(task.Execute());
        Assert.IsTrue(engine.Errors.Count > 0);
        Assert.IsTrue(engine.Errors.All(e => e.Code == "TOFU0100"), engine.Transcript());
        Assert.IsTrue(engine.Errors.All(e => e.File.EndsWith(".terraform.lock.hcl") && e.LineNumber > 0), engine.Transcript());
        StringAssert.Contains(engine.Errors[0].Message, "TofuOffline");
    }

    [TestMethod]
    [DataRow(false, DisplayName = "in-process")]
    [DataRow(true, DisplayName = "out-of-process")]
    public void ForceRestore_reinstalls_everything_and_Offline_installs_from_the_cache_despite_a_mistyped_mirror(bool outOfProcess)
    {
        using var temp = new TempFolder("tofu-task");
        var module = SampleModule.CopyTo(temp);
        var (first, firstEngine) = RestoreTasks.Create(outOfProcess, temp, module);
        Assert.IsTrue(first.Execute(), firstEngine.Transcript());

        var (forced, forcedEngine) = RestoreTasks.Create(outOfProcess, temp, module);
        forced.ForceRestore = true;
        Assert.IsTrue(forced.Execute(), forcedEngine.Transcript());
        StringAssert.Contains(forcedEngine.Transcript(), "TofuMirror: 4 provider package(s) installed (0 downloaded), 0 up to date.");

        Directory.Delete(temp.Combine("out"), recursive: true);
        var mistyped = SampleModule.MirrorTemplate.Replace("oci-mirror", "oci-mirorr");
        var (wrong, wrongEngine) = RestoreTasks.Create(outOfProcess, temp, module);
        wrong.RepositoryTemplate = mistyped;
        Assert.IsFalse(wrong.Execute());
        Assert.IsTrue(wrongEngine.Errors.Count > 0 && wrongEngine.Errors.All(e => e.Code == "TOFU0102"), wrongEngine.Transcript());

        var (offline, offlineEngine) = RestoreTasks.Create(outOfProcess, temp, module);
        offline.RepositoryTemplate = mistyped;
        offline.Offline = true;
        Assert.IsTrue(offline.Execute(), offlineEngine.Transcript());
        StringAssert.Contains(offlineEngine.Transcript(), "TofuMirror: 4 provider package(s) installed (0 downloaded), 0 up to date.");
        Assert.AreEqual(4, offline.RestoredFolders.Length);
    }

    [TestMethod]
    [DataRow(false, DisplayName = "in-process")]
    [DataRow(true, DisplayName = "out-of-process")]
    public void A_broken_lock_file_fails_with_TOFU0002_at_its_line_and_column(bool outOfProcess)
    {
        using var temp = new TempFolder("tofu-task");
        var module = SampleModule.CopyTo(temp);
        var lockFile = Path.Combine(module, ".terraform.lock.hcl");
        var (line, column) = SampleModule.BreakLockedVersion(lockFile, "0.2.0", "zero");
        var (task, engine) = RestoreTasks.Create(outOfProcess, temp, module);

        Assert.IsFalse(task.Execute());

        var error = engine.Errors.FirstOrDefault(e => e.Code == "TOFU0002");
        Assert.IsNotNull(error, engine.Transcript());
        Assert.IsTrue(engine.Errors.All(e => e.Code == "TOFU0002"), "the entry left out for its typo is not also 'not locked'\n" + engine.Transcript());
        Assert.AreEqual(lockFile, error.File);
        Assert.AreEqual(line, error.LineNumber);
        Assert.AreEqual(column, error.ColumnNumber);
        Assert.IsNull(task.CliConfigPath, "nothing is reported as restored after an error");
        Assert.IsFalse(File.Exists(temp.Combine("out", "tofu-providers.json")));
    }

    [TestMethod]
    [DataRow(false, DisplayName = "in-process")]
    [DataRow(true, DisplayName = "out-of-process")]
    public void A_lock_with_only_h1_hashes_fails_with_TOFU0104_saying_to_run_lock_and_why_that_is_safe(bool outOfProcess)
    {
        using var temp = new TempFolder("tofu-task");
        var module = SampleModule.CopyTo(temp);
        var lockFile = Path.Combine(module, ".terraform.lock.hcl");
        // As `terraform providers lock -fs-mirror` writes it: the zh: lines gone, the h1: lines kept.
        File.WriteAllLines(lockFile, File.ReadAllLines(lockFile).Where(l => !l.TrimStart().StartsWith("\"zh:", System.StringComparison.Ordinal)));
        var (task, engine) = RestoreTasks.Create(outOfProcess, temp, module);

        Assert.IsFalse(task.Execute());

        Assert.IsTrue(engine.Errors.Count > 0, engine.Transcript());
        foreach (var error in engine.Errors)
        {
            Assert.AreEqual("TOFU0104", error.Code, engine.Transcript());
            Assert.AreEqual(lockFile, error.File);
            StringAssert.Contains(error.Message, "records only h1: hashes");
            StringAssert.Contains(error.Message, "Run `tofu-mirror lock`");
            StringAssert.Contains(error.Message, "only when each package's h1: is one already locked");
        }
    }

    [TestMethod]
    [DataRow(false, DisplayName = "in-process")]
    [DataRow(true, DisplayName = "out-of-process")]
    public void A_missing_module_folder_and_a_bad_platform_are_coded_errors(bool outOfProcess)
    {
        using var temp = new TempFolder("tofu-task");
        var (task, engine) = RestoreTasks.Create(outOfProcess, temp, "no-such-module");
        task.Modules = [new TaskItem("no-such-module"), new TaskItem(SampleModule.CopyTo(temp), new System.Collections.Hashtable { ["Platforms"] = "linux-amd64" })];

        Assert.IsFalse(task.Execute());

        Assert.IsTrue(engine.Errors.Any(e => e.Code == "TOFU0009" && e.File == temp.Combine("no-such-module")), engine.Transcript());
        Assert.IsTrue(engine.Errors.Any(e => e.Code == "TOFU0105" && e.Message ==
            "TofuPlatforms has an invalid platform 'linux-amd64': must be two words separated by an underscore. Use os_arch names such as linux_amd64."),
            engine.Transcript());
    }

    [TestMethod]
    [DataRow(false, DisplayName = "in-process")]
    [DataRow(true, DisplayName = "out-of-process")]
    public void An_unreachable_registry_fails_each_package_with_TOFU0100_at_its_lock_entry(bool outOfProcess)
    {
        using var temp = new TempFolder("tofu-task");
        var (task, engine) = RestoreTasks.Create(outOfProcess, temp, SampleModule.CopyTo(temp));
        task.RepositoryTemplate = "127.0.0.1:1/${hostname}/${namespace}/${type}"; // loopback, nothing listening

        Assert.IsFalse(task.Execute());

        Assert.AreEqual(4, engine.Errors.Count, engine.Transcript());
        Assert.IsTrue(engine.Errors.All(e => e.Code == "TOFU0100" && e.File.EndsWith(".terraform.lock.hcl") && e.LineNumber > 0), engine.Transcript());
        Assert.IsTrue(engine.Errors.All(e => (e.Message ?? "").Contains("127.0.0.1:1")), engine.Transcript());
    }

    [TestMethod]
    [DataRow(false, DisplayName = "in-process")]
    [DataRow(true, DisplayName = "out-of-process")]
    public void An_output_path_that_is_a_file_is_a_coded_error_not_a_crash(bool outOfProcess)
    {
        using var temp = new TempFolder("tofu-task");
        var (task, engine) = RestoreTasks.Create(outOfProcess, temp, SampleModule.CopyTo(temp));
        File.WriteAllText(temp.Combine("out"), "not a folder");

        Assert.IsFalse(task.Execute());

        Assert.IsTrue(engine.Errors.Count > 0);
        Assert.IsTrue(engine.Errors.All(e => e.Code is not null && e.Code.StartsWith("TOFU")), engine.Transcript());
    }

    [TestMethod]
    [DataRow(false, DisplayName = "in-process")]
    [DataRow(true, DisplayName = "out-of-process")]
    public void An_unusable_repository_template_is_a_TOFU0003_error(bool outOfProcess)
    {
        using var temp = new TempFolder("tofu-task");
        var (task, engine) = RestoreTasks.Create(outOfProcess, temp, SampleModule.CopyTo(temp));
        task.RepositoryTemplate = "example.com/providers/${type}"; // no ${namespace}: ambiguous

        Assert.IsFalse(task.Execute());

        Assert.IsTrue(engine.Errors.Count > 0);
        Assert.IsTrue(engine.Errors.All(e => e.Code == "TOFU0003"), engine.Transcript());
    }
}
