using System;
using System.Collections.Generic;
using System.IO;
using System.Text;

namespace TofuMirror.Build.Tasks.OutOfProcess;

/// <summary>One <c>TofuModule</c> item: its folder and the per-module overrides (null when not set).</summary>
public sealed class ModuleSettings
{
    public ModuleSettings(string path) => Path = path;

    public string Path { get; }
    public string? RepositoryTemplate { get; set; }
    public string? CliConfigFile { get; set; }
    public string? Platforms { get; set; }
}

/// <summary>
/// Everything the restore task is given, in a form that crosses a process boundary: the .NET Framework task (Visual
/// Studio's MSBuild) writes it to a file and runs the .NET host on it. The format is UTF-8 lines <c>key=value</c>;
/// <c>module=</c> starts a module and the <c>module.*</c> keys after it belong to that module. MSBuild values never
/// contain line breaks, so no escaping is needed; one that does is refused rather than split.
/// </summary>
public sealed class RestoreSettings
{
    public string BaseDirectory { get; set; } = "";
    public string OutputPath { get; set; } = "";
    public string? CliConfigFile { get; set; }
    public string? RepositoryTemplate { get; set; }
    public string? Platforms { get; set; }
    public string? CachePath { get; set; }
    public bool Offline { get; set; }
    public bool ForceRestore { get; set; }
    public int Parallelism { get; set; }
    public string? CaFile { get; set; }
    public string? ClientCertificateFile { get; set; }
    public string? ClientKeyFile { get; set; }
    public List<ModuleSettings> Modules { get; } = new();

    public string Render()
    {
        var text = new StringBuilder();
        Append(text, "base-directory", BaseDirectory);
        Append(text, "output", OutputPath);
        Append(text, "cli-config", CliConfigFile);
        Append(text, "template", RepositoryTemplate);
        Append(text, "platforms", Platforms);
        Append(text, "cache", CachePath);
        Append(text, "offline", Offline ? "true" : "false");
        Append(text, "force", ForceRestore ? "true" : "false");
        Append(text, "parallelism", Parallelism.ToString(System.Globalization.CultureInfo.InvariantCulture));
        Append(text, "ca-file", CaFile);
        Append(text, "client-cert", ClientCertificateFile);
        Append(text, "client-key", ClientKeyFile);
        foreach (var module in Modules)
        {
            Append(text, "module", module.Path);
            Append(text, "module.template", module.RepositoryTemplate);
            Append(text, "module.cli-config", module.CliConfigFile);
            Append(text, "module.platforms", module.Platforms);
        }
        return text.ToString();
    }

    /// <summary>Reads what <see cref="Render"/> wrote; throws <see cref="FormatException"/> naming the line otherwise.</summary>
    public static RestoreSettings Parse(string text)
    {
        var settings = new RestoreSettings();
        ModuleSettings? module = null;
        var lines = text.Replace("\r\n", "\n").Split('\n');
        for (var i = 0; i < lines.Length; i++)
        {
            if (lines[i].Length == 0) continue;
            var equals = lines[i].IndexOf('=');
            if (equals <= 0) throw new FormatException($"line {i + 1}: expected key=value, got \"{lines[i]}\"");
            var key = lines[i].Substring(0, equals);
            var value = lines[i].Substring(equals + 1);
            if (key.StartsWith("module.", StringComparison.Ordinal) && module is null)
                throw new FormatException($"line {i + 1}: {key} before any module=");
            switch (key)
            {
                case "base-directory": settings.BaseDirectory = value; break;
                case "output": settings.OutputPath = value; break;
                case "cli-config": settings.CliConfigFile = value; break;
                case "template": settings.RepositoryTemplate = value; break;
                case "platforms": settings.Platforms = value; break;
                case "cache": settings.CachePath = value; break;
                case "offline": settings.Offline = value == "true"; break;
                case "force": settings.ForceRestore = value == "true"; break;
                case "parallelism": settings.Parallelism = int.Parse(value, System.Globalization.CultureInfo.InvariantCulture); break;
                case "ca-file": settings.CaFile = value; break;
                case "client-cert": settings.ClientCertificateFile = value; break;
                case "client-key": settings.ClientKeyFile = value; break;
                case "module": settings.Modules.Add(module = new ModuleSettings(value)); break;
                case "module.template": module!.RepositoryTemplate = value; break;
                case "module.cli-config": module!.CliConfigFile = value; break;
                case "module.platforms": module!.Platforms = value; break;
                default: throw new FormatException($"line {i + 1}: unknown key {key}");
            }
        }
        return settings;
    }

    public void WriteTo(string path) => File.WriteAllText(path, Render(), new UTF8Encoding(false));

    public static RestoreSettings ReadFrom(string path) => Parse(File.ReadAllText(path, Encoding.UTF8));

    private static void Append(StringBuilder text, string key, string? value)
    {
        if (string.IsNullOrWhiteSpace(value)) return;
        if (value!.IndexOfAny(new[] { '\r', '\n' }) >= 0)
            throw new ArgumentException($"The value of {key} contains a line break, which no TofuMirror setting accepts: \"{value}\"");
        text.Append(key).Append('=').Append(value.Trim()).Append('\n');
    }
}
