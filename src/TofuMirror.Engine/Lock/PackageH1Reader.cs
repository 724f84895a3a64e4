using System;
using System.IO;
using System.Threading;
using System.Threading.Tasks;
using TofuMirror.Core;
using TofuMirror.Engine.Progress;
using TofuMirror.Engine.Providers;
using TofuMirror.Engine.Restore;

namespace TofuMirror.Engine.Lock;

/// <summary>
/// The <c>h1:</c> hash of a mirror package: from the push annotation when present, else by downloading the zip
/// (through the blob cache), extracting it and hashing the folder, as OpenTofu records the unpacked directory's h1.
/// </summary>
internal sealed class PackageH1Reader
{
    private readonly BlobCache _cache;
    private readonly IProgress<TransferEvent>? _transfers;

    public PackageH1Reader(BlobCache cache, IProgress<TransferEvent>? transfers = null)
    {
        _cache = cache;
        _transfers = transfers;
    }

    public async Task<(PackageHash H1, H1Source Source)> ReadAsync(ProviderPackageLocation location, CancellationToken cancellationToken)
    {
        if (location.AnnotatedH1 is { } annotated) return (annotated, H1Source.Annotation);

        var (zip, _) = await _cache.GetAsync(location, _transfers, cancellationToken).ConfigureAwait(false);
        var temp = Path.Combine(Path.GetTempPath(), "tofumirror-lock-" + Guid.NewGuid().ToString("N"));
        try
        {
            Directory.CreateDirectory(temp);
            try
            {
                SafeZipExtractor.Extract(zip, temp);
            }
            catch (Exception e) when (e is InvalidDataException or UnsafeZipEntryException)
            {
                throw new ProviderFailure(DiagnosticCodes.InvalidPackage,
                    $"the package for {location.Provider.ForDisplay()} {location.Version} ({location.Platform}) is not a valid provider zip: {e.Message}", e);
            }
            return (PackageHasher.ComputeH1FromDirectory(temp), H1Source.Computed);
        }
        finally
        {
            if (Directory.Exists(temp)) Directory.Delete(temp, recursive: true);
        }
    }
}
