using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using TofuMirror.Engine.Packages;
using TofuMirror.Engine.Push;
using TofuMirror.Model.Addresses;
using TofuMirror.Model.Hashing;
using TofuMirror.Model.Packages;
using TofuMirror.Model.Platforms;
using TofuMirror.Model.Versions;

namespace TofuMirror.Engine.Origin;

/// <summary>
/// A local folder as origin: what <c>tofu providers mirror</c> writes (packed zips beside <c>index.json</c> and
/// <c>VERSION.json</c>), or any filesystem mirror (packed or unpacked, as <c>push</c> reads it). The hashes a
/// <c>VERSION.json</c> lists (OpenTofu 1.12: every trusted <c>h1:</c> and <c>zh:</c>) are its reported hashes; an
/// unpacked folder is served as the deterministic zip <c>push</c> makes of it, so only its <c>h1:</c> can be reported.
/// A folder has no <c>shasum</c> and no signature.
/// </summary>
public sealed class FolderProviderOrigin : IProviderOrigin
{
    private readonly string _folder;
    private readonly Lazy<IReadOnlyList<MirrorPackage>> _packages;

    public FolderProviderOrigin(string folder)
    {
        _folder = Path.GetFullPath(folder);
        _packages = new Lazy<IReadOnlyList<MirrorPackage>>(Scan);
    }

    public string DisplayName => "folder " + _folder;

    /// <summary>What the scan ignored (files that do not fit the layout).</summary>
    public IReadOnlyList<string> Warnings { get; private set; } = [];

    public Task<IReadOnlyList<OriginVersion>> ListVersionsAsync(ProviderAddress provider, CancellationToken cancellationToken)
    {
        IReadOnlyList<OriginVersion> versions = _packages.Value
            .Where(p => p.Address == provider)
            .GroupBy(p => p.Version)
            .OrderBy(g => g.Key)
            .Select(g => new OriginVersion(g.Key, [], g.Select(p => p.Platform).Distinct().OrderBy(p => p).ToList()))
            .ToList();
        return Task.FromResult(versions);
    }

    public Task<OriginPackage?> FindPackageAsync(ProviderAddress provider, ProviderVersion version, Platform platform, CancellationToken cancellationToken)
    {
        // A packed zip and an unpacked folder of the same package: the zip is served (its zh: is upstream's), as push does.
        var package = _packages.Value
            .Where(p => p.Address == provider && p.Version.Equals(version) && p.Platform.Equals(platform))
            .OrderBy(p => p.Kind == MirrorPackageKind.Packed ? 0 : 1)
            .FirstOrDefault();
        return Task.FromResult(package is null ? null : Describe(package));
    }

    public async Task DownloadAsync(OriginPackage package, Stream destination, CancellationToken cancellationToken)
    {
        var path = package.DownloadUrl.LocalPath;
        if (File.Exists(path))
        {
            using var zip = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 18, FileOptions.SequentialScan);
            await zip.CopyToAsync(destination, cancellationToken).ConfigureAwait(false);
            return;
        }
        if (!Directory.Exists(path))
            throw new OriginException(Model.Diagnostics.DiagnosticCodes.FileNotReadable,
                $"{package.Provider.ForDisplay()} {package.Version} for {package.Platform}: {path} is gone from {DisplayName}.");
        var temp = Path.Combine(Path.GetTempPath(), $"tofumirror-origin-{Guid.NewGuid():N}.zip");
        try
        {
            DeterministicZip.Create(path, temp);
            using var zip = new FileStream(temp, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 18, FileOptions.SequentialScan);
            await zip.CopyToAsync(destination, cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            File.Delete(temp);
        }
    }

    /// <summary>A folder has no checksum or signature documents.</summary>
    public Task<byte[]?> FetchDocumentAsync(Uri url, CancellationToken cancellationToken) => Task.FromResult<byte[]?>(null);

    private IReadOnlyList<MirrorPackage> Scan()
    {
        if (!Directory.Exists(_folder))
            throw new OriginException(Model.Diagnostics.DiagnosticCodes.FileNotReadable,
                $"{_folder} does not exist: --from-folder needs a folder `tofu providers mirror` wrote (HOST/NAMESPACE/TYPE/…).");
        var scan = FilesystemMirrorScanner.Scan(_folder);
        Warnings = scan.Warnings;
        return scan.Packages;
    }

    private static OriginPackage Describe(MirrorPackage package)
    {
        var packed = package.Kind == MirrorPackageKind.Packed;
        var reported = ReportedHashes(package, packed);
        return new OriginPackage(
            package.Address,
            package.Version,
            package.Platform,
            ProviderZipFileName.Format(package.Address.Type, package.Version, package.Platform),
            new Uri(package.Path),
            Shasum: null,
            Size: packed ? new FileInfo(package.Path).Length : null,
            reported,
            Signature: null);
    }

    /// <summary>The hashes the provider folder's <c>VERSION.json</c> lists, per platform (only <c>h1:</c> for an unpacked package).</summary>
    private static IReadOnlyDictionary<Platform, OriginPlatformHashes> ReportedHashes(MirrorPackage package, bool packed)
    {
        var providerFolder = packed ? Path.GetDirectoryName(package.Path)! : Path.GetDirectoryName(Path.GetDirectoryName(package.Path))!;
        var indexPath = Path.Combine(providerFolder, package.Version + ".json");
        if (!File.Exists(indexPath)) return new Dictionary<Platform, OriginPlatformHashes>();
        var index = MirrorVersionIndex.Read(indexPath);
        var hashes = index.HashesFor(package.Platform)
            .Where(h => packed || h.Scheme == PackageHash.SchemeH1)
            .ToList();
        return new Dictionary<Platform, OriginPlatformHashes> { [package.Platform] = new OriginPlatformHashes(hashes, null) };
    }
}
