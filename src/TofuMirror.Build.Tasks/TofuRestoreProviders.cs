using System;
using System.IO;
using System.Threading;
using Microsoft.Build.Framework;
using TofuMirror.Build.Tasks.HostProtocol;
using TofuMirror.Build.Tasks.Restore;
using TofuMirror.Model.Diagnostics;
using TofuMirror.Model.Platforms;

namespace TofuMirror.Build.Tasks;

/// <summary>
/// Restores the providers locked by each <c>TofuModule</c> from the OCI mirror into one filesystem-mirror folder,
/// writes <c>tofu.rc</c> and the restore manifest there, and reports every problem as a coded MSBuild error or
/// warning at its file and line. Runs inside <c>dotnet build</c>'s MSBuild; Visual Studio's .NET Framework MSBuild
/// uses <see cref="TofuRestoreProvidersOutOfProcess"/> instead. Credentials are never parameters: they come from the
/// CLI configuration and the Docker-style auth files, as OpenTofu finds them.
/// </summary>
public sealed class TofuRestoreProviders : Microsoft.Build.Utilities.Task, ICancelableTask, IRestoreProvidersTask
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

    /// <summary>Never contact the mirror: installed packages are accepted, missing ones come from the download cache alone, and any not cached is an error.</summary>
    public bool Offline { get; set; }

    /// <summary>Reinstall every package, even those already installed and unchanged.</summary>
    public bool ForceRestore { get; set; }

    /// <summary>Downloads at once; 0 or less means the engine's default.</summary>
    public int Parallelism { get; set; }

    /// <summary>A PEM bundle of certificate authorities trusted for registries besides the system's; empty means TOFU_MIRROR_CA_FILE, if set.</summary>
    public string? CaFile { get; set; }

    /// <summary>A PEM client certificate for registries that require mutual TLS.</summary>
    public string? ClientCertificateFile { get; set; }

    /// <summary>The unencrypted PEM key of <see cref="ClientCertificateFile"/>; empty means the key is in that file.</summary>
    public string? ClientKeyFile { get; set; }

    /// <summary><c>;</c>-separated trust anchor files (armored keyrings or fingerprint lists), besides those in TOFU_MIRROR_TRUSTED_KEYS.</summary>
    public string? TrustedKeys { get; set; }

    /// <summary>Install only packages whose version's SHA256SUMS a trust anchor signed, with the package on its signed line.</summary>
    public bool RequireSigned { get; set; }

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
        var settings = TaskItems.ToSettings(Modules, BaseDirectory, OutputPath, CliConfigFile, RepositoryTemplate,
            Platforms, CachePath, Offline, ForceRestore, Parallelism).WithTls(this).WithTrust(this);
        var log = new MSBuildRestoreLog(Log);
        try
        {
            var outcome = new ProjectRestoreJob(log).RunAsync(settings, _cancellation.Token).GetAwaiter().GetResult();
            if (outcome is null) return false;
            CliConfigPath = outcome.CliConfigPath;
            ManifestPath = outcome.ManifestPath;
            RestoredFolders = TaskItems.ToItems(outcome);
        }
        catch (OperationCanceledException) when (_cancellation.IsCancellationRequested)
        {
            Log.LogMessage(MessageImportance.High, "Provider restore was cancelled.");
            return false;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            log.Error(DiagnosticCodes.FileNotReadable, OutputPath, OutputFolderProblem.Describe(e));
            return false;
        }
        return !Log.HasLoggedErrors;
    }
}
