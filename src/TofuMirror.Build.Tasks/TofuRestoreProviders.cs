using System;
using System.Collections;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.Build.Framework;
using Microsoft.Build.Utilities;
using TofuMirror.Core;
using TofuMirror.Engine.Restore;
using TofuMirror.Engine.Stores;
using TofuMirror.Hcl;
using Task = System.Threading.Tasks.Task;

namespace TofuMirror.Build.Tasks;

/// <summary>
/// Restores the providers locked by each <c>TofuModule</c> from the OCI mirror into one filesystem-mirror folder,
/// writes <c>tofu.rc</c> and the restore manifest there, and reports every problem as a coded MSBuild error or
/// warning at its file and line. Credentials are never parameters: they come from the CLI configuration and the
/// Docker-style auth files, as OpenTofu finds them.
/// </summary>
public sealed class TofuRestoreProviders : Microsoft.Build.Utilities.Task, ICancelableTask
{
    private readonly CancellationTokenSource _cancellation = new();

    /// <summary>Root module folders. Metadata <c>RepositoryTemplate</c>, <c>CliConfigFile</c> and <c>Platforms</c> override the task's values for that module.</summary>
    [Required]
    public ITaskItem[] Modules { get; set; } = [];

    /// <summary>The folder that relative paths and <c>oci-layout:</c> templates are resolved against (the project folder).</summary>
    public string? BaseDirectory { get; set; }

    /// <summary>The OpenTofu CLI configuration file; empty means OpenTofu's own discovery (TF_CLI_CONFIG_FILE, ~/.tofurc, ...).</summary>
    public string? CliConfigFile { get; set; }

    /// <summary>Overrides the configuration's <c>oci_mirror</c> repository template.</summary>
    public string? RepositoryTemplate { get; set; }

    /// <summary><c>;</c>-separated <c>os_arch</c> platforms; empty means the build machine's.</summary>
    public string? Platforms { get; set; }

    /// <summary>The filesystem-mirror folder to restore into (shared by all modules).</summary>
    [Required]
    public string OutputPath { get; set; } = "";

    /// <summary>The shared download cache; empty means the user cache folder (~/.cache/tofumirror).</summary>
    public string? CachePath { get; set; }

    /// <summary>Never contact the mirror: installed packages are accepted, missing ones are errors.</summary>
    public bool Offline { get; set; }

    /// <summary>Downloads at once; 0 or less means the engine's default.</summary>
    public int Parallelism { get; set; }

    /// <summary>The <c>tofu.rc</c> written beside the providers (a filesystem_mirror CLI configuration).</summary>
    [Output]
    public string? CliConfigPath { get; set; }

    /// <summary>The restore manifest (JSON) written beside the providers.</summary>
    [Output]
    public string? ManifestPath { get; set; }

    /// <summary>One item per installed provider folder, with metadata Provider, Version, Platform and Module.</summary>
    [Output]
    public ITaskItem[] RestoredFolders { get; set; } = [];

    /// <summary>Asks the running restore to stop; installs are atomic, so the previous state stays intact.</summary>
    public void Cancel() => _cancellation.Cancel();

    public override bool Execute()
    {
        try
        {
            ExecuteAsync(_cancellation.Token).GetAwaiter().GetResult();
        }
        catch (OperationCanceledException) when (_cancellation.IsCancellationRequested)
        {
            Log.LogMessage(MessageImportance.High, "Provider restore was cancelled.");
            return false;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // Problems with the output or cache folder itself (per-package I/O failures come back as diagnostics).
            DiagnosticLogger.LogException(Log, e, DiagnosticCodes.FileNotReadable, OutputPath);
            return false;
        }
        return !Log.HasLoggedErrors;
    }

    private async Task ExecuteAsync(CancellationToken cancellationToken)
    {
        var baseDirectory = Path.GetFullPath(string.IsNullOrEmpty(BaseDirectory) ? Directory.GetCurrentDirectory() : BaseDirectory);
        var outputDirectory = Path.GetFullPath(Path.Combine(baseDirectory, OutputPath));
        var cacheDirectory = string.IsNullOrEmpty(CachePath)
            ? BlobCache.DefaultDirectory(Environment.GetEnvironmentVariable)
            : Path.GetFullPath(Path.Combine(baseDirectory, CachePath));
        var environment = ProcessCliEnvironment.Create(EnvironmentVariables(), baseDirectory);

        var entries = new List<ManifestEntry>();
        string? cliConfigPath = null;
        foreach (var module in Modules)
        {
            var moduleDirectory = Path.GetFullPath(Path.Combine(baseDirectory, module.ItemSpec));
            if (!Directory.Exists(moduleDirectory))
            {
                Log.LogError(null, DiagnosticCodes.FileNotReadable, null, moduleDirectory, 0, 0, 0, 0,
                    "The TofuModule folder {0} does not exist. Fix the TofuModule item's Include.", moduleDirectory);
                continue;
            }
            if (!TryParsePlatforms(Setting(module, "Platforms", Platforms), moduleDirectory, out var platforms)) continue;

            var configFile = Setting(module, "CliConfigFile", CliConfigFile);
            using var mirror = MirrorSource.Load(
                new MirrorSourceOptions(Setting(module, "RepositoryTemplate", RepositoryTemplate),
                    configFile is null ? null : Path.GetFullPath(Path.Combine(baseDirectory, configFile)), baseDirectory),
                environment);
            foreach (var diagnostic in mirror.Diagnostics) DiagnosticLogger.Log(Log, diagnostic, configFile);
            var stores = Offline ? new OfflineStoreResolver() : mirror.Stores;
            if (stores is null) continue;

            var request = new RestoreRequest(moduleDirectory, stores, platforms, outputDirectory, OutputLayout.Unpacked, cacheDirectory);
            if (Parallelism > 0) request = request with { Parallelism = Parallelism };
            Log.LogMessage(MessageImportance.Normal, "Restoring the providers of {0} for {1} into {2}",
                moduleDirectory, string.Join(", ", platforms), outputDirectory);

            var report = await new RestoreJob(new MSBuildLogger(Log)).RunAsync(request, cancellationToken).ConfigureAwait(false);
            var lockFile = Path.Combine(moduleDirectory, ".terraform.lock.hcl");
            foreach (var diagnostic in report.AllDiagnostics) DiagnosticLogger.Log(Log, diagnostic, lockFile);
            cliConfigPath = report.CliConfigPath ?? cliConfigPath;
            entries.AddRange(report.Items.Where(i => i.Status != RestoreStatus.Failed).Select(i => new ManifestEntry(moduleDirectory, i)));
            LogSummary(report);
        }

        if (Log.HasLoggedErrors) return;
        CliConfigPath = cliConfigPath ?? CliConfigFileWriter.Write(EnsureDirectory(outputDirectory));
        ManifestPath = RestoreManifestWriter.Write(EnsureDirectory(outputDirectory), CliConfigPath, entries);
        RestoredFolders = entries.Where(e => e.Item.InstalledPath is not null).Select(ToItem).ToArray();
    }

    private void LogSummary(RestoreReport report)
    {
        var installed = report.Items.Count(i => i.Status == RestoreStatus.Installed);
        var upToDate = report.Items.Count(i => i.Status == RestoreStatus.UpToDate);
        var downloaded = report.Items.Count(i => i.Downloaded);
        Log.LogMessage(installed > 0 ? MessageImportance.High : MessageImportance.Normal,
            "TofuMirror: {0} provider package(s) installed ({1} downloaded), {2} up to date.", installed, downloaded, upToDate);
    }

    private static ITaskItem ToItem(ManifestEntry entry)
    {
        var item = new TaskItem(entry.Item.InstalledPath);
        item.SetMetadata("Provider", entry.Item.Provider.ToString());
        item.SetMetadata("Version", entry.Item.Version.ToString());
        item.SetMetadata("Platform", entry.Item.Platform.ToString());
        item.SetMetadata("Module", entry.ModuleDirectory);
        return item;
    }

    private bool TryParsePlatforms(string? text, string moduleDirectory, out IReadOnlyList<Platform> platforms)
    {
        var names = (text ?? "").Split([';', ','], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        if (names.Length == 0)
        {
            platforms = Platform.Current is { } current ? [current] : [];
            if (platforms.Count == 0)
                Log.LogError(null, DiagnosticCodes.PlatformNotSupported, null, moduleDirectory, 0, 0, 0, 0,
                    "The build machine's platform has no OpenTofu name. Set TofuPlatforms (for example linux_amd64).");
            return platforms.Count > 0;
        }
        var parsed = new List<Platform>();
        foreach (var name in names)
        {
            if (Platform.TryParse(name, out var platform, out var error)) parsed.Add(platform);
            else Log.LogError(null, DiagnosticCodes.PlatformNotSupported, null, moduleDirectory, 0, 0, 0, 0,
                "TofuPlatforms has an invalid platform '{0}': {1} Use os_arch names such as linux_amd64.", name, error);
        }
        platforms = parsed.Distinct().ToList();
        return parsed.Count == names.Length;
    }

    private static string? Setting(ITaskItem module, string metadata, string? fallback)
    {
        var value = module.GetMetadata(metadata);
        var chosen = string.IsNullOrWhiteSpace(value) ? fallback : value;
        return string.IsNullOrWhiteSpace(chosen) ? null : chosen!.Trim();
    }

    private static string EnsureDirectory(string path)
    {
        Directory.CreateDirectory(path);
        return path;
    }

    private static Dictionary<string, string?> EnvironmentVariables()
    {
        var variables = new Dictionary<string, string?>(StringComparer.Ordinal);
        foreach (DictionaryEntry entry in Environment.GetEnvironmentVariables())
            variables[(string)entry.Key] = entry.Value as string;
        return variables;
    }
}
