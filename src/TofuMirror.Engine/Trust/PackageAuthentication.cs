using System.Collections.Generic;
using TofuMirror.Diagnostics;
using TofuMirror.Model.Hashing;
using TofuMirror.Model.Packages;
using TofuMirror.Model.Platforms;

namespace TofuMirror.Engine.Trust;

/// <summary>
/// The outcome of <see cref="PackageAuthenticator"/>: <see cref="Error"/> is null when the package is authentic.
/// Then <see cref="SignerKeyId"/>/<see cref="SignerFingerprint"/> name the primary key that signed SHA256SUMS (null
/// when signature checking was skipped with a warning), <see cref="SignedHashes"/> holds the <c>zh:</c> hash of every
/// platform's package listed in the signed SHA256SUMS and <see cref="ReportedHashes"/> the hashes the origin reported.
/// </summary>
public sealed record PackageAuthentication(
    Diagnostic? Error,
    IReadOnlyList<Diagnostic> Warnings,
    string? SignerKeyId,
    string? SignerFingerprint,
    ShaSumsFile? ShaSums,
    IReadOnlyDictionary<Platform, PackageHash> SignedHashes,
    IReadOnlyDictionary<Platform, IReadOnlyList<PackageHash>> ReportedHashes)
{
    /// <summary>True when every check passed (warnings allowed).</summary>
    public bool IsAuthentic => Error is null;

    /// <summary>True when a signature was checked and verified (not skipped for want of keys).</summary>
    public bool IsSigned => IsAuthentic && SignerKeyId is not null;
}
