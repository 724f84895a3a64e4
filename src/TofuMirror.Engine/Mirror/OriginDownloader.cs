using System;
using System.IO;
using System.Threading;
using System.Threading.Tasks;
using TofuMirror.Engine.Origin;
using TofuMirror.Engine.Progress;
using TofuMirror.Engine.Restore;
using TofuMirror.Model.Hashing;

namespace TofuMirror.Engine.Mirror;

/// <summary>A package file from the origin: in the download cache already, or a part file beside it until its checks pass.</summary>
internal sealed record FetchedFile(string Path, PackageHash Zh, long Size, bool IsPartFile);

/// <summary>
/// Takes origin packages into the content-addressed download cache (<see cref="BlobCache"/>): streamed to a part file
/// and hashed while they arrive, never whole in memory. A package whose <c>zh:</c> is known beforehand and already
/// cached (intact) is not downloaded again, so an interrupted run resumes where it stopped. A part file becomes a cache
/// entry only through <see cref="Commit"/>, once every check accepted it.
/// </summary>
internal sealed class OriginDownloader(BlobCache cache, IProgress<TransferEvent>? transfers)
{
    public async Task<FetchedFile> FetchAsync(IProviderOrigin origin, OriginPackage package, PackageHash? expectedZh, CancellationToken cancellationToken)
    {
        if (expectedZh is not null && Cached(expectedZh, package.Size) is { } cached) return cached;

        var folder = Path.Combine(cache.Directory, "blobs", "sha256");
        Directory.CreateDirectory(folder);
        var part = Path.Combine(folder, "origin.part-" + Guid.NewGuid().ToString("N"));
        var identity = new PackageIdentity(package.Provider, package.Version, package.Platform);
        try
        {
            return await PackageTransfer.TrackAsync(transfers, identity, TransferDirection.Download, package.Size ?? 0, async transfer =>
            {
                using var file = BlobCache.OpenPartFile(part);
                using var hashing = new Sha256WritingStream(file);
                await origin.DownloadAsync(package, transfer?.CountingWrites(hashing) ?? hashing, cancellationToken).ConfigureAwait(false);
                await file.FlushAsync(cancellationToken).ConfigureAwait(false);
                return new FetchedFile(part, PackageHash.Create(PackageHash.SchemeZip, hashing.HexDigest()), hashing.BytesWritten, IsPartFile: true);
            }).ConfigureAwait(false);
        }
        catch
        {
            Discard(part);
            throw;
        }
    }

    /// <summary>Moves an accepted part file into the cache under its hash; returns the cache path.</summary>
    public string Commit(FetchedFile file)
    {
        if (!file.IsPartFile) return file.Path;
        var path = cache.PathOf(file.Zh);
        File.Move(file.Path, path, overwrite: true);
        return path;
    }

    public static void Discard(FetchedFile file)
    {
        if (file.IsPartFile) Discard(file.Path);
    }

    private static void Discard(string part)
    {
        if (File.Exists(part)) File.Delete(part);
    }

    private FetchedFile? Cached(PackageHash zh, long? size)
    {
        var path = cache.PathOf(zh);
        if (!File.Exists(path)) return null;
        using var verified = cache.TryOpenVerified(zh, size ?? new FileInfo(path).Length);
        return verified is null ? null : new FetchedFile(path, zh, verified.Length, IsPartFile: false);
    }
}
