namespace TofuMirror.Generators;

/// <summary>Names of the pipeline stages, for tests that read the generator driver's tracked steps.</summary>
internal static class TrackingNames
{
    /// <summary>Additional files with <c>TofuModule</c> metadata, read into <see cref="Model.ModuleFile"/>.</summary>
    public const string Files = "TofuFiles";
    /// <summary>Files grouped into one <see cref="Model.ModuleInput"/> per module.</summary>
    public const string Modules = "TofuModules";
    /// <summary>Each module parsed and checked (the HCL work).</summary>
    public const string Analysis = "TofuAnalysis";
    /// <summary>The spec to emit, without locations.</summary>
    public const string Specs = "TofuSpecs";
    /// <summary>The diagnostics to report, with locations.</summary>
    public const string Diagnostics = "TofuDiagnostics";
    /// <summary>The restore manifest (merged; empty when absent).</summary>
    public const string Manifest = "TofuManifest";
    /// <summary>Each module's locked providers with hashes and block locations (input of the platform-hash check).</summary>
    public const string LockedHashes = "TofuLockedHashes";
    /// <summary>The platforms the project targets (<c>TofuPlatforms</c>), alone.</summary>
    public const string Platforms = "TofuPlatforms";
    /// <summary>The platform-hash check's diagnostics (TOFU1007).</summary>
    public const string HashDiagnostics = "TofuHashDiagnostics";
    /// <summary><c>TofuRequireSignedProviders</c>, alone.</summary>
    public const string RequireSigned = "TofuRequireSigned";
    /// <summary>The signed-provider check's diagnostics (TOFU1008).</summary>
    public const string SignatureDiagnostics = "TofuSignatureDiagnostics";
    /// <summary>The repository template of each module (from additional-file metadata).</summary>
    public const string Templates = "TofuTemplates";
    /// <summary>Build properties and language options.</summary>
    public const string Options = "TofuOptions";
}
