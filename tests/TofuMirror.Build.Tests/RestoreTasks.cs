using System;
using System.IO;
using System.IO.Compression;
using System.Linq;
using Microsoft.Build.Utilities;
using TofuMirror.Build.Tasks;
using TofuMirror.Build.Tasks.HostProtocol;
using TofuMirror.Testing;

namespace TofuMirror.Build.Tests;

/// <summary>Both restore tasks, set up alike against the sample mirror, for tests that must hold for each.</summary>
internal static class RestoreTasks
{
    private static readonly Lazy<string> s_packagedHost = new(ExtractPackagedHost);

    /// <summary>The out-of-process host as the package ships it: tasks/net8.0/ of the packed .nupkg, with exactly its own dependencies.</summary>
    public static string PackagedHost => s_packagedHost.Value;

    public static (IRestoreProvidersTask Task, FakeBuildEngine Engine) Create(bool outOfProcess, TempFolder temp, string moduleDirectory)
    {
        var engine = new FakeBuildEngine();
        IRestoreProvidersTask task = outOfProcess
            ? new TofuRestoreProvidersOutOfProcess { HostAssembly = PackagedHost, StateDirectory = temp.Combine("out", ".tofumirror") }
            : new TofuRestoreProviders();
        task.BuildEngine = engine;
        task.Modules = [new TaskItem(moduleDirectory)];
        task.BaseDirectory = temp.Path;
        task.RepositoryTemplate = SampleModule.MirrorTemplate;
        task.Platforms = "linux_amd64;darwin_arm64";
        task.OutputPath = "out/";
        task.CachePath = temp.Combine("cache");
        return (task, engine);
    }

    private static string ExtractPackagedHost()
    {
        var package = Directory.GetFiles(SampleApp.Feed, SampleApp.PackageId + ".*.nupkg").OrderByDescending(File.GetLastWriteTimeUtc).First();
        var folder = Path.Combine(AppContext.BaseDirectory, "packaged-host");
        if (Directory.Exists(folder)) Directory.Delete(folder, recursive: true);
        Directory.CreateDirectory(folder);
        using var zip = ZipFile.OpenRead(package);
        foreach (var entry in zip.Entries.Where(e => e.FullName.StartsWith("tasks/net8.0/", StringComparison.Ordinal)))
            entry.ExtractToFile(Path.Combine(folder, entry.Name));
        return Path.Combine(folder, "TofuMirror.Build.Tasks.dll");
    }
}
