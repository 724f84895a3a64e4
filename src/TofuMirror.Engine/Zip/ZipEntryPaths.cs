using System;
using System.IO;

namespace TofuMirror.Engine.Zip;

/// <summary>
/// The rules every extractor applies to a zip entry: where its name may land (nothing absolute, no drive letter,
/// no <c>..</c> segment, nothing outside the target) and which Unix execute bits it carries. Names are normalised as
/// OpenTofu's extraction (Go's <c>filepath.Join</c>) places them: empty and <c>.</c> segments dropped, so
/// <c>./x</c>, <c>a//b</c> and <c>a/.</c> are <c>x</c>, <c>a/b</c> and <c>a</c>, and the <c>h1:</c> is hashed under
/// the name the file has on disk.
/// </summary>
internal static class ZipEntryPaths
{
    /// <summary>
    /// The full path <paramref name="entryName"/> extracts to under <paramref name="root"/> (a full path), or throws;
    /// <paramref name="name"/> is the normalised entry name with <c>/</c> separators, ending in <c>/</c> for a directory.
    /// </summary>
    public static string Resolve(string root, string entryName, out string name)
    {
        name = CheckEntryName(entryName);
        var fullPath = Path.GetFullPath(Path.Combine(root, name.Replace('/', Path.DirectorySeparatorChar)));
        if (!IsInside(root, fullPath))
            throw new UnsafeZipEntryException(entryName, "it would be written outside the target directory");
        return fullPath;
    }

    /// <summary>Returns the normalised entry name with <c>/</c> separators, or throws when it could escape.</summary>
    private static string CheckEntryName(string entryName)
    {
        var name = entryName.Replace('\\', '/');
        if (name.Length == 0 || name.IndexOf('\0') >= 0)
            throw new UnsafeZipEntryException(entryName, "the name is empty or contains a NUL character");
        if (name[0] == '/')
            throw new UnsafeZipEntryException(entryName, "it is an absolute path");
        if (name.Length >= 2 && name[1] == ':' && char.IsLetter(name[0]))
            throw new UnsafeZipEntryException(entryName, "it starts with a drive letter");
        var segments = name.Split('/');
        if (Array.IndexOf(segments, "..") >= 0)
            throw new UnsafeZipEntryException(entryName, "it contains a \"..\" segment");
        var isDirectory = name.EndsWith("/", StringComparison.Ordinal);
        var normalised = string.Join("/", Array.FindAll(segments, s => s.Length > 0 && s != "."));
        if (normalised.Length == 0)
        {
            if (isDirectory) return "./"; // the target folder itself: nothing to create
            throw new UnsafeZipEntryException(entryName, "it names the target folder itself, not a file in it");
        }
        return isDirectory ? normalised + "/" : normalised;
    }

    private static bool IsInside(string root, string fullPath)
    {
        var prefix = root.EndsWith(Path.DirectorySeparatorChar.ToString(), StringComparison.Ordinal)
            ? root
            : root + Path.DirectorySeparatorChar;
        var comparison = Path.DirectorySeparatorChar == '\\' ? StringComparison.OrdinalIgnoreCase : StringComparison.Ordinal;
        return fullPath.StartsWith(prefix, comparison) || string.Equals(fullPath, root, comparison);
    }

    /// <summary>Adds the execute bits of a central-directory entry's external attributes to the extracted file (Unix only).</summary>
    public static void ApplyExecutableBits(int externalAttributes, string fullPath)
    {
#if NET
        if (OperatingSystem.IsWindows()) return;
        // The high 16 bits of the external attributes hold the Unix mode when the zip was made on Unix.
        var executeBits = (UnixFileMode)((externalAttributes >> 16) & 0b001_001_001);
        if (executeBits == UnixFileMode.None) return;
        File.SetUnixFileMode(fullPath, File.GetUnixFileMode(fullPath) | executeBits);
#else
        // netstandard2.0 has neither ZipArchiveEntry.ExternalAttributes nor File.SetUnixFileMode.
        _ = externalAttributes;
        _ = fullPath;
#endif
    }
}
