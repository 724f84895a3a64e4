using System.Collections.Generic;
using System.Runtime.Serialization;

namespace TofuMirror.Build.Tasks.HostProtocol;

/// <summary>One installed provider folder, with what the <c>TofuRestoredProvider</c> items carry as metadata.</summary>
[DataContract]
public sealed class RestoredFolder
{
    public RestoredFolder(string path, string provider, string version, string platform, string module)
    {
        Path = path;
        Provider = provider;
        Version = version;
        Platform = platform;
        Module = module;
    }

    [DataMember(Name = "path")]
    public string Path { get; private set; }

    [DataMember(Name = "provider")]
    public string Provider { get; private set; }

    [DataMember(Name = "version")]
    public string Version { get; private set; }

    [DataMember(Name = "platform")]
    public string Platform { get; private set; }

    [DataMember(Name = "module")]
    public string Module { get; private set; }
}

/// <summary>
/// What a successful restore produced: the <c>tofu.rc</c>, the restore manifest and the installed folders. The .NET
/// host writes it to <see cref="HostContract.OutcomeFileName"/> as versioned JSON (<see cref="HostFile"/>) for the
/// .NET Framework task to turn into its outputs.
/// </summary>
[DataContract]
public sealed class RestoreOutcome
{
    [DataMember(Name = "folders")]
    private List<RestoredFolder>? _folders;

    [DataMember(Name = "version")]
    public int Version { get; private set; } = HostContract.Version;

    [DataMember(Name = "cliConfigPath", EmitDefaultValue = false)]
    public string? CliConfigPath { get; set; }

    [DataMember(Name = "manifestPath", EmitDefaultValue = false)]
    public string? ManifestPath { get; set; }

    public List<RestoredFolder> Folders => _folders ??= new List<RestoredFolder>();

    public string ToJson() => HostFile.ToJson(this);

    public static RestoreOutcome FromJson(string json, string source) => HostFile.FromJson<RestoreOutcome>(json, source);

    public void WriteTo(string path) => HostFile.Write(this, path);

    public static RestoreOutcome ReadFrom(string path) => HostFile.Read<RestoreOutcome>(path);
}
