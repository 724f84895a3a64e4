using System.IO;
using System.Text;

namespace TofuMirror.Engine.Restore;

/// <summary>
/// Writes the <c>tofu.rc</c> beside a restored folder: a CLI configuration whose only installation method is a
/// <c>filesystem_mirror</c> at that folder, so <c>TF_CLI_CONFIG_FILE=…/tofu.rc tofu init</c> works offline.
/// </summary>
public static class CliConfigFileWriter
{
    public const string FileName = "tofu.rc";

    public static string Render(string mirrorDirectory)
    {
        var path = Path.GetFullPath(mirrorDirectory).Replace('\\', '/');
        return new StringBuilder()
            .Append("# Written by tofu-mirror restore. Use with: TF_CLI_CONFIG_FILE=").Append(Path.Combine(path, FileName)).Append('\n')
            .Append("provider_installation {\n")
            .Append("  filesystem_mirror {\n")
            .Append("    path = ").Append(Quote(path)).Append('\n')
            .Append("  }\n")
            .Append("}\n")
            .ToString();
    }

    /// <summary>Writes the file atomically; an unchanged file is left alone so its timestamp stays put.</summary>
    public static string Write(string mirrorDirectory)
    {
        var path = Path.Combine(mirrorDirectory, FileName);
        AtomicFile.WriteAllTextIfChanged(path, Render(mirrorDirectory));
        return path;
    }

    private static string Quote(string value) => "\"" + value.Replace("\\", "\\\\").Replace("\"", "\\\"") + "\"";
}
