using System;
using System.IO;
using Microsoft.Extensions.Logging;

namespace TofuMirror.Engine.Restore;

/// <summary>
/// Removes what a restore killed hard leaves behind. In the output folder (called while its lock is held, so no
/// other restore is using it): everything under <c>.tofumirror/tmp</c> (staging folders, <c>old-*</c> installs) and
/// <see cref="AtomicFile"/> temp files. In the download cache, which restores into other folders share without a
/// lock: only <c>*.part-*</c> files no live download holds open and nothing wrote to for <see cref="CacheGrace"/>.
/// </summary>
internal static class LeftoverSweeper
{
    /// <summary>A live download writes every few seconds (a body idle for 30 s fails): an hour of silence is a dead one.</summary>
    public static readonly TimeSpan CacheGrace = TimeSpan.FromHours(1);

    public static void SweepOutput(string outputDirectory, ILogger logger)
    {
        var state = Path.Combine(outputDirectory, ".tofumirror");
        var tmp = Path.Combine(state, "tmp");
        if (Directory.Exists(tmp))
        {
            foreach (var entry in new DirectoryInfo(tmp).EnumerateFileSystemInfos()) TryDelete(entry, logger);
        }
        foreach (var directory in new[] { outputDirectory, state })
        {
            if (!Directory.Exists(directory)) continue;
            foreach (var file in new DirectoryInfo(directory).EnumerateFiles(".*.tmp")) TryDelete(file, logger);
        }
    }

    public static void SweepCache(string cacheDirectory, ILogger logger)
    {
        var blobs = Path.Combine(cacheDirectory, "blobs", "sha256");
        if (!Directory.Exists(blobs)) return;
        var cutoff = DateTime.UtcNow - CacheGrace;
        foreach (var part in new DirectoryInfo(blobs).EnumerateFiles("*.part-*"))
        {
            if (part.LastWriteTimeUtc > cutoff || IsHeldOpen(part)) continue;
            TryDelete(part, logger);
        }
    }

    /// <summary>Downloads hold their part file open without sharing; opening it the same way fails while they run.</summary>
    private static bool IsHeldOpen(FileInfo file)
    {
        try
        {
            using var probe = new FileStream(file.FullName, FileMode.Open, FileAccess.ReadWrite, FileShare.None, 1);
            return false;
        }
        catch (IOException)
        {
            return true;
        }
        catch (UnauthorizedAccessException)
        {
            return true;
        }
    }

    private static void TryDelete(FileSystemInfo entry, ILogger logger)
    {
        try
        {
            if (entry is DirectoryInfo directory) directory.Delete(recursive: true);
            else entry.Delete();
            logger.LogDebug("Removed leftover {Path}", entry.FullName);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // Still in use (Windows keeps running executables locked): a later restore tries again.
        }
    }
}
