using System;
using System.IO;
using System.Threading;
using System.Threading.Tasks;
using TofuMirror.Core;
using TofuMirror.Engine.Providers;

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
    /// The verified zip for <paramref name="location"/>: from the cache when present and still intact, else
    /// downloaded (streamed, digest and size verified) into it. Returns the path and whether it was downloaded.
    /// </summary>
    public async Task<(string Path, bool Downloaded)> GetAsync(ProviderPackageLocation location, CancellationToken cancellationToken)
    {
        var path = PathOf(location.Zh);
        if (File.Exists(path))
        {
            if (new FileInfo(path).Length == location.Layer.Size && PackageHasher.ComputeZipHash(path).Equals(location.Zh))
                return (path, false);
            File.Delete(path); // damaged or tampered: fetch again
        }
        System.IO.Directory.CreateDirectory(System.IO.Path.GetDirectoryName(path)!);
        await location.Store.FetchBlobToFileAsync(location.Layer, path, cancellationToken).ConfigureAwait(false);
        return (path, true);
    }
}
