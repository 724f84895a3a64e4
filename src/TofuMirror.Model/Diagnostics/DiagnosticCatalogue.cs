using System.Collections.Generic;
using System.Linq;
using TofuMirror.Diagnostics;
using static TofuMirror.Model.Diagnostics.DiagnosticOrigin;

namespace TofuMirror.Model.Diagnostics;

/// <summary>
/// Every TOFU code a user can see, with its severities, title and help link, and for each source-generator code the
/// TOFU00xx conditions it stands for. <c>docs/diagnostics.md</c> documents the same list (a test compares both).
/// </summary>
public static class DiagnosticCatalogue
{
    /// <summary>The documentation of the codes, relative to the repository root; each code has an anchor <c>#tofunnnn</c>.</summary>
    public const string DocumentPath = "docs/diagnostics.md";

    private static readonly DiagnosticSeverity[] Error = { DiagnosticSeverity.Error };
    private static readonly DiagnosticSeverity[] Warning = { DiagnosticSeverity.Warning };
    private static readonly DiagnosticSeverity[] ErrorOrWarning = { DiagnosticSeverity.Error, DiagnosticSeverity.Warning };

    public static IReadOnlyList<DiagnosticCodeInfo> All { get; } = new[]
    {
        Code(DiagnosticCodes.Unclassified, "Problem without a more specific code", ErrorOrWarning),
        Code(DiagnosticCodes.SyntaxError, "File does not parse", Error),
        Code(DiagnosticCodes.InvalidLockFile, "Lock file content is invalid", ErrorOrWarning),
        Code(DiagnosticCodes.InvalidCliConfig, "CLI configuration is invalid", ErrorOrWarning),
        Code(DiagnosticCodes.ProviderNotLocked, "Provider required but not locked", Error),
        Code(DiagnosticCodes.LockedVersionNotAllowed, "Locked version violates the constraints", Error),
        Code(DiagnosticCodes.InvalidRequiredProvider, "Invalid required_providers entry", Error),
        Code(DiagnosticCodes.MissingPlatformHash, "No usable hash for a wanted platform", Error),
        Code(DiagnosticCodes.ProviderLockedButNotRequired, "Provider locked but not required", Warning),
        Code(DiagnosticCodes.FileNotReadable, "File or folder cannot be read", ErrorOrWarning),
        Code(DiagnosticCodes.InvalidModuleConfig, "Module configuration is invalid", Error),

        Code(DiagnosticCodes.RegistryUnavailable, "Registry unavailable", Error),
        Code(DiagnosticCodes.RegistryUnauthorized, "Registry refused the credentials", Error),
        Code(DiagnosticCodes.ProviderNotInMirror, "Provider not in the mirror", Error),
        Code(DiagnosticCodes.DigestMismatch, "Content does not match its digest", Error),
        Code(DiagnosticCodes.ChecksumMismatch, "Package does not match the lock file", Error),
        Code(DiagnosticCodes.PlatformNotSupported, "Platform not in the mirror", Error),
        Code(DiagnosticCodes.InvalidProviderArtifact, "Not a valid provider artifact", Error),
        Code(DiagnosticCodes.InvalidPackage, "Provider package is unsafe or broken", Error),
        // Provenance evidence in OCI and `copy` (issue #17, referrers).
        Code(DiagnosticCodes.ProvenanceEvidenceInvalid, "Provenance evidence is malformed", Error),
        Code(DiagnosticCodes.CopySourceVersionMissing, "Version not in the copy source", Error),
        Code(DiagnosticCodes.CopyPlatformsMissing, "Version has none of the requested platforms", Error),
        Code(DiagnosticCodes.CopyTargetConflict, "Target tags the version with other content", Error),

        // TOFU020x: signed checksums of provider releases.
        Code(DiagnosticCodes.ShaSumsInvalid, "SHA256SUMS is malformed", Error),
        Code(DiagnosticCodes.PackageShasumMismatch, "Package does not match its signed checksum", Error),
        Code(DiagnosticCodes.SignatureNotVerified, "Signature does not verify", Error),
        Code(DiagnosticCodes.SigningKeyExpired, "Signing key has expired", ErrorOrWarning),
        Code(DiagnosticCodes.NoSigningKeys, "Origin offers no signing keys", ErrorOrWarning),
        Code(DiagnosticCodes.OriginPackagesInconsistent, "Origin's packages map is inconsistent", Error),
        Code(DiagnosticCodes.TrustAnchorsInvalid, "Trust anchors are invalid", Error),
        Code(DiagnosticCodes.SignatureNotTrusted, "Signature not made by a trusted key", Error),
        Code(DiagnosticCodes.OpenPgpDataInvalid, "OpenPGP key or signature is malformed", Error),

        // Origin registries (mirror command).
        Code(DiagnosticCodes.OriginDiscoveryFailed, "Origin service discovery failed", Error),
        Code(DiagnosticCodes.OriginNotFound, "Provider or version unknown to the origin", Error),
        Code(DiagnosticCodes.OriginUnauthorized, "Origin refused the credentials", Error),
        Code(DiagnosticCodes.OriginMalformedResponse, "Origin answered something unusable", Error),
        Code(DiagnosticCodes.OriginUnavailable, "Origin unreachable or failing", Error),
        Code(DiagnosticCodes.OriginInsecureTransport, "Plain HTTP to an origin refused", Error),
        Code(DiagnosticCodes.CredentialsHelperIgnored, "credentials_helper is not run", Warning),

        Code(DiagnosticCodes.Generator.LockFileInvalid, "Lock file is invalid", ErrorOrWarning,
            new(DiagnosticCodes.SyntaxError, LockFile), new(DiagnosticCodes.InvalidLockFile, LockFile)),
        Code(DiagnosticCodes.Generator.ProviderNotLocked, "Provider required but not locked", Error,
            new SameCondition(DiagnosticCodes.ProviderNotLocked, LockAgainstConfiguration)),
        Code(DiagnosticCodes.Generator.LockedVersionNotAllowed, "Locked version violates the constraints", Error,
            new SameCondition(DiagnosticCodes.LockedVersionNotAllowed, LockAgainstConfiguration)),
        Code(DiagnosticCodes.Generator.ProviderLockedButNotRequired, "Provider locked but not required", Warning,
            new SameCondition(DiagnosticCodes.ProviderLockedButNotRequired, LockAgainstConfiguration)),
        Code(DiagnosticCodes.Generator.MalformedAddressOrConstraint, "Malformed provider address or version constraint", Error,
            new(DiagnosticCodes.InvalidRequiredProvider, Configuration), new(DiagnosticCodes.InvalidRequiredProvider, LockFile)),
        Code(DiagnosticCodes.Generator.ModuleConfigInvalid, "Module configuration is invalid", Error,
            new(DiagnosticCodes.SyntaxError, Configuration), new(DiagnosticCodes.InvalidModuleConfig, Configuration)),
        Code(DiagnosticCodes.Generator.PlatformHashMissing, "No checksum for a target platform", ErrorOrWarning,
            new SameCondition(DiagnosticCodes.MissingPlatformHash, RestoredPackages)),

        // `tofu-mirror mirror` (TOFU024x).
        Code(DiagnosticCodes.OriginNotAvailable, "No origin can serve the provider", Error),
        Code(DiagnosticCodes.OriginPackageRefused, "Package does not match what the origin reports", Error),
        Code(DiagnosticCodes.NoOriginVersionAllowed, "No origin version matches the constraints", Error),
        Code(DiagnosticCodes.OriginPlatformMissing, "Origin lacks the platform", Error),
        Code(DiagnosticCodes.MirrorHoldsOtherPackage, "Mirror holds a different package", Error),

        // Offline verification of provenance: trust anchors, `--require-signed` (issue #17, trust).
        Code(DiagnosticCodes.ProviderNotSigned, "Provider version is not signed", Error),
        Code(DiagnosticCodes.EvidenceSignatureRejected, "Evidence signature rejected", Error),
        Code(DiagnosticCodes.PackageNotInSignedSums, "Package not in the signed SHA256SUMS", Error),
        Code(DiagnosticCodes.EvidenceForOtherRelease, "Evidence names another release", Error),
        Code(DiagnosticCodes.NoTrustAnchors, "Signed providers required but no trust anchor", Error),
        Code(DiagnosticCodes.SignedHashesNotRecorded, "Signed checksums not recorded", Warning),
        Code(DiagnosticCodes.PushEvidenceRejected, "Pushed packages not vouched for by the evidence", Error),
        Code(DiagnosticCodes.Generator.ProviderNotSigned, "Provider package not verified signed", Error,
            new SameCondition(DiagnosticCodes.ProviderNotSigned, RestoredPackages)),
    };

    private static readonly Dictionary<string, DiagnosticCodeInfo> ByCode = All.ToDictionary(c => c.Code, System.StringComparer.Ordinal);

    /// <summary>The entry of <paramref name="code"/>; null for a code that does not exist.</summary>
    public static DiagnosticCodeInfo? Find(string code) => ByCode.TryGetValue(code, out var info) ? info : null;

    /// <summary>
    /// The source generator's code for a problem whose condition (<see cref="Diagnostic.ConditionCode"/>, else its
    /// code) is <paramref name="conditionCode"/>, found in <paramref name="origin"/>; null when no generator code names it.
    /// </summary>
    public static string? GeneratorCodeFor(string? conditionCode, DiagnosticOrigin origin) =>
        All.FirstOrDefault(c => c.SameConditionAs.Contains(new SameCondition(conditionCode ?? "", origin)))?.Code;

    private static DiagnosticCodeInfo Code(string code, string title, DiagnosticSeverity[] severities, params SameCondition[] sameConditionAs) =>
        new(code, title, severities, sameConditionAs);
}
