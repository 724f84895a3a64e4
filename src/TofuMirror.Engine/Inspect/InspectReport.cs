using System.Collections.Generic;
using System.Linq;
using TofuMirror.Model.Addresses;
using TofuMirror.Model.Hashing;
using TofuMirror.Model.Platforms;
using TofuMirror.Model.Versions;

namespace TofuMirror.Engine.Inspect;

/// <summary>One platform package of a version in the mirror.</summary>
public sealed record InspectedPlatform(string Platform)
{
    public string? ManifestDigest { get; init; }

    public long ManifestSize { get; init; }

    public string? LayerDigest { get; init; }

    public long LayerSize { get; init; }

    /// <summary>The <c>zh:</c> hash the layer digest stands for.</summary>
    public PackageHash? Zh { get; init; }

    /// <summary>The <c>h1:</c> annotation TofuMirror's push writes; null when absent.</summary>
    public PackageHash? H1 { get; init; }

    /// <summary>Why this platform's artifact is invalid (OpenTofu would refuse it), or null.</summary>
    public string? Problem { get; init; }
}

/// <summary>
/// Provenance evidence attached to a version's index, read with the strict format checks only: the key IDs, origin and
/// time are what the artifact's annotations claim, and nothing here verifies the signature.
/// </summary>
public sealed record InspectedEvidence(string ArtifactDigest)
{
    public IReadOnlyList<string> ClaimedKeyIds { get; init; } = [];

    public string? ClaimedOriginUrl { get; init; }

    public System.DateTimeOffset? ClaimedVerifiedAt { get; init; }
}

/// <summary>One version tag in the mirror.</summary>
public sealed record InspectedVersion(ProviderVersion Version, string Tag)
{
    public string? IndexDigest { get; init; }

    public IReadOnlyList<InspectedPlatform> Platforms { get; init; } = [];

    /// <summary>The provenance evidence attached to the index (empty: none).</summary>
    public IReadOnlyList<InspectedEvidence> Evidence { get; init; } = [];

    /// <summary>Why the attached evidence could not be read (TOFU0220 for a malformed artifact), or null.</summary>
    public string? EvidenceProblem { get; init; }

    /// <summary>Why the version's index is invalid (OpenTofu would refuse every platform), or null.</summary>
    public string? Problem { get; init; }

    public bool IsValid => Problem is null && EvidenceProblem is null && Platforms.All(p => p.Problem is null);
}

/// <summary>A tag that does not name a version, which OpenTofu ignores.</summary>
public sealed record IgnoredTag(string Tag, string Reason);

/// <summary>What one repository (or layout folder) holds for the provider.</summary>
public sealed record InspectedRepository(string Name)
{
    /// <summary>False when the repository does not exist (see <see cref="Problem"/>).</summary>
    public bool Found { get; init; }

    public IReadOnlyList<InspectedVersion> Versions { get; init; } = [];

    public IReadOnlyList<IgnoredTag> IgnoredTags { get; init; } = [];

    public string? Problem { get; init; }
}

/// <summary>The result of <see cref="InspectJob"/>.</summary>
public sealed record InspectReport(ProviderAddress Provider, IReadOnlyList<InspectedRepository> Repositories)
{
    /// <summary>True when some repository holds the provider and every artifact in it is valid.</summary>
    public bool Succeeded =>
        Repositories.Any(r => r.Found)
        && Repositories.All(r => r.Problem is null || !r.Found)
        && Repositories.SelectMany(r => r.Versions).All(v => v.IsValid);
}
