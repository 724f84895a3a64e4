using System;
using System.Collections.Generic;
using TofuMirror.Model.Addresses;
using TofuMirror.Model.Hashing;
using TofuMirror.Model.Platforms;
using TofuMirror.Model.Versions;

namespace TofuMirror.Engine.Origin;

/// <summary>
/// What an origin says about one package before it is downloaded.
/// <see cref="Shasum"/> is the registry's <c>shasum</c> (64 lower-case hex) or null when the origin gives none;
/// <see cref="ReportedHashes"/> holds, per platform, the <c>h1:</c>/<c>zh:</c> hashes the origin reports
/// (OpenTofu 1.12's <c>packages</c> map, or a network mirror's <c>hashes</c>), empty when it reports none;
/// <see cref="Signature"/> is null for origins without signed checksums (network mirrors, local folders).
/// </summary>
public sealed record OriginPackage(
    ProviderAddress Provider,
    ProviderVersion Version,
    Platform Platform,
    string Filename,
    Uri DownloadUrl,
    string? Shasum,
    long? Size,
    IReadOnlyDictionary<Platform, OriginPlatformHashes> ReportedHashes,
    OriginSignature? Signature);

/// <summary>The hashes and size an origin reports for one platform's package.</summary>
public sealed record OriginPlatformHashes(IReadOnlyList<PackageHash> Hashes, long? PackageSize);

/// <summary>Where the signed checksums of a release are, and the keys the origin offers to check them.</summary>
public sealed record OriginSignature(Uri ShaSumsUrl, Uri SignatureUrl, IReadOnlyList<string> ArmoredPublicKeys);
