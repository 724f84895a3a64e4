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

    /// <summary>The cached zip with this hash, re-hashed to be sure it is intact; a damaged file is deleted and null returned.</summary>
    public string? TryGetVerified(PackageHash zh, long size)
    {
        var path = PathOf(zh);
        if (!File.Exists(path)) return null;
        if (new FileInfo(path).Length == size && PackageHasher.ComputeZipHash(path).Equals(zh)) return path;
        File.Delete(path); // damaged or tampered: fetch again
        return null;
    }

    /// <summary>
    /// The verified zip for <paramref name="location"/>: from the cache when present and still intact, else
    /// downloaded (streamed, digest and size verified) into it. Returns the path and whether it was downloaded.
    /// </summary>
    public Task<(string Path, bool Downloaded)> GetAsync(ProviderPackageLocation location, CancellationToken cancellationToken) =>
        GetAsync(location, null, cancellationToken);

    /// <summary>As <see cref="GetAsync(ProviderPackageLocation, CancellationToken)"/>, reporting a download to <paramref name="transfers"/>.</summary>
    public async Task<(string Path, bool Downloaded)> GetAsync(ProviderPackageLocation location, IProgress<TransferEvent>? transfers, CancellationToken cancellationToken)
    {
        if (TryGetVerified(location.Zh, location.Layer.Size) is { } cached) return (cached, false);
        var path = PathOf(location.Zh);
        System.IO.Directory.CreateDirectory(System.IO.Path.GetDirectoryName(path)!);
        var package = new PackageIdentity(location.Provider, location.Version, location.Platform);
        await PackageTransfer.TrackAsync(transfers, package, TransferDirection.Download, location.Layer.Size,
            transfer => DownloadAsync(location, path, transfer, cancellationToken)).ConfigureAwait(false);
        return (path, true);
    }

    private static async Task<bool> DownloadAsync(ProviderPackageLocation location, string path, PackageTransfer? transfer, CancellationToken cancellationToken)
    {
        if (transfer is null)
        {
            await location.Store.FetchBlobToFileAsync(location.Layer, path, cancellationToken).ConfigureAwait(false);
            return true;
        }
        // As FetchBlobToFileAsync does: a part file beside the target, renamed in only once the store has verified it.
        var part = path + ".part-" + Guid.NewGuid().ToString("N");
        try
        {
            using (var file = new FileStream(part, FileMode.CreateNew, FileAccess.Write, FileShare.None, 1))
                await location.Store.FetchBlobAsync(location.Layer, transfer.CountingWrites(file), cancellationToken).ConfigureAwait(false);
            File.Move(part, path, overwrite: true);
            return true;
        }
        finally
        {
            if (File.Exists(part)) File.Delete(part);
        }
    }
}
