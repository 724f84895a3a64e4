namespace TofuMirror.Generators.Model;

/// <summary>One locked provider, as the emitter needs it. No locations: moving a block does not regenerate code.</summary>
internal sealed record ProviderSpec(
    string PropertyName,
    string Source,
    string Hostname,
    string Namespace,
    string Type,
    string Version,
    string? Constraints,
    EquatableArray<string> Hashes);

/// <summary>
/// One module's generated class: its module name, class name, folder (forward slashes, to find its packages in the
/// restore manifest) and locked providers in address order.
/// </summary>
internal sealed record ModuleSpec(string ModuleName, string ClassName, string Directory, EquatableArray<ProviderSpec> Providers);

/// <summary>
/// What parsing a module produced: the spec to emit, the diagnostics to report and, for the platform-hash check,
/// the locked providers with their hashes and block locations.
/// </summary>
internal sealed record ModuleAnalysis(ModuleSpec Spec, EquatableArray<DiagnosticInfo> Diagnostics, ModuleLocks Locks);

/// <summary>Project-wide settings read from compiler-visible build properties and parse options.</summary>
internal sealed record GeneratorOptions(string Namespace, EquatableArray<string> Platforms, bool NullableAnnotations);
