using System;
using System.IO;
using System.Text;

namespace TofuMirror.Engine;

/// <summary>Whole-file writes that are never seen half-done: write a temp file beside the target, then rename over it.</summary>
public static class AtomicFile
{
    private static readonly Encoding Utf8NoBom = new UTF8Encoding(false);

    /// <summary>Writes <paramref name="text"/> (UTF-8, no BOM) unless the file already holds exactly that. Returns true when written.</summary>
    public static bool WriteAllTextIfChanged(string path, string text)
    {
        var bytes = Utf8NoBom.GetBytes(text);
        if (File.Exists(path) && SameContent(path, bytes)) return false;
        WriteAllBytes(path, bytes);
        return true;
    }

    /// <summary>
    /// Writes <paramref name="bytes"/> through a temp file renamed over <paramref name="path"/>; <paramref name="durable"/>
    /// also flushes them to disk before the rename (for files worth a disk round trip: lock files, stamps, manifests).
    /// </summary>
    public static void WriteAllBytes(string path, byte[] bytes, bool durable = true)
    {
        var directory = Path.GetDirectoryName(Path.GetFullPath(path))!;
        Directory.CreateDirectory(directory);
        var temp = Path.Combine(directory, $".{Path.GetFileName(path)}.{Guid.NewGuid():N}.tmp");
        try
        {
            using (var stream = new FileStream(temp, FileMode.CreateNew, FileAccess.Write, FileShare.None))
            {
                stream.Write(bytes, 0, bytes.Length);
                stream.Flush(flushToDisk: durable);
            }
            File.Move(temp, path, overwrite: true);
        }
        finally
        {
            if (File.Exists(temp)) File.Delete(temp);
        }
    }

    private static bool SameContent(string path, byte[] bytes)
    {
        var info = new FileInfo(path);
        return info.Length == bytes.Length && File.ReadAllBytes(path).AsSpan().SequenceEqual(bytes);
    }
}
