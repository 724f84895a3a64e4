using System;
using System.Collections.Generic;
using System.IO;

namespace TofuMirror.Engine.Restore;

/// <summary>
/// The sizes and modification times of an installed package's files: recorded in the install stamp after an install,
/// and compared by a no-op restore, which costs a directory listing and a stat per file rather than re-hashing them.
/// </summary>
public static class InstalledFiles
{
    /// <summary>The files of an unpacked folder (paths relative, with <c>/</c>, sorted) or the single packed zip.</summary>
    public static IReadOnlyList<InstalledFile> Snapshot(string target, OutputLayout layout)
    {
        var files = new List<InstalledFile>();
        if (layout == OutputLayout.Packed)
        {
            var zip = new FileInfo(target);
            files.Add(Of(zip.Name, zip));
        }
        else
        {
            Collect(new DirectoryInfo(target), "", files);
            files.Sort((a, b) => string.CompareOrdinal(a.Path, b.Path));
        }
        return files;
    }

    /// <summary>True when the installed files are exactly those recorded, with the same sizes and times; false when anything differs or cannot be read.</summary>
    public static bool Unchanged(string target, OutputLayout layout, IReadOnlyList<InstalledFile>? recorded)
    {
        if (recorded is null) return false;
        try
        {
            var now = Snapshot(target, layout);
            if (now.Count != recorded.Count) return false;
            for (var i = 0; i < now.Count; i++)
                if (now[i] != recorded[i]) return false;
            return true;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return false;
        }
    }

    private static void Collect(DirectoryInfo directory, string prefix, List<InstalledFile> files)
    {
        foreach (var entry in directory.EnumerateFileSystemInfos())
        {
            if (entry is DirectoryInfo subdirectory && (entry.Attributes & FileAttributes.ReparsePoint) == 0)
                Collect(subdirectory, prefix + entry.Name + "/", files);
            else if (entry is FileInfo file)
                files.Add(Of(prefix + entry.Name, file));
            else
                files.Add(new InstalledFile(prefix + entry.Name, -1, entry.LastWriteTimeUtc.Ticks));
        }
    }

    private static InstalledFile Of(string path, FileInfo file) => new(path, file.Length, file.LastWriteTimeUtc.Ticks);
}
