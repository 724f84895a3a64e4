using System;
using System.IO;
using TofuMirror.Engine.Hashing;
using TofuMirror.Engine.Zip;
using TofuMirror.Model.Hashing;

namespace TofuMirror.Engine.Providers;

/// <summary>
/// The <c>h1:</c> OpenTofu records for a zip: that of the folder it unpacks to (which differs from hashing the zip's
/// entries when the zip has directory entries).
/// </summary>
internal static class UnpackedH1
{
    /// <summary>Unpacks <paramref name="zipPath"/> into a temporary folder and hashes it; throws <see cref="InvalidDataException"/>, <see cref="UnsafeZipEntryException"/> or <see cref="ZipLimitExceededException"/> for a bad zip.</summary>
    public static PackageHash OfZip(string zipPath)
    {
        using var zip = new FileStream(zipPath, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 18, FileOptions.RandomAccess);
        return OfZip(zip);
    }

    /// <summary>As <see cref="OfZip(string)"/>, from a seekable stream (left open).</summary>
    public static PackageHash OfZip(Stream zip)
    {
        var temp = Path.Combine(Path.GetTempPath(), "tofumirror-h1-" + Guid.NewGuid().ToString("N"));
        try
        {
            Directory.CreateDirectory(temp);
            SafeZipExtractor.Extract(zip, temp);
            return PackageHasher.ComputeH1FromDirectory(temp);
        }
        finally
        {
            if (Directory.Exists(temp)) Directory.Delete(temp, recursive: true);
        }
    }
}
