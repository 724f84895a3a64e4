using System.Collections.Generic;
using System.Linq;
using TofuMirror.Hcl;

namespace TofuMirror.Model.Modules;

/// <summary>Gathers declarations and uses across a module's files, then resolves implied providers.</summary>
internal sealed class RequirementCollector
{
    private readonly Dictionary<string, ProviderRequirement> _declared = new(System.StringComparer.Ordinal);
    private readonly List<(string LocalName, SourceRange Range)> _used = new();

    public List<Diagnostic> Diagnostics { get; } = new();
    public List<string> LocalModuleSources { get; } = new();

    public void Error(string code, string summary, string detail, SourceRange range) =>
        Diagnostics.Add(Diagnostic.Error(summary, detail, range) with { Code = code });

    public void Use(string localName, SourceRange range) => _used.Add((localName, range));

    public void Declare(string localName, string? source, SourceRange? sourceRange, string? version, SourceRange? versionRange, SourceRange nameRange)
    {
        if (_declared.TryGetValue(localName, out var previous))
        {
            Error(DiagnosticCodes.InvalidModuleConfig, "Duplicate required provider",
                $"Provider {localName} was already required at {previous.Range}. Remove one of the entries.", nameRange);
            return;
        }

        ProviderAddress address;
        if (source is null)
        {
            if (!ProviderAddress.TryParse(localName, out address, out var error))
            {
                Error(DiagnosticCodes.InvalidRequiredProvider, "Invalid provider local name",
                    $"\"{localName}\" cannot be used as a provider's local name: {error}", nameRange);
                return;
            }
        }
        else if (!ProviderAddress.TryParse(source, out address, out var error))
        {
            Error(DiagnosticCodes.InvalidRequiredProvider, "Invalid provider source address", error, sourceRange ?? nameRange);
            return;
        }

        VersionConstraints? constraints = null;
        if (version is not null)
        {
            if (!VersionConstraints.TryParse(version, out var parsed, out var error))
            {
                Error(DiagnosticCodes.InvalidRequiredProvider, "Invalid version constraint",
                    $"The version constraint \"{version}\" for provider {localName} is not valid: {error}", versionRange ?? nameRange);
                return;
            }
            constraints = parsed;
        }

        _declared.Add(localName, new ProviderRequirement(localName, address, constraints, nameRange) { ConstraintsRange = versionRange });
    }

    public ModuleRequirements Build()
    {
        var requirements = _declared.Values.ToList();
        foreach (var (localName, range) in _used)
        {
            if (_declared.ContainsKey(localName) || localName == "terraform") continue;
            if (requirements.Any(r => r.IsImplied && r.LocalName == localName)) continue;
            if (ProviderAddress.TryParse(localName, out var implied, out _))
                requirements.Add(new ProviderRequirement(localName, implied, null, range) { IsImplied = true });
        }
        return new ModuleRequirements(requirements, LocalModuleSources.Distinct().ToList(), Diagnostics);
    }
}
