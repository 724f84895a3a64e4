using System;
using System.Collections.Generic;
using System.IO;
using System.Text;

namespace TofuMirror.Build.Tasks.OutOfProcess;

/// <summary>One installed provider folder, with what the <c>TofuRestoredProvider</c> items carry as metadata.</summary>
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

    public string Path { get; }
    public string Provider { get; }
    public string Version { get; }
    public string Platform { get; }
    public string Module { get; }
}

/// <summary>
/// What a successful restore produced: the <c>tofu.rc</c>, the restore manifest and the installed folders. The .NET
/// host writes it to a file (lines <c>cli-config=</c>, <c>manifest=</c> and tab-separated <c>restored=</c>) for the
/// .NET Framework task to turn into its outputs.
/// </summary>
public sealed class RestoreOutcome
{
    public string? CliConfigPath { get; set; }
    public string? ManifestPath { get; set; }
    public List<RestoredFolder> Folders { get; } = new();

    public string Render()
    {
        var text = new StringBuilder();
        if (CliConfigPath is not null) text.Append("cli-config=").Append(CliConfigPath).Append('\n');
        if (ManifestPath is not null) text.Append("manifest=").Append(ManifestPath).Append('\n');
        foreach (var folder in Folders)
            text.Append("restored=").Append(string.Join("\t", folder.Path, folder.Provider, folder.Version, folder.Platform, folder.Module)).Append('\n');
        return text.ToString();
    }

    public static RestoreOutcome Parse(string text)
    {
        var outcome = new RestoreOutcome();
        foreach (var line in text.Replace("\r\n", "\n").Split('\n'))
        {
            if (line.StartsWith("cli-config=", StringComparison.Ordinal)) outcome.CliConfigPath = line.Substring("cli-config=".Length);
            else if (line.StartsWith("manifest=", StringComparison.Ordinal)) outcome.ManifestPath = line.Substring("manifest=".Length);
            else if (line.StartsWith("restored=", StringComparison.Ordinal))
            {
                var parts = line.Substring("restored=".Length).Split('\t');
                if (parts.Length != 5) throw new FormatException($"A restored= line needs 5 tab-separated fields: \"{line}\"");
                outcome.Folders.Add(new RestoredFolder(parts[0], parts[1], parts[2], parts[3], parts[4]));
            }
            else if (line.Length > 0) throw new FormatException($"Unexpected line in a restore outcome: \"{line}\"");
        }
        return outcome;
    }

    public void WriteTo(string path) => File.WriteAllText(path, Render(), new UTF8Encoding(false));

    public static RestoreOutcome ReadFrom(string path) => Parse(File.ReadAllText(path, Encoding.UTF8));
}
