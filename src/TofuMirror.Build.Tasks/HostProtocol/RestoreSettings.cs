using System.Collections.Generic;
using System.Runtime.Serialization;

namespace TofuMirror.Build.Tasks.HostProtocol;

/// <summary>One <c>TofuModule</c> item: its folder and the per-module overrides (null when not set).</summary>
[DataContract]
public sealed class ModuleSettings
{
    public ModuleSettings(string path) => Path = path;

    [DataMember(Name = "path")]
    public string Path { get; private set; }

    [DataMember(Name = "repositoryTemplate", EmitDefaultValue = false)]
    public string? RepositoryTemplate { get; set; }

    [DataMember(Name = "cliConfigFile", EmitDefaultValue = false)]
    public string? CliConfigFile { get; set; }

    [DataMember(Name = "platforms", EmitDefaultValue = false)]
    public string? Platforms { get; set; }
}

/// <summary>
/// Everything the restore task is given. Both tasks hand it to the restore; the .NET Framework task (Visual Studio's
/// MSBuild) writes it to <see cref="HostContract.SettingsFileName"/> as versioned JSON (<see cref="HostFile"/>) and
/// runs the .NET host on it.
/// </summary>
[DataContract]
public sealed class RestoreSettings
{
    [DataMember(Name = "modules")]
    private List<ModuleSettings>? _modules;

    [DataMember(Name = "version")]
    public int Version { get; private set; } = HostContract.Version;

    [DataMember(Name = "baseDirectory")]
    public string BaseDirectory { get; set; } = "";

    [DataMember(Name = "outputPath")]
    public string OutputPath { get; set; } = "";

    [DataMember(Name = "cliConfigFile", EmitDefaultValue = false)]
    public string? CliConfigFile { get; set; }

    [DataMember(Name = "repositoryTemplate", EmitDefaultValue = false)]
    public string? RepositoryTemplate { get; set; }

    [DataMember(Name = "platforms", EmitDefaultValue = false)]
    public string? Platforms { get; set; }

    [DataMember(Name = "cachePath", EmitDefaultValue = false)]
    public string? CachePath { get; set; }

    [DataMember(Name = "offline")]
    public bool Offline { get; set; }

    [DataMember(Name = "forceRestore")]
    public bool ForceRestore { get; set; }

    [DataMember(Name = "parallelism")]
    public int Parallelism { get; set; }

    [DataMember(Name = "caFile", EmitDefaultValue = false)]
    public string? CaFile { get; set; }

    [DataMember(Name = "clientCertificateFile", EmitDefaultValue = false)]
    public string? ClientCertificateFile { get; set; }

    [DataMember(Name = "clientKeyFile", EmitDefaultValue = false)]
    public string? ClientKeyFile { get; set; }

    /// <summary><c>;</c>-separated trust anchor files (TofuTrustedKeys), besides those in TOFU_MIRROR_TRUSTED_KEYS.</summary>
    [DataMember(Name = "trustedKeys", EmitDefaultValue = false)]
    public string? TrustedKeys { get; set; }

    /// <summary>TofuRequireSignedProviders: install only packages whose checksums a trust anchor signed.</summary>
    [DataMember(Name = "requireSigned")]
    public bool RequireSigned { get; set; }

    public List<ModuleSettings> Modules => _modules ??= new List<ModuleSettings>();

    public string ToJson() => HostFile.ToJson(this);

    /// <summary>Reads what <see cref="ToJson"/> wrote; see <see cref="HostFile.FromJson{T}"/> for the errors.</summary>
    public static RestoreSettings FromJson(string json, string source) => HostFile.FromJson<RestoreSettings>(json, source);

    public void WriteTo(string path) => HostFile.Write(this, path);

    public static RestoreSettings ReadFrom(string path) => HostFile.Read<RestoreSettings>(path);
}
