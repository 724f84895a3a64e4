using System.Collections.Generic;
using Microsoft.CodeAnalysis;
using TofuMirror.Generators.Model;
using TofuMirror.Model.Diagnostics;

namespace TofuMirror.Generators;

/// <summary>The descriptors of the TOFU1xxx diagnostics, and the conversion of <see cref="DiagnosticInfo"/> to Roslyn diagnostics.</summary>
public static class GeneratorDiagnostics
{
    private const string Category = "TofuMirror";

    public static DiagnosticDescriptor LockFileInvalid { get; } = Error(GeneratorDiagnosticCodes.LockFileInvalid, "Lock file is invalid");
    public static DiagnosticDescriptor ProviderNotLocked { get; } = Error(GeneratorDiagnosticCodes.ProviderNotLocked, "Provider required but not locked");
    public static DiagnosticDescriptor LockedVersionNotAllowed { get; } = Error(GeneratorDiagnosticCodes.LockedVersionNotAllowed, "Locked version violates the constraints");
    public static DiagnosticDescriptor ProviderLockedButNotRequired { get; } = new(
        GeneratorDiagnosticCodes.ProviderLockedButNotRequired, "Provider locked but not required", "{0}", Category,
        DiagnosticSeverity.Warning, isEnabledByDefault: true);
    public static DiagnosticDescriptor MalformedAddressOrConstraint { get; } = Error(GeneratorDiagnosticCodes.MalformedAddressOrConstraint, "Malformed provider address or version constraint");
    public static DiagnosticDescriptor ModuleConfigInvalid { get; } = Error(GeneratorDiagnosticCodes.ModuleConfigInvalid, "Module configuration is invalid");
    public static DiagnosticDescriptor PlatformHashMissing { get; } = Error(GeneratorDiagnosticCodes.PlatformHashMissing, "No checksum for a target platform");

    private static readonly Dictionary<string, DiagnosticDescriptor> ById = new(System.StringComparer.Ordinal)
    {
        [LockFileInvalid.Id] = LockFileInvalid,
        [ProviderNotLocked.Id] = ProviderNotLocked,
        [LockedVersionNotAllowed.Id] = LockedVersionNotAllowed,
        [ProviderLockedButNotRequired.Id] = ProviderLockedButNotRequired,
        [MalformedAddressOrConstraint.Id] = MalformedAddressOrConstraint,
        [ModuleConfigInvalid.Id] = ModuleConfigInvalid,
        [PlatformHashMissing.Id] = PlatformHashMissing,
    };

    public static Diagnostic ToDiagnostic(DiagnosticInfo info)
    {
        var descriptor = ById[info.Id];
        var severity = info.IsWarning ? DiagnosticSeverity.Warning : DiagnosticSeverity.Error;
        var location = info.Location?.ToLocation() ?? Location.None;
        return Diagnostic.Create(descriptor, location, severity, additionalLocations: null, properties: null, info.Message);
    }

    private static DiagnosticDescriptor Error(string id, string title) =>
        new(id, title, "{0}", Category, DiagnosticSeverity.Error, isEnabledByDefault: true);
}
