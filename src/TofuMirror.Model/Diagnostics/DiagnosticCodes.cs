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
