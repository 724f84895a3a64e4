using System.Collections.Generic;
using System.Linq;
using TofuMirror.Model.Addresses;
using TofuMirror.Model.Diagnostics;
using TofuMirror.Model.Versions;
using TofuMirror.Diagnostics;

namespace TofuMirror.Model.Modules;

/// <summary>
/// Gathers a module's declarations across its files, merges its override files as OpenTofu does, then resolves
/// implied providers. Primary files must all come before override files.
/// </summary>
internal sealed class RequirementCollector
{
    private readonly Dictionary<string, ProviderRequirement> _declared = new(System.StringComparer.Ordinal);
    /// <summary>Every block that uses a provider, in file order (an override changes a resource's entry in place).</summary>
    private readonly List<ProviderUse> _uses = new();
    private readonly HashSet<(string LocalName, string Alias)> _aliasedConfigurations = new();
    private readonly Dictionary<(string Mode, string Type, string Name), ProviderUse> _resources = new();
    private readonly List<string> _moduleCallOrder = new();
    private readonly Dictionary<string, string?> _moduleCallSources = new(System.StringComparer.Ordinal);
    private readonly Dictionary<string, SourceRange> _moduleCallRanges = new(System.StringComparer.Ordinal);

    public List<Diagnostic> Diagnostics { get; } = new();

    /// <summary>True while reading an override file.</summary>
    public bool InOverride { get; set; }

    public void Error(string code, string summary, string detail, SourceRange range) =>
        Diagnostics.Add(Diagnostic.Error(summary, detail, range) with { Code = code });

    /// <summary>A <c>provider</c> block. An override may add a default configuration, but not an alias the primary files lack.</summary>
    public void ConfigureProvider(string localName, string? alias, SourceRange range)
    {
        if (alias is null)
        {
            _uses.Add(new ProviderUse(localName, range));
            return;
        }
        if (!InOverride)
        {
            _aliasedConfigurations.Add((localName, alias));
            _uses.Add(new ProviderUse(localName, range));
        }
        else if (!_aliasedConfigurations.Contains((localName, alias)))
        {
            Error(DiagnosticCodes.InvalidModuleConfig, "Missing base provider configuration for override",
                $"There is no {localName} provider configuration with the alias \"{alias}\". An override file can only override an aliased provider configuration that was already defined in a primary configuration file.",
                range);
        }
    }

    /// <summary>
    /// A <c>resource</c> or <c>data</c> block using the provider <paramref name="providerLocalName"/> (its <c>provider</c>
    /// argument, or null for its type's prefix). An override can only change a block a primary file defines.
    /// </summary>
    public void DeclareResource(string mode, string type, string name, string? providerLocalName, SourceRange range)
    {
        var key = (mode, type, name);
        if (!InOverride)
        {
            var use = new ProviderUse(providerLocalName ?? ImpliedLocalName(type), range);
            _uses.Add(use);
            _resources[key] = use;
            return;
        }
        if (!_resources.TryGetValue(key, out var existing))
        {
            var (summary, kind) = mode == "data" ? ("Missing data resource to override", "data resource") : ("Missing resource to override", "resource");
            var block = mode == "data" ? "data" : "resource";
            Error(DiagnosticCodes.InvalidModuleConfig, summary,
                $"There is no {type} {kind} named \"{name}\". An override file can only override a {block} block defined in a primary configuration file.",
                range);
            return;
        }
        if (providerLocalName is not null) existing.LocalName = providerLocalName;
    }

    /// <summary>
    /// A <c>module</c> call; <paramref name="source"/> is its static <c>source</c>, if it has one, and
    /// <paramref name="sourceSet"/> whether the block sets <c>source</c> at all (an override without it keeps the primary one).
    /// </summary>
    public void CallModule(string name, string? source, bool sourceSet, SourceRange range)
    {
        if (!InOverride)
        {
            if (_moduleCallRanges.TryGetValue(name, out var previous))
                Error(DiagnosticCodes.InvalidModuleConfig, "Duplicate module call",
                    $"A module call named \"{name}\" was already defined at {previous}. Module calls must have unique names within a module.", range);
            else
                _moduleCallOrder.Add(name);
            _moduleCallSources[name] = source;
            _moduleCallRanges[name] = range;
            return;
        }
        if (!_moduleCallSources.ContainsKey(name))
        {
            Error(DiagnosticCodes.InvalidModuleConfig, "Missing module call to override",
                $"There is no module call named \"{name}\". An override file can only override a module call that was defined in a primary configuration file.",
                range);
            return;
        }
        if (sourceSet) _moduleCallSources[name] = source;
    }

    /// <summary>A <c>required_providers</c> entry. In an override file it replaces the whole entry of that local name.</summary>
    public void Declare(string localName, string? source, SourceRange? sourceRange, string? version, SourceRange? versionRange, SourceRange nameRange)
    {
        if (!InOverride && _declared.TryGetValue(localName, out var previous))
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

        _declared[localName] = new ProviderRequirement(localName, address, constraints, nameRange) { ConstraintsRange = versionRange };
    }

    public ModuleRequirements Build()
    {
        var requirements = _declared.Values.ToList();
        foreach (var (localName, range) in _uses.Select(u => (u.LocalName, u.Range)))
        {
            if (_declared.ContainsKey(localName) || localName == "terraform") continue;
            if (requirements.Any(r => r.IsImplied && r.LocalName == localName)) continue;
            if (ProviderAddress.TryParse(localName, out var implied, out _))
                requirements.Add(new ProviderRequirement(localName, implied, null, range) { IsImplied = true });
        }
        var localSources = _moduleCallOrder
            .Select(name => _moduleCallSources[name])
            .Where(s => s is not null && RequiredProvidersReader.IsLocalPath(s))
            .Select(s => s!)
            .Distinct(System.StringComparer.Ordinal)
            .ToList();
        return new ModuleRequirements(requirements, localSources, Diagnostics);
    }

    private sealed class ProviderUse(string localName, SourceRange range)
    {
        public string LocalName { get; set; } = localName;
        public SourceRange Range { get; } = range;
    }

    private static string ImpliedLocalName(string resourceType)
    {
        var underscore = resourceType.IndexOf('_');
        return underscore < 0 ? resourceType : resourceType.Substring(0, underscore);
    }
}
