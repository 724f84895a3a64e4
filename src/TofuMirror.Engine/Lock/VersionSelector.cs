using System.Collections.Generic;
using System.Linq;
using TofuMirror.Model.Versions;

namespace TofuMirror.Engine.Lock;

/// <summary>Why a version was chosen.</summary>
public enum VersionChoice
{
    /// <summary>The locked version still satisfies every constraint and is in the mirror.</summary>
    KeptLocked,

    /// <summary>The newest mirror version the constraints allow (no lock, or the lock no longer fits).</summary>
    Newest,
}

/// <summary>
/// Chooses a provider version as <c>tofu init</c> does without <c>-upgrade</c>: keep the locked version while it
/// is allowed and available, else the newest available version the constraints allow (pre-releases only when an
/// exact constraint names them).
/// </summary>
public static class VersionSelector
{
    /// <summary>The chosen version, or null (with <paramref name="choice"/> undefined) when nothing available is allowed.</summary>
    public static ProviderVersion? Select(
        VersionConstraints constraints, ProviderVersion? locked, IReadOnlyCollection<ProviderVersion> available, out VersionChoice choice)
    {
        if (locked is not null && constraints.Allows(locked) && available.Contains(locked))
        {
            choice = VersionChoice.KeptLocked;
            return locked;
        }
        choice = VersionChoice.Newest;
        return constraints.SelectNewest(available);
    }
}
