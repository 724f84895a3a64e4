namespace TofuMirror.Model.Diagnostics;

/// <summary>
/// The project-wide problem codes, shared by the CLI's output and <c>--json</c>, the MSBuild errors and the
/// source generator. A code never changes meaning once released; <c>docs/diagnostics.md</c> lists them all.
/// Constants, so switch statements and the net472 task (which must load nothing of TofuMirror) compile them in;
/// each has its entry, with severity, title and help link, in <see cref="DiagnosticCatalogue"/>.
/// </summary>
public static class DiagnosticCodes
{
    /// <summary>A problem that carries no more specific code (the MSBuild tasks' fallback, so every build message has one).</summary>
    public const string Unclassified = "TOFU0000";

    // TOFU00xx: reading OpenTofu's files.
    /// <summary>An HCL, HCL 1 or JSON file does not parse.</summary>
    public const string SyntaxError = "TOFU0001";
    /// <summary>The dependency lock file parses but its content is invalid (address, version, constraints, hashes).</summary>
    public const string InvalidLockFile = "TOFU0002";
    /// <summary>The CLI configuration is invalid (provider_installation, oci_mirror, credentials).</summary>
    public const string InvalidCliConfig = "TOFU0003";
    /// <summary>A provider is required by the configuration but missing from the lock file.</summary>
    public const string ProviderNotLocked = "TOFU0004";
    /// <summary>The locked version does not satisfy the configuration's version constraints.</summary>
    public const string LockedVersionNotAllowed = "TOFU0005";
    /// <summary>A <c>required_providers</c> entry is invalid (source address or version constraint).</summary>
    public const string InvalidRequiredProvider = "TOFU0006";
    /// <summary>The lock file has no usable hash for a wanted platform.</summary>
    public const string MissingPlatformHash = "TOFU0007";
    /// <summary>A provider is locked but no longer required (warning).</summary>
    public const string ProviderLockedButNotRequired = "TOFU0008";
    /// <summary>A file or folder the job needs does not exist or cannot be read.</summary>
    public const string FileNotReadable = "TOFU0009";
    /// <summary>A module configuration file has a problem that OpenTofu reports (e.g. a duplicate required_providers entry).</summary>
    public const string InvalidModuleConfig = "TOFU0010";

    // TOFU01xx: talking to OCI registries and installing packages.
    /// <summary>The registry could not be reached or answered with an unexpected status.</summary>
    public const string RegistryUnavailable = "TOFU0100";
    /// <summary>The registry refused the credentials (or asked for some and none were configured).</summary>
    public const string RegistryUnauthorized = "TOFU0101";
    /// <summary>The repository, tag or provider version does not exist in the mirror.</summary>
    public const string ProviderNotInMirror = "TOFU0102";
    /// <summary>Downloaded content does not match its OCI digest or size.</summary>
    public const string DigestMismatch = "TOFU0103";
    /// <summary>The package does not match any checksum recorded in the lock file.</summary>
    public const string ChecksumMismatch = "TOFU0104";
    /// <summary>The mirror has the version but not for the wanted platform.</summary>
    public const string PlatformNotSupported = "TOFU0105";
    /// <summary>The OCI artifact is not a valid OpenTofu provider (media or artifact type, layers, size limits).</summary>
    public const string InvalidProviderArtifact = "TOFU0106";
    /// <summary>A provider zip is unsafe or broken (entries escaping their folder, bad archive).</summary>
    public const string InvalidPackage = "TOFU0107";

    // TOFU020x: signed checksums of provider releases (mirror from an origin registry, provenance checks).
    /// <summary>A SHA256SUMS document has a malformed line or names one file with two different hashes.</summary>
    public const string ShaSumsInvalid = "TOFU0200";
    /// <summary>A downloaded package, its SHA256SUMS line and the origin's shasum do not agree.</summary>
    public const string PackageShasumMismatch = "TOFU0201";
    /// <summary>The signature over SHA256SUMS does not verify with any of the offered keys.</summary>
    public const string SignatureNotVerified = "TOFU0202";
    /// <summary>SHA256SUMS is signed by a key that has expired (warning; an error when expiry is enforced).</summary>
    public const string SigningKeyExpired = "TOFU0203";
    /// <summary>The origin offers no signing keys (warning for registry.opentofu.org unless validation is enforced).</summary>
    public const string NoSigningKeys = "TOFU0204";
    /// <summary>The origin's per-platform packages map contradicts the package it serves.</summary>
    public const string OriginPackagesInconsistent = "TOFU0205";
    /// <summary>A trust anchor file cannot be read or has a malformed line.</summary>
    public const string TrustAnchorsInvalid = "TOFU0206";
    /// <summary>A signature verifies, but not with a key whose fingerprint is a trust anchor.</summary>
    public const string SignatureNotTrusted = "TOFU0207";
    /// <summary>An OpenPGP public key or signature is malformed.</summary>
    public const string OpenPgpDataInvalid = "TOFU0208";

    // Provenance evidence in OCI and `copy` (issue #17, referrers).
    /// <summary>A provenance evidence artifact is malformed (artifact type, config, layers, sizes, digests, annotations or subject).</summary>
    public const string ProvenanceEvidenceInvalid = "TOFU0220";
    /// <summary><c>copy</c>: a provider version it was asked for is not in the source store.</summary>
    public const string CopySourceVersionMissing = "TOFU0221";
    /// <summary><c>copy --platform</c>: a provider version has none of the requested platforms.</summary>
    public const string CopyPlatformsMissing = "TOFU0222";
    /// <summary><c>copy</c>: the target already tags the version with different content; nothing is overwritten.</summary>
    public const string CopyTargetConflict = "TOFU0223";

    // TOFU021x: reaching origin provider registries and network mirrors (mirror command).
    /// <summary>Service discovery of an origin host failed, or the host offers no <c>providers.v1</c> service.</summary>
    public const string OriginDiscoveryFailed = "TOFU0210";
    /// <summary>The origin does not know the provider or version (404).</summary>
    public const string OriginNotFound = "TOFU0211";
    /// <summary>The origin refused the request (401/403): credentials missing or wrong.</summary>
    public const string OriginUnauthorized = "TOFU0212";
    /// <summary>The origin answered something unusable (not JSON, wrong shape, too large, bad URL, platform mismatch).</summary>
    public const string OriginMalformedResponse = "TOFU0213";
    /// <summary>The origin could not be reached or kept failing (5xx, broken connections) after retries.</summary>
    public const string OriginUnavailable = "TOFU0214";
    /// <summary>Plain HTTP to an origin host that is neither loopback nor explicitly allowed; nothing was sent.</summary>
    public const string OriginInsecureTransport = "TOFU0215";
    /// <summary>A <c>credentials_helper</c> block is configured; TofuMirror does not run credentials helpers (warning).</summary>
    public const string CredentialsHelperIgnored = "TOFU0216";

    // Offline verification of provenance: trust anchors, `--require-signed` (issue #17, trust).
    /// <summary><c>--require-signed</c>: the provider version's index has no provenance evidence in the mirror (or the cache records none).</summary>
    public const string ProviderNotSigned = "TOFU0230";
    /// <summary>The evidence's <c>SHA256SUMS</c> signature does not verify with a trust anchor (or, without anchors, with its own keys).</summary>
    public const string EvidenceSignatureRejected = "TOFU0231";
    /// <summary>A package's layer digest is not the signed <c>SHA256SUMS</c> line for its file name.</summary>
    public const string PackageNotInSignedSums = "TOFU0232";
    /// <summary>The evidence attached to a version's index names another provider or version.</summary>
    public const string EvidenceForOtherRelease = "TOFU0233";
    /// <summary><c>--require-signed</c> (or <c>TofuRequireSignedProviders</c>) without any trust anchor.</summary>
    public const string NoTrustAnchors = "TOFU0234";
    /// <summary><c>lock</c>: the version's evidence is not signed by a trust anchor, so only the mirror's own platforms are recorded (warning).</summary>
    public const string SignedHashesNotRecorded = "TOFU0235";
    /// <summary><c>push --shasums</c>: the evidence given does not vouch for the packages pushed; nothing was pushed.</summary>
    public const string PushEvidenceRejected = "TOFU0236";

    /// <summary>
    /// The source generator's compile-time codes (TOFU1xxx). Each names the same condition as a TOFU00xx code
    /// (<see cref="DiagnosticCodeInfo.SameConditionAs"/>); they stay apart because they are part of the generator's surface.
    /// </summary>
    public static class Generator
    {
        /// <summary>The module's <c>.terraform.lock.hcl</c> does not parse or has an invalid block.</summary>
        public const string LockFileInvalid = "TOFU1001";
        /// <summary>A provider is required by the module's <c>.tf</c> files but has no entry in the lock file.</summary>
        public const string ProviderNotLocked = "TOFU1002";
        /// <summary>The locked version does not satisfy a version constraint in the <c>.tf</c> files.</summary>
        public const string LockedVersionNotAllowed = "TOFU1003";
        /// <summary>A provider is locked but no <c>.tf</c> file requires it any more (warning).</summary>
        public const string ProviderLockedButNotRequired = "TOFU1004";
        /// <summary>A provider source address or version constraint is malformed (in a <c>.tf</c> or the lock file).</summary>
        public const string MalformedAddressOrConstraint = "TOFU1005";
        /// <summary>A <c>.tf</c> file of the module does not parse or is otherwise invalid.</summary>
        public const string ModuleConfigInvalid = "TOFU1006";
        /// <summary>
        /// A locked provider has no checksum for a platform the project targets (error), or the restore manifest cannot
        /// tell because it has no package for that platform (warning).
        /// </summary>
        public const string PlatformHashMissing = "TOFU1007";
        /// <summary><c>TofuRequireSignedProviders</c>: the restore manifest says a provider package was not verified signed.</summary>
        public const string ProviderNotSigned = "TOFU1008";
    }

    // TOFU024x: `tofu-mirror mirror`, filling the OCI mirror from an origin.
    /// <summary>No origin can serve the provider (e.g. origin registry support is not in this build); pass --from-folder.</summary>
    public const string OriginNotAvailable = "TOFU0240";
    /// <summary>A package the origin served does not match its <c>shasum</c>, reported hashes or size; nothing of its version was pushed.</summary>
    public const string OriginPackageRefused = "TOFU0241";
    /// <summary>The origin offers no version of the provider that the constraints allow.</summary>
    public const string NoOriginVersionAllowed = "TOFU0242";
    /// <summary>The origin does not offer the version for a wanted platform.</summary>
    public const string OriginPlatformMissing = "TOFU0243";
    /// <summary>The mirror already holds a different package for the version and platform than the origin serves.</summary>
    public const string MirrorHoldsOtherPackage = "TOFU0244";
}
