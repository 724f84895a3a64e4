using System.IO;
using System.IO.Compression;
using System.Linq;
using Microsoft.Build.Utilities;
using Microsoft.VisualStudio.TestTools.UnitTesting;
using TofuMirror.Build.Tasks;
using TofuMirror.Testing;

namespace TofuMirror.Build.Tests;

/// <summary>
/// The task Visual Studio's MSBuild runs (the same source is compiled for net472), here hosted on .NET with a fake
/// build engine: it really starts <c>dotnet exec TofuMirror.Build.Tasks.dll restore</c> and maps its output back.
/// </summary>
[TestClass]
public sealed class OutOfProcessTaskTests
{
    private static string s_hostFolder = "";

    /// <summary>The host as the package ships it: tasks/net8.0/ of the packed .nupkg, with exactly its own dependencies.</summary>
    private static string HostAssembly => Path.Combine(s_hostFolder, "TofuMirror.Build.Tasks.dll");

    [ClassInitialize]
    public static void ExtractHost(TestContext _)
    {
        var package = Directory.GetFiles(SampleApp.Feed, SampleApp.PackageId + ".*.nupkg").OrderByDescending(File.GetLastWriteTimeUtc).First();
        s_hostFolder = Path.Combine(Path.GetTempPath(), "tofu-oop-host-" + System.Guid.NewGuid().ToString("N"));
        using var zip = ZipFile.OpenRead(package);
        foreach (var entry in zip.Entries.Where(e => e.FullName.StartsWith("tasks/net8.0/", System.StringComparison.Ordinal)))
        {
            Directory.CreateDirectory(s_hostFolder);
            entry.ExtractToFile(Path.Combine(s_hostFolder, entry.Name));
        }
    }

    [ClassCleanup]
    public static void DeleteHost()
    {
        if (Directory.Exists(s_hostFolder)) Directory.Delete(s_hostFolder, recursive: true);
    }


    private static (TofuRestoreProvidersOutOfProcess Task, FakeBuildEngine Engine) CreateTask(TempFolder temp, string moduleDirectory)
    {
        var engine = new FakeBuildEngine();
        var task = new TofuRestoreProvidersOutOfProcess
        {
            BuildEngine = engine,
            Modules = [new TaskItem(moduleDirectory, new System.Collections.Hashtable { ["Platforms"] = "linux_amd64;darwin_arm64" })],
            HostAssembly = HostAssembly,
            StateDirectory = temp.Combine("out", ".tofumirror"),
            BaseDirectory = temp.Path,
            RepositoryTemplate = SampleModule.MirrorTemplate,
            OutputPath = "out/",
            CachePath = temp.Combine("cache"),
        };
        return (task, engine);
    }


    [TestMethod]
    public void Restores_through_the_dotnet_host_and_returns_the_same_outputs_as_the_in_process_task()
    {
        using var temp = new TempFolder("tofu-oop");
        var module = SampleModule.CopyTo(temp);
        var (task, engine) = CreateTask(temp, module);

        Assert.IsTrue(task.Execute(), engine.Transcript());

        Assert.AreEqual(temp.Combine("out", "tofu.rc"), task.CliConfigPath);
        Assert.AreEqual(temp.Combine("out", "tofu-providers.json"), task.ManifestPath);
        Assert.AreEqual(4, task.RestoredFolders.Length, engine.Transcript()); // module metadata named 2 platforms
        Assert.IsTrue(task.RestoredFolders.All(f => Directory.Exists(f.ItemSpec)));
        var demo = task.RestoredFolders.Single(f => f.GetMetadata("Provider") == "registry.opentofu.org/tofumirror/demo" && f.GetMetadata("Platform") == "darwin_arm64");
        Assert.AreEqual("1.1.0", demo.GetMetadata("Version"));
        Assert.AreEqual(module, demo.GetMetadata("Module"));
        // The host's progress arrives as messages with their importance, never as raw protocol lines.
        Assert.IsTrue(engine.Messages.Any(m => m.Importance == Microsoft.Build.Framework.MessageImportance.High
            && m.Message!.StartsWith("TofuMirror: 4 provider package(s) installed")), engine.Transcript());
        Assert.IsFalse(engine.Messages.Any(m => (m.Message ?? "").Contains("tofumirror-message:")), engine.Transcript());
    }

    [TestMethod]
    public void A_broken_lock_file_is_an_MSBuild_error_with_code_file_line_and_column()
    {
        using var temp = new TempFolder("tofu-oop");
        var module = SampleModule.CopyTo(temp);
        var lockFile = Path.Combine(module, ".terraform.lock.hcl");
        var (line, column) = SampleModule.BreakLockedVersion(lockFile, "0.2.0", "zero");
        var (task, engine) = CreateTask(temp, module);

        Assert.IsFalse(task.Execute());

        var error = engine.Errors.SingleOrDefault(e => e.Code == "TOFU0002");
        Assert.IsNotNull(error, engine.Transcript());
        Assert.AreEqual(lockFile, error.File);
        Assert.AreEqual(line, error.LineNumber);
        Assert.AreEqual(column, error.ColumnNumber);
        StringAssert.Contains(error.Message, "zero");
        Assert.IsNull(task.CliConfigPath);
        Assert.IsFalse(engine.Errors.Any(e => e.Code == "MSB6006"), "the host's own errors are enough: " + engine.Transcript());
    }

    [TestMethod]
    public void An_unreachable_registry_fails_each_package_at_its_lock_entry()
    {
        using var temp = new TempFolder("tofu-oop");
        var (task, engine) = CreateTask(temp, SampleModule.CopyTo(temp));
        task.RepositoryTemplate = "127.0.0.1:1/${hostname}/${namespace}/${type}";

        Assert.IsFalse(task.Execute());

        Assert.AreEqual(4, engine.Errors.Count, engine.Transcript());
        Assert.IsTrue(engine.Errors.All(e => e.Code == "TOFU0100" && e.File.EndsWith(".terraform.lock.hcl") && e.LineNumber > 0), engine.Transcript());
    }

    [TestMethod]
    public void A_missing_host_or_dotnet_is_a_coded_error_that_says_what_to_do()
    {
        using var temp = new TempFolder("tofu-oop");
        var (task, engine) = CreateTask(temp, SampleModule.CopyTo(temp));
        task.HostAssembly = temp.Combine("missing", "TofuMirror.Build.Tasks.dll");
        Assert.IsFalse(task.Execute());
        Assert.IsTrue(engine.Errors.Any(e => e.Code == "TOFU0009" && e.Message!.Contains("incomplete")), engine.Transcript());

        var (second, secondEngine) = CreateTask(temp, SampleModule.CopyTo(new TempFolder("tofu-oop")));
        second.DotnetHostPath = temp.Combine("no-dotnet-here");
        second.EnvironmentVariables = ["PATH=" + temp.Path, "DOTNET_HOST_PATH=", "DOTNET_ROOT="];
        // A configured path that does not exist falls through to the other places; only if none has dotnet is it an error.
        var restored = second.Execute();
        Assert.IsTrue(restored || secondEngine.Errors.Any(e => e.Code == "TOFU0009" && e.Message!.Contains("TofuDotnetHostPath")), secondEngine.Transcript());
    }

    [TestMethod]
    public void A_host_that_cannot_start_is_one_coded_error_naming_the_exit_code()
    {
        using var temp = new TempFolder("tofu-oop");
        var (task, engine) = CreateTask(temp, SampleModule.CopyTo(temp));
        task.HostAssembly = temp.Combine("TofuMirror.Build.Tasks.dll");
        File.WriteAllText(task.HostAssembly, "not an assembly");

        Assert.IsFalse(task.Execute());

        var error = engine.Errors.Single();
        Assert.AreEqual("TOFU0000", error.Code, engine.Transcript());
        StringAssert.Contains(error.Message, "exited with code");
        Assert.AreEqual(task.HostAssembly, error.File);
    }
}
