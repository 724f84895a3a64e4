using System.Collections.Generic;
using System.Linq;
using TofuMirror.Model.Addresses;
using TofuMirror.Diagnostics;

namespace TofuMirror.Model.Modules;

/// <summary>The providers a module needs, the local child-module folders it calls, and the problems found reading it.</summary>
public sealed record ModuleRequirements(
    IReadOnlyList<ProviderRequirement> Requirements,
    IReadOnlyList<string> LocalModuleSources,
    IReadOnlyList<Diagnostic> Diagnostics)
{
    public bool HasErrors => Diagnostics.Any(d => d.Severity == DiagnosticSeverity.Error);

    /// <summary>Every distinct provider address, in address order.</summary>
    public IEnumerable<ProviderAddress> Providers =>
        Requirements.Select(r => r.Address).Distinct().OrderBy(a => a);

    /// <summary>All requirements on one provider (from several files or modules); all their constraints must hold.</summary>
    public IEnumerable<ProviderRequirement> For(ProviderAddress address) =>
        Requirements.Where(r => r.Address.Equals(address));
}
