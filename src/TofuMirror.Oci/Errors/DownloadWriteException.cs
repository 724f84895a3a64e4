using System;
using System.IO;

namespace TofuMirror.Oci;

/// <summary>
/// Writing a download to its local destination failed: a problem of this machine's disk, not of the registry, so
/// the download is not resumed and the registry is not blamed. A full disk says so and names the file.
/// </summary>
public sealed class DownloadWriteException : IOException
{
    private DownloadWriteException(string message, IOException inner) : base(message, inner) => HResult = inner.HResult;

    public static DownloadWriteException For(string path, IOException error) =>
        error as DownloadWriteException ?? new DownloadWriteException(
            IsDiskFull(error) ? $"no space left on device writing {path}" : $"cannot write {path}: {error.Message}", error);

    /// <summary>ENOSPC or EDQUOT on Unix (.NET keeps the errno as the HResult), ERROR_DISK_FULL or ERROR_HANDLE_DISK_FULL on Windows.</summary>
    public static bool IsDiskFull(IOException error) =>
        OperatingSystem.IsWindows()
            ? (error.HResult & 0xFFFF) is 0x70 or 0x27
            : error.HResult is 28 or 122 || error.Message.Contains("No space left on device", StringComparison.OrdinalIgnoreCase);
}
