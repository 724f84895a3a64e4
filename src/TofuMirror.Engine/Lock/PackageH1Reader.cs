using System;
using System.IO;
using System.Threading;
using System.Threading.Tasks;
using TofuMirror.Engine.Progress;
using TofuMirror.Engine.Providers;
using TofuMirror.Engine.Restore;
using TofuMirror.Engine.Hashing;
using TofuMirror.Engine.Zip;
using TofuMirror.Model.Diagnostics;
using TofuMirror.Model.Hashing;
using TofuMirror.Model.Platforms;

namespace TofuMirror.Engine.Lock;

/// <summary>
/// The <c>h1:</c> hash of a mirror package: from the push annotation when present, else by downloading the zip
/// (through the blob cache), extracting it and hashing the folder, as OpenTofu records the unpacked directory's h1.
/// Anyone who can push can write any annotation, so unless annotations are trusted it is checked against the
/// package's own h1 wherever that costs no extra download of another platform: packages already in the cache, and
/// this machine's platform (downloaded, as the next restore here would anyway).
/// </summary>
internal sealed class PackageH1Reader
{
    private readonly BlobCache _cache;
    private readonly IProgress<TransferEvent>? _transfers;
    private readonly bool _trustAnnotations;
    private readonly Platform? _hostPlatform;

    public PackageH1Reader(BlobCache cache, IProgress<TransferEvent>? transfers = null, bool trustAnnotations = false, Platform? hostPlatform = null)
    {
        _cache = cache;
        _transfers = transfers;
        _trustAnnotations = trustAnnotations;
        _hostPlatform = hostPlatform;
    }

    public async Task<(PackageHash H1, H1Source Source)> ReadAsync(ProviderPackageLocation location, CancellationToken cancellationToken)
    {
        if (location.AnnotatedH1 is not { } annotated)
            return (await ComputeAsync(location, cancellationToken).ConfigureAwait(false), H1Source.Computed);
        if (_trustAnnotations || !CanVerifyCheaply(location)) return (annotated, H1Source.Annotation);

        var computed = await ComputeAsync(location, cancellationToken).ConfigureAwait(false);
        if (!computed.Equals(annotated))
            throw new ProviderFailure(DiagnosticCodes.ChecksumMismatch,
                $"the {ProviderAnnotations.H1} annotation on manifest {location.Manifest.Digest} in {location.Store.Name} says {annotated}, " +
                $"but the package it describes ({location.Zh}) hashes to {computed}: the annotation is false (pushed by hand, or to make the lock " +
                "trust another package). Nothing was written; push the package again with `tofu-mirror push`, and find out who pushed this one.");
        return (annotated, H1Source.AnnotationVerified);
    }

    private bool CanVerifyCheaply(ProviderPackageLocation location) =>
        location.Platform.Equals(_hostPlatform) || File.Exists(_cache.PathOf(location.Zh));

    /// <summary>
    /// The <c>h1:</c> of the package's bytes, never the annotation (a pusher may write anything there). The blob cache
    /// verifies the zip against the layer digest, so the result belongs to exactly the zip whose <c>zh:</c> the layer names.
    /// </summary>
    public async Task<PackageHash> ComputeAsync(ProviderPackageLocation location, CancellationToken cancellationToken)
    {
        var (zip, _) = await _cache.OpenAsync(location, _transfers, cancellationToken).ConfigureAwait(false);
        using (zip)
        try
        {
            return UnpackedH1.OfZip(zip);
        }
        catch (Exception e) when (e is InvalidDataException or UnsafeZipEntryException or ZipLimitExceededException)
        {
            throw new ProviderFailure(DiagnosticCodes.InvalidPackage,
                $"the package for {location.Provider.ForDisplay()} {location.Version} ({location.Platform}) is not a valid provider zip: {e.Message}", e);
        }
    }
}
