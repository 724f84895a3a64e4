using Microsoft.Build.Framework;

namespace TofuMirror.Build.Tasks.HostProtocol;

/// <summary>
/// The parameters and outputs both restore tasks take and give (in-process and out-of-process), so the targets
/// call either the same way; docs/msbuild.md describes each.
/// </summary>
public interface IRestoreProvidersTask : ITask
{
    ITaskItem[] Modules { get; set; }
    string? BaseDirectory { get; set; }
    string? CliConfigFile { get; set; }
    string? RepositoryTemplate { get; set; }
    string? Platforms { get; set; }
    string OutputPath { get; set; }
    string? CachePath { get; set; }
    bool Offline { get; set; }
    bool ForceRestore { get; set; }
    int Parallelism { get; set; }
    string? CliConfigPath { get; set; }
    string? ManifestPath { get; set; }
    ITaskItem[] RestoredFolders { get; set; }
    string? CaFile { get; set; }
    string? ClientCertificateFile { get; set; }
    string? ClientKeyFile { get; set; }
    string? TrustedKeys { get; set; }
    bool RequireSigned { get; set; }
}
