using System;
using System.Collections;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using TofuMirror.Build.Tasks.HostProtocol;
using TofuMirror.Engine.Restore;
using TofuMirror.Engine.Stores;
using TofuMirror.Engine.Trust;
using TofuMirror.Oci.Transport.Tls;
using TofuMirror.Model.Diagnostics;
using TofuMirror.Model.Platforms;

namespace TofuMirror.Build.Tasks.Restore;

/// <summary>
/// The restore a project's build asks for: every <c>TofuModule</c> into one filesystem-mirror folder, then
/// <c>tofu.rc</c> and the restore manifest there. Shared by the in-process task and the out-of-process host, so
/// both builds behave the same. Problems go to the <see cref="IRestoreLog"/>; the outcome is null when any was an error.
/// </summary>
internal sealed class ProjectRestoreJob(IRestoreLog log)
{
    public async Task<RestoreOutcome?> RunAsync(RestoreSettings settings, CancellationToken cancellationToken)
    {
        var baseDirectory = Path.GetFullPath(string.IsNullOrEmpty(settings.BaseDirectory) ? Directory.GetCurrentDirectory() : settings.BaseDirectory);
        var outputDirectory = Path.GetFullPath(Path.Combine(baseDirectory, settings.OutputPath));
        var cacheDirectory = string.IsNullOrEmpty(settings.CachePath)
            ? BlobCache.DefaultDirectory(Environment.GetEnvironmentVariable)
            : Path.GetFullPath(Path.Combine(baseDirectory, settings.CachePath));
        var environment = ProcessCliEnvironment.Create(EnvironmentVariables(), baseDirectory);
        if (TrustAnchorsOf(settings, baseDirectory) is not { } anchors) return null;

        var entries = new List<ManifestEntry>();
        string? cliConfigPath = null;
        foreach (var module in settings.Modules)
        {
            var moduleDirectory = Path.GetFullPath(Path.Combine(baseDirectory, module.Path));
            if (!Directory.Exists(moduleDirectory))
            {
                log.Error(DiagnosticCodes.FileNotReadable, moduleDirectory,
                    $"The TofuModule folder {moduleDirectory} does not exist. Fix the TofuModule item's Include.");
                continue;
            }
            if (!TryParsePlatforms(module.Platforms ?? settings.Platforms, moduleDirectory, out var platforms)) continue;

            var configFile = module.CliConfigFile ?? settings.CliConfigFile;
            using var mirror = MirrorSource.Load(
                new MirrorSourceOptions(module.RepositoryTemplate ?? settings.RepositoryTemplate,
                    configFile is null ? null : Path.GetFullPath(Path.Combine(baseDirectory, configFile)), baseDirectory)
                {
                    Tls = new RegistryTlsFiles(settings.CaFile, settings.ClientCertificateFile, settings.ClientKeyFile),
                },
                environment);
            foreach (var diagnostic in mirror.Diagnostics) log.Report(diagnostic, configFile);
            var stores = settings.Offline ? new OfflineStoreResolver() : mirror.Stores;
            if (stores is null) continue;

            var request = new RestoreRequest(moduleDirectory, stores, platforms, outputDirectory, OutputLayout.Unpacked, cacheDirectory);
            request = request with { Offline = settings.Offline, Force = settings.ForceRestore, TrustAnchors = anchors, RequireSigned = settings.RequireSigned };
            if (settings.Parallelism > 0) request = request with { Parallelism = settings.Parallelism };
            log.Message(LogImportance.Normal,
                $"Restoring the providers of {moduleDirectory} for {string.Join(", ", platforms)} into {outputDirectory}");

            var report = await new RestoreJob(new EngineLogger(log)).RunAsync(request, cancellationToken).ConfigureAwait(false);
            var lockFile = Path.Combine(moduleDirectory, ".terraform.lock.hcl");
            foreach (var diagnostic in report.AllDiagnostics) log.Report(diagnostic, lockFile);
            cliConfigPath = report.CliConfigPath ?? cliConfigPath;
            entries.AddRange(report.Items.Where(i => i.Status != RestoreStatus.Failed).Select(i => new ManifestEntry(moduleDirectory, i)));
            LogSummary(report);
        }

        if (log.HasLoggedErrors) return null;
        var outcome = new RestoreOutcome { CliConfigPath = cliConfigPath ?? CliConfigFileWriter.Write(EnsureDirectory(outputDirectory)) };
        outcome.ManifestPath = RestoreManifestWriter.Write(EnsureDirectory(outputDirectory), outcome.CliConfigPath, entries);
        foreach (var entry in entries.Where(e => e.Item.InstalledPath is not null))
            outcome.Folders.Add(new RestoredFolder(entry.Item.InstalledPath!, entry.Item.Provider.ToString(),
                entry.Item.Version.ToString(), entry.Item.Platform.ToString(), entry.ModuleDirectory));
        return outcome;
    }

    /// <summary>TofuTrustedKeys (relative to the project) and the files in TOFU_MIRROR_TRUSTED_KEYS; null after logging an unusable one.</summary>
    private TrustAnchors? TrustAnchorsOf(RestoreSettings settings, string baseDirectory)
    {
        var paths = (settings.TrustedKeys ?? "").Split(';')
            .Concat((Environment.GetEnvironmentVariable(TrustAnchors.EnvironmentVariable) ?? "").Split(Path.PathSeparator))
            .Select(p => p.Trim()).Where(p => p.Length > 0).Select(p => Path.GetFullPath(Path.Combine(baseDirectory, p))).Distinct().ToList();
        if (paths.Count == 0) return TrustAnchors.Empty;
        var anchors = TrustAnchors.Load(paths, out var diagnostics);
        foreach (var diagnostic in diagnostics) log.Report(diagnostic, diagnostic.Subject?.FileName);
        return anchors;
    }

    private void LogSummary(RestoreReport report)
    {
        var installed = report.Items.Count(i => i.Status == RestoreStatus.Installed);
        var upToDate = report.Items.Count(i => i.Status == RestoreStatus.UpToDate);
        var downloaded = report.Items.Count(i => i.Downloaded);
        log.Message(installed > 0 ? LogImportance.High : LogImportance.Normal,
            $"TofuMirror: {installed} provider package(s) installed ({downloaded} downloaded), {upToDate} up to date.");
    }

    private bool TryParsePlatforms(string? text, string moduleDirectory, out IReadOnlyList<Platform> platforms)
    {
        var list = PlatformList.Parse(text, "TofuPlatforms").OrCurrent();
        foreach (var error in list.Errors) log.Error(DiagnosticCodes.PlatformNotSupported, moduleDirectory, error);
        platforms = list.Platforms;
        return list.Errors.Count == 0;
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
