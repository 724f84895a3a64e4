using System.Collections.Generic;
using System.Linq;
using System.Text;

namespace TofuMirror.Model.CliConfig;

/// <summary>Go <c>path/filepath</c>-style path helpers for either OS family, independent of the host OS.</summary>
public static class CliPaths
{
    /// <summary>Joins non-empty parts with the OS separator and cleans the result (like <c>filepath.Join</c>).</summary>
    public static string Join(bool windows, params string[] parts)
    {
        var sep = windows ? "\\" : "/";
        var joined = string.Join(sep, parts.Where(p => !string.IsNullOrEmpty(p)));
        return joined.Length == 0 ? "" : Clean(windows, joined);
    }

    /// <summary>True when the path is absolute for the OS family.</summary>
    public static bool IsAbsolute(bool windows, string path)
    {
        if (!windows) return path.StartsWith("/", System.StringComparison.Ordinal);
        if (path.StartsWith("\\\\", System.StringComparison.Ordinal) || path.StartsWith("//", System.StringComparison.Ordinal)) return true;
        return path.Length >= 3 && char.IsLetter(path[0]) && path[1] == ':' && path[2] is '\\' or '/';
    }

    /// <summary>The directory part of a path (like <c>filepath.Dir</c>).</summary>
    public static string Directory(bool windows, string path)
    {
        var volume = VolumeName(windows, path);
        var i = path.Length - 1;
        while (i >= volume.Length && !IsSeparator(windows, path[i])) i--;
        var dir = Clean(windows, path.Substring(volume.Length, i + 1 - volume.Length));
        if (dir == "." && volume.Length > 0) return volume;
        return volume + dir;
    }

    /// <summary>
    /// Lexical clean-up like Go's <c>filepath.Clean</c>: collapses separators, removes <c>.</c> and resolves
    /// <c>..</c> against preceding names; an empty result is <c>.</c>. Windows paths use backslashes.
    /// </summary>
    public static string Clean(bool windows, string path)
    {
        var volume = VolumeName(windows, path);
        var rest = path.Substring(volume.Length);
        var sep = windows ? '\\' : '/';
        if (rest.Length == 0) return volume.Length > 0 && windows && volume.Length == 2 ? volume + "." : volume.Length > 0 ? volume : ".";
        var rooted = IsSeparator(windows, rest[0]);
        var parts = new List<string>();
        foreach (var part in rest.Split(windows ? new[] { '\\', '/' } : new[] { '/' }))
        {
            if (part.Length == 0 || part == ".") continue;
            if (part == "..")
            {
                if (parts.Count > 0 && parts[parts.Count - 1] != "..") parts.RemoveAt(parts.Count - 1);
                else if (!rooted) parts.Add("..");
                continue;
            }
            parts.Add(part);
        }
        var sb = new StringBuilder(volume);
        if (rooted) sb.Append(sep);
        sb.Append(string.Join(sep.ToString(), parts));
        var result = sb.ToString();
        return result.Length == volume.Length ? result + "." : result;
    }

    private static bool IsSeparator(bool windows, char c) => c == '/' || (windows && c == '\\');

    private static string VolumeName(bool windows, string path)
    {
        if (!windows) return "";
        if (path.Length >= 2 && char.IsLetter(path[0]) && path[1] == ':') return path.Substring(0, 2);
        return "";
    }
}
