using System.Collections.Generic;
using TofuMirror.Engine.Stores;
using TofuMirror.Model.Addresses;
using TofuMirror.Model.Platforms;
using TofuMirror.Model.Versions;

namespace TofuMirror.Engine.Copy;

/// <summary>
/// Which versions of one provider to copy: exactly <see cref="Versions"/> when given (the versions lock files name),
/// otherwise every version in the source that <see cref="Constraints"/> allows (all of them when empty).
/// </summary>
public sealed record CopySelection(ProviderAddress Provider)
{
    public VersionConstraints Constraints { get; init; } = VersionConstraints.None;

    public IReadOnlyList<ProviderVersion> Versions { get; init; } = [];
}

/// <summary>What to copy, from where, to where. Each provider's first store of <see cref="Source"/> and of <see cref="Target"/> is used.</summary>
public sealed record CopyRequest(IReadOnlyList<CopySelection> Selections, IProviderStoreResolver Source, IProviderStoreResolver Target)
{
    /// <summary>
    /// Copy only these platforms (empty: all). A version's index then lists only them, so it is a new index with a new
    /// digest, and its provenance evidence is attached to that new index (the evidence itself is unchanged).
    /// </summary>
    public IReadOnlyList<Platform> Platforms { get; init; } = [];

    /// <summary>Find out what would be copied; write nothing.</summary>
    public bool DryRun { get; init; }

    /// <summary>Versions copied at once.</summary>
    public int Parallelism { get; init; } = 4;
}
