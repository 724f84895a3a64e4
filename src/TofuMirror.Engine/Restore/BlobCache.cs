using System;
using System.IO;
using System.Threading;
using System.Threading.Tasks;
using TofuMirror.Engine.Progress;
using TofuMirror.Engine.Providers;
using TofuMirror.Engine.Hashing;
using TofuMirror.Model.Addresses;
using TofuMirror.Model.Hashing;
using TofuMirror.Model.Packages;
using TofuMirror.Model.Platforms;
using TofuMirror.Model.Versions;

namespace TofuMirror.Engine.Restore;

/// <summary>
/// A content-addressed download cache shared by modules, builds and processes: <c>blobs/sha256/HEX</c>.
/// Files appear only once verified (the store downloads to a temp file and renames), so concurrent
/// restores of the same blob are safe: the last rename wins with identical bytes.
/// </summary>
public sealed class BlobCache
{
    public BlobCache(string directory) => Directory = Path.GetFullPath(directory);

    public string Directory { get; }

    /// <summary>The default: <c>$XDG_CACHE_HOME/tofumirror</c>, <c>~/.cache/tofumirror</c>, or <c>%LOCALAPPDATA%\tofumirror</c>.</summary>
    public static string DefaultDirectory(Func<string, string?> environment)
    {
        if (OperatingSystem.IsWindows())
            return Path.Combine(environment("LOCALAPPDATA") ?? Environment.GetFolderPath(Environment.SpecialFolder.LocalApplicationData), "tofumirror", "cache");
        var xdg = environment("XDG_CACHE_HOME");
        var root = !string.IsNullOrEmpty(xdg) ? xdg! : Path.Combine(environment("HOME") ?? Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".cache");
        return Path.Combine(root, "tofumirror");
    }

    public string PathOf(PackageHash zh) => Path.Combine(Directory, "blobs", "sha256", zh.Value);

    /// <summary>
    /// Where the cache remembers which blob (and which OCI artifacts) a provider package was: lets a restore whose lock
    /// file vouches for that blob's <c>zh:</c> install from the cache without asking the registry.
    /// </summary>
    public string RecordPath(ProviderAddress provider, ProviderVersion version, Platform platform) =>
        Path.Combine(Directory, "packages", FilesystemMirrorLayout.UnpackedRelativePath(provider, version, platform) + ".json");

    /// <summary>
    /// The cached zip with this hash, open and re-hashed through that same handle (positioned at its start), so what is
    /// extracted next is exactly what was verified even if the cache file is replaced meanwhile; a damaged file is
    /// deleted and null returned. The caller disposes the stream.
    /// </summary>
    public FileStream? TryOpenVerified(PackageHash zh, long size)
    {
        var path = PathOf(zh);
        FileStream zip;
        try
        {
            // Shared for delete: other restores may still rename a fresh copy over this name while it is open.
            zip = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read | FileShare.Delete, 1 << 18, FileOptions.RandomAccess);
        }
        catch (Exception e) when (e is FileNotFoundException or DirectoryNotFoundException)
        {
            return null;
        }
        if (zip.Length == size && PackageHasher.ComputeZipHash(zip).Equals(zh))
        {
            zip.Position = 0;
            return zip;
        }
        zip.Dispose();
        File.Delete(path); // damaged or tampered: fetch again
        return null;
    }

    /// <summary>
    /// The verified zip for <paramref name="location"/>, open: from the cache when present and still intact, else
    /// downloaded (streamed, digest and size verified) into it and kept open from the file the download wrote. Returns
    /// the stream (the caller disposes it) and whether it was downloaded.
    /// </summary>
    public async Task<(FileStream Zip, bool Downloaded)> OpenAsync(ProviderPackageLocation location, IProgress<TransferEvent>? transfers, CancellationToken cancellationToken)
    {
        if (TryOpenVerified(location.Zh, location.Layer.Size) is { } cached) return (cached, false);
        var path = PathOf(location.Zh);
        System.IO.Directory.CreateDirectory(System.IO.Path.GetDirectoryName(path)!);
        var package = new PackageIdentity(location.Provider, location.Version, location.Platform);
        var zip = await PackageTransfer.TrackAsync(transfers, package, TransferDirection.Download, location.Layer.Size,
            transfer => DownloadAsync(location, path, transfer, cancellationToken)).ConfigureAwait(false);
        return (zip, true);
    }

    private static async Task<FileStream> DownloadAsync(ProviderPackageLocation location, string path, PackageTransfer? transfer, CancellationToken cancellationToken)
    {
        // A part file beside the target, renamed in only once the store has verified what was written through this
        // handle, which stays open for the caller to read back.
        var part = path + ".part-" + Guid.NewGuid().ToString("N");
        var file = OpenPartFile(part);
        try
        {
            Stream sink = file;
            await location.Store.FetchBlobAsync(location.Layer, transfer?.CountingWrites(sink) ?? sink, cancellationToken).ConfigureAwait(false);
            file.Flush();
            File.Move(part, path, overwrite: true);
            file.Position = 0;
            return file;
        }
        catch
        {
            file.Dispose();
            throw;
        }
        finally
        {
            if (File.Exists(part)) File.Delete(part);
        }
    }

    /// <summary>A new part file, writable and later readable through the same handle, which may be renamed while open.</summary>
    internal static FileStream OpenPartFile(string part) =>
        new(part, FileMode.CreateNew, FileAccess.ReadWrite, FileShare.Read | FileShare.Delete, 1 << 18);
}
