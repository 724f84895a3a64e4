using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Security.Cryptography;
using System.Threading;
using System.Threading.Tasks;
using TofuMirror.Diagnostics;
using TofuMirror.Engine.Origin;
using TofuMirror.Engine.Progress;
using TofuMirror.Engine.Providers;
using TofuMirror.Engine.Restore;
using TofuMirror.Engine.Trust;
using TofuMirror.Engine.Zip;
using TofuMirror.Model.Diagnostics;
using TofuMirror.Model.Hashing;

namespace TofuMirror.Engine.Lock;

/// <summary>One platform's package, authenticated: its official <c>zh:</c>, its <c>h1:</c> and how both were obtained.</summary>
internal sealed record OriginFetchedPackage(OriginPackage Package, PackageHash Zh, PackageHash H1, H1Source H1Source, PackageAuthentication Authentication);

/// <summary>An origin package failed authentication; <see cref="Diagnostic"/> is the authenticator's error.</summary>
internal sealed class OriginAuthenticationFailure(Diagnostic diagnostic) : Exception(diagnostic.Summary + ": " + diagnostic.Detail)
{
    public Diagnostic Diagnostic { get; } = diagnostic;
}

/// <summary>
/// Fetches and authenticates one provider version's packages from its origin, as <c>tofu providers lock</c> does.
/// When the origin's <c>packages</c> map gives the platform's <c>h1:</c>, nothing is downloaded: the map's entry, the
/// <c>shasum</c>, the SHA256SUMS line and its signature are checked together and the reported <c>h1:</c> is taken.
/// Otherwise the zip is taken from the download cache when it holds the <c>shasum</c>'s blob intact (a re-run or an
/// interrupted run downloads nothing twice), else streamed into a part file there (hashed as it arrives); either way it
/// is authenticated in OpenTofu's order, unpacked to compute its <c>h1:</c> and kept in the cache under its <c>zh:</c>. The signed
/// SHA256SUMS and its signature are fetched once per release.
/// </summary>
internal sealed class OriginPackageFetcher(
    IProviderOrigin origin, BlobCache cache, PackageAuthenticationOptions options, TimeProvider clock, IProgress<TransferEvent>? transfers = null)
{
    private readonly Dictionary<Uri, byte[]?> _documents = new();

    public async Task<OriginFetchedPackage> FetchAsync(OriginPackage package, CancellationToken cancellationToken)
    {
        var shaSums = await DocumentAsync(package.Signature?.ShaSumsUrl, cancellationToken).ConfigureAwait(false);
        var signature = await DocumentAsync(package.Signature?.SignatureUrl, cancellationToken).ConfigureAwait(false);

        if (ReportedH1(package) is { } reportedH1)
        {
            var size = package.ReportedHashes[package.Platform].PackageSize ?? -1;
            var claimed = Authenticate(package, package.Shasum ?? "", size, shaSums, signature);
            return new OriginFetchedPackage(package, ZipHash(package.Shasum!), reportedH1, H1Source.OriginReported, claimed);
        }

        if (OpenCached(package) is { } cached)
        {
            using (cached)
            {
                var authentication = Authenticate(package, package.Shasum!, cached.Length, shaSums, signature);
                return new OriginFetchedPackage(package, ZipHash(package.Shasum!), UnpackedH1Of(cached, package), H1Source.Computed, authentication);
            }
        }

        var part = Path.Combine(cache.Directory, "blobs", "sha256", "origin-" + Guid.NewGuid().ToString("N") + ".part");
        Directory.CreateDirectory(Path.GetDirectoryName(part)!);
        try
        {
            var (sha256, length) = await DownloadAsync(package, part, cancellationToken).ConfigureAwait(false);
            var authentication = Authenticate(package, sha256, length, shaSums, signature);
            var zh = ZipHash(sha256);
            PackageHash h1;
            using (var zip = File.OpenRead(part)) h1 = UnpackedH1Of(zip, package);
            File.Move(part, cache.PathOf(zh), overwrite: true);
            return new OriginFetchedPackage(package, zh, h1, H1Source.Computed, authentication);
        }
        finally
        {
            if (File.Exists(part)) File.Delete(part);
        }
    }

    private PackageAuthentication Authenticate(OriginPackage package, string sha256, long size, byte[]? shaSums, byte[]? signature)
    {
        var result = PackageAuthenticator.Authenticate(package, sha256, size, shaSums, signature, options, clock.GetUtcNow());
        if (result.Error is { } error) throw new OriginAuthenticationFailure(error);
        return result;
    }

    /// <summary>The first <c>h1:</c> the origin's <c>packages</c> map reports for the package's platform, if any.</summary>
    private static PackageHash? ReportedH1(OriginPackage package) =>
        package.ReportedHashes.TryGetValue(package.Platform, out var entry)
            ? entry.Hashes.FirstOrDefault(h => h.Scheme == PackageHash.SchemeH1)
            : null;

    private async Task<byte[]?> DocumentAsync(Uri? url, CancellationToken cancellationToken)
    {
        if (url is null) return null;
        if (_documents.TryGetValue(url, out var known)) return known;
        var body = await origin.FetchDocumentAsync(url, cancellationToken).ConfigureAwait(false)
            ?? throw new OriginException(DiagnosticCodes.OriginNotFound, $"{origin.DisplayName}: {url} answered 404 Not Found");
        _documents[url] = body;
        return body;
    }

    private async Task<(string Sha256, long Length)> DownloadAsync(OriginPackage package, string part, CancellationToken cancellationToken)
    {
        using var sha256 = SHA256.Create();
        await using var file = BlobCache.OpenPartFile(part);
        var identity = new PackageIdentity(package.Provider, package.Version, package.Platform);
        var expectedSize = package.Size ?? (package.ReportedHashes.TryGetValue(package.Platform, out var reported) ? reported.PackageSize : null) ?? 0;
        await PackageTransfer.TrackAsync(transfers, identity, TransferDirection.Download, expectedSize, async transfer =>
        {
            await using var hashing = new CryptoStream(transfer?.CountingWrites(file) ?? file, sha256, CryptoStreamMode.Write, leaveOpen: true);
            await origin.DownloadAsync(package, hashing, cancellationToken).ConfigureAwait(false);
            await hashing.FlushFinalBlockAsync(cancellationToken).ConfigureAwait(false);
            return true;
        }).ConfigureAwait(false);
        return (Convert.ToHexString(sha256.Hash!).ToLowerInvariant(), file.Length);
    }

    /// <summary>The cached blob named by the origin's <c>shasum</c>, re-hashed; null when absent, damaged or the shasum is no SHA-256.</summary>
    private FileStream? OpenCached(OriginPackage package)
    {
        // The shasum is the origin's text and becomes a file name: only a SHA-256 in hex may.
        if (package.Shasum is not { Length: 64 } shasum || !shasum.All(char.IsAsciiHexDigit)) return null;
        var zh = ZipHash(shasum);
        var path = cache.PathOf(zh);
        return File.Exists(path) ? cache.TryOpenVerified(zh, new FileInfo(path).Length) : null;
    }

    private static PackageHash UnpackedH1Of(Stream zip, OriginPackage package)
    {
        try
        {
            return UnpackedH1.OfZip(zip);
        }
        catch (Exception e) when (e is InvalidDataException or UnsafeZipEntryException or ZipLimitExceededException)
        {
            throw new ProviderFailure(DiagnosticCodes.InvalidPackage,
                $"the package for {package.Provider.ForDisplay()} {package.Version} ({package.Platform}) from {package.DownloadUrl} is not a valid provider zip: {e.Message}", e);
        }
    }

    private static PackageHash ZipHash(string sha256) => PackageHash.Create(PackageHash.SchemeZip, sha256.ToLowerInvariant());
}
