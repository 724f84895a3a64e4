using System.Collections.Generic;
using System.Linq;
using TofuMirror.Engine.Stores;
using TofuMirror.Model.Addresses;
using TofuMirror.Model.Hashing;
using TofuMirror.Model.Platforms;
using TofuMirror.Model.Versions;
using TofuMirror.Diagnostics;

namespace TofuMirror.Engine.Verify;

/// <summary>What to verify: the module (its lock file), the restore output, the platforms expected there, and optionally the mirror.</summary>
public sealed record VerifyRequest(string ModuleDirectory, string OutputDirectory, IReadOnlyList<Platform> Platforms)
{
    /// <summary>When set, each locked provider's packages in the mirror are checked against the lock file too.</summary>
    public IProviderStoreResolver? Stores { get; init; }

    /// <summary>Check each locked provider's provenance evidence in <see cref="Stores"/> against <see cref="TrustAnchors"/>.</summary>
    public bool RequireSigned { get; init; }

    /// <summary>The keys whose signatures count for <see cref="RequireSigned"/>.</summary>
    public TofuMirror.Engine.Trust.TrustAnchors TrustAnchors { get; init; } = TofuMirror.Engine.Trust.TrustAnchors.Empty;
}

/// <summary>The verdict on one package.</summary>
public enum VerifyStatus
{
    /// <summary>Installed, and its content matches the lock file (and its install stamp).</summary>
    Ok,

    /// <summary>Installed, but its content matches no hash of the lock file, or differs from what restore installed.</summary>
    Mismatch,

    /// <summary>A locked provider for an expected platform is not installed.</summary>
    Missing,

    /// <summary>Installed, but the lock file does not have that provider, or locks another version.</summary>
    Extra,

    /// <summary>The package cannot be read or hashed.</summary>
    Unreadable,
}

/// <summary>One package in the output folder (or expected there).</summary>
public sealed record VerifiedPackage(ProviderAddress Provider, ProviderVersion Version, Platform Platform, VerifyStatus Status)
{
    /// <summary><c>unpacked</c> or <c>packed</c>; null for a missing package.</summary>
    public string? Layout { get; init; }

    public string? Path { get; init; }

    /// <summary>The hashes computed now from the installed content.</summary>
    public IReadOnlyList<PackageHash> Hashes { get; init; } = [];

    /// <summary>
    /// <c>match</c>, <c>mismatch</c>, <c>missing</c> (no stamp: not installed by restore) or <c>no-h1</c> (an unpacked
    /// folder restore installed from a zip the lock's <c>zh:</c> proved, without hashing its files).
    /// </summary>
    public string StampStatus { get; init; } = "missing";

    /// <summary>Why the status is not <see cref="VerifyStatus.Ok"/>.</summary>
    public string? Problem { get; init; }
}

/// <summary>The mirror's package for one locked provider and platform, against the lock file.</summary>
public sealed record MirrorCheck(ProviderAddress Provider, ProviderVersion Version, Platform Platform, bool Ok)
{
    public PackageHash? Zh { get; init; }

    public string? Problem { get; init; }
}

/// <summary>The result of a verify run.</summary>
public sealed record VerifyReport(
    string LockFilePath,
    string OutputDirectory,
    IReadOnlyList<VerifiedPackage> Packages,
    IReadOnlyList<MirrorCheck> MirrorChecks,
    IReadOnlyList<Diagnostic> Diagnostics)
{
    /// <summary>With <see cref="VerifyRequest.RequireSigned"/>: each locked provider's provenance in the mirror.</summary>
    public IReadOnlyList<SignedProviderCheck> SignatureChecks { get; init; } = [];

    public bool Succeeded =>
        Diagnostics.All(d => d.Severity != DiagnosticSeverity.Error)
        && Packages.All(p => p.Status == VerifyStatus.Ok)
        && MirrorChecks.All(m => m.Ok)
        && SignatureChecks.All(s => s.Ok);
}
