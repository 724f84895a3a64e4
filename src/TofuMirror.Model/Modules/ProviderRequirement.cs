using TofuMirror.Model.Addresses;
using TofuMirror.Model.Versions;
using TofuMirror.Diagnostics;

namespace TofuMirror.Model.Modules;

/// <summary>
/// One provider a module needs: declared in <c>required_providers</c> (with its constraints), or implied by a
/// <c>provider</c>, <c>resource</c> or <c>data</c> block whose local name has no declaration.
/// </summary>
public sealed record ProviderRequirement(
    string LocalName,
    ProviderAddress Address,
    VersionConstraints? Constraints,
    SourceRange Range)
{
    /// <summary>True when no <c>required_providers</c> entry declares it (OpenTofu then assumes <c>hashicorp/NAME</c>).</summary>
    public bool IsImplied { get; init; }

    /// <summary>Where the version constraint is written, for errors about it; else <see cref="Range"/>.</summary>
    public SourceRange? ConstraintsRange { get; init; }
}
