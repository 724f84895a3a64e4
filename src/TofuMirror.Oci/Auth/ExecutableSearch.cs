using System;
using System.IO;

namespace TofuMirror.Oci.Auth;

/// <summary>
/// Finds a program on <c>PATH</c> the way Go's <c>exec.LookPath</c> does since Go 1.19: only absolute
/// PATH entries count, so a file of that name in the working directory (or under a relative entry such
/// as <c>.</c>) is never picked. Starting the full path it returns keeps the OS from searching on its own.
/// </summary>
internal static class ExecutableSearch
{
    /// <summary>The full path of the first executable <paramref name="fileName"/> in an absolute entry of <paramref name="pathVariable"/>; null when none.</summary>
    public static string? FindOnPath(string fileName, string? pathVariable)
    {
        if (string.IsNullOrEmpty(pathVariable)) return null;
        foreach (var rawEntry in pathVariable.Split(Path.PathSeparator))
        {
            var entry = OperatingSystem.IsWindows() ? rawEntry.Trim('"') : rawEntry;
            if (entry.Length == 0 || !Path.IsPathFullyQualified(entry)) continue;
            foreach (var candidate in Candidates(Path.Combine(entry, fileName)))
            {
                if (IsExecutable(candidate)) return candidate;
            }
        }

        return null;
    }

    private static string[] Candidates(string path)
    {
        if (!OperatingSystem.IsWindows() || Path.HasExtension(path)) return new[] { path };
        var extensions = (Environment.GetEnvironmentVariable("PATHEXT") is { Length: > 0 } pathExt ? pathExt : ".COM;.EXE;.BAT;.CMD")
            .Split(';', StringSplitOptions.RemoveEmptyEntries);
        return Array.ConvertAll(extensions, extension => path + extension);
    }

    private static bool IsExecutable(string path)
    {
        if (!File.Exists(path)) return false;
        if (OperatingSystem.IsWindows()) return true;
        const UnixFileMode anyExecute = UnixFileMode.UserExecute | UnixFileMode.GroupExecute | UnixFileMode.OtherExecute;
        return (File.GetUnixFileMode(path) & anyExecute) != 0;
    }
}
