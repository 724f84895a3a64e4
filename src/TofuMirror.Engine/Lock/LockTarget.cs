using System.Collections.Generic;
using System.Linq;
using TofuMirror.Diagnostics;
using TofuMirror.Engine.Modules;
using TofuMirror.Model.Addresses;
using TofuMirror.Model.Locks;
using TofuMirror.Model.Modules;
using TofuMirror.Model.Versions;

namespace TofuMirror.Engine.Lock;

/// <summary>
/// One provider to lock: what the module requires of it, its previous lock entry, the combined constraints, and where
/// its diagnostics point (the first requirement, else the lock entry, else the lock file).
/// </summary>
internal sealed record LockTarget(
    ProviderAddress Address, IReadOnlyList<ProviderRequirement> Requirements, ProviderLock? Previous, VersionConstraints Constraints, SourceRange Subject)
{
    public static LockTarget For(LoadedModule module, ProviderAddress address)
    {
        var requirements = module.Requirements.For(address).ToList();
        var previous = module.LockFile.Find(address);
        var constraints = requirements.Count > 0
            ? VersionConstraints.Intersect(requirements.Select(r => r.Constraints ?? VersionConstraints.None))
            : previous?.Constraints ?? VersionConstraints.None;
        var subject = requirements.FirstOrDefault()?.Range ?? previous?.Range ?? SourceRange.StartOf(module.LockFilePath);
        return new LockTarget(address, requirements, previous, constraints, subject);
    }

    /// <summary>The constraints as the lock file writes them; null when there are none.</summary>
    public string? ConstraintsText => Constraints.IsEmpty ? null : Constraints.ToNormalizedString();

    /// <summary>True when no configuration requires the provider any more (only the lock file names it).</summary>
    public bool NotRequired => Requirements.Count == 0;

    /// <summary>The outcome of a provider that could not be locked (at <paramref name="version"/> when one was chosen).</summary>
    public LockedProvider Failed(ProviderVersion? version) => new(Address, LockChange.Failed)
    {
        PreviousVersion = Previous?.Version,
        Version = version,
        Constraints = ConstraintsText,
        NotRequired = NotRequired,
    };
}
