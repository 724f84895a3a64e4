using System.Collections.Generic;
using TofuMirror.Engine.Origin;
using TofuMirror.Engine.Stores;
using TofuMirror.Model.Addresses;
using TofuMirror.Model.Platforms;
using TofuMirror.Model.Versions;

namespace TofuMirror.Engine.Mirror;

/// <summary>A provider named on the command line, <c>PROVIDER[@CONSTRAINTS]</c> (no constraints: any version).</summary>
public sealed record WantedProvider(ProviderAddress Provider, VersionConstraints Constraints);

/// <summary>What <see cref="MirrorJob"/> mirrors, from where, and into which OCI mirror.</summary>
public sealed record MirrorRequest(
    IReadOnlyList<string> ModuleDirectories,
    IReadOnlyList<WantedProvider> Providers,
    OriginResolver Origins,
    IProviderStoreResolver Stores,
    string CacheDirectory)
{
    /// <summary>The platforms to mirror; empty: every platform the origin lists for the version.</summary>
    public IReadOnlyList<Platform> Platforms { get; init; } = [];

    /// <summary>Every version the constraints allow instead of the one <c>tofu init</c> would choose.</summary>
    public bool AllVersions { get; init; }

    /// <summary>Plan and report; download and write nothing.</summary>
    public bool DryRun { get; init; }

    /// <summary>Downloads at once (uploads follow per version).</summary>
    public int Parallelism { get; init; } = 4;

    /// <summary>Run on every downloaded package, in order, before anything of its version is pushed.</summary>
    public IReadOnlyList<IMirrorPackageCheck> Checks { get; init; } = [new OriginHashCheck()];

    /// <summary>Told about each version whose index was pushed, with the evidence its checks gathered (null: nothing attached).</summary>
    public IMirrorEvidenceSink? Evidence { get; init; }
}
