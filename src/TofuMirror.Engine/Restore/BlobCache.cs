using System;
using System.IO;
using System.Threading;
using System.Threading.Tasks;
using TofuMirror.Model;
using TofuMirror.Engine.Providers;
using TofuMirror.Engine.Hashing;

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
    public async Task<(string Path, bool Downloaded)> GetAsync(ProviderPackageLocation location, CancellationToken cancellationToken)
    {
        if (TryGetVerified(location.Zh, location.Layer.Size) is { } cached) return (cached, false);
        var path = PathOf(location.Zh);
        System.IO.Directory.CreateDirectory(System.IO.Path.GetDirectoryName(path)!);
        await location.Store.FetchBlobToFileAsync(location.Layer, path, cancellationToken).ConfigureAwait(false);
        return (path, true);
    }
}
