namespace TofuMirror.Model.Diagnostics;

/// <summary>
/// Codes of the problems the source generator reports inside <c>.tf</c> and lock files at compile time
/// (TOFU1xxx). A code never changes meaning once released; <c>docs/generator.md</c> lists them.
/// </summary>
public static class GeneratorDiagnosticCodes
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
