using System.Collections.Generic;
using System.Linq;
using Microsoft.CodeAnalysis;
using TofuMirror.Generators.Model;
using TofuMirror.Model.Diagnostics;
using Codes = TofuMirror.Model.Diagnostics.DiagnosticCodes.Generator;

namespace TofuMirror.Generators;

/// <summary>
/// One Roslyn descriptor per TOFU1xxx code and severity, titled and linked from the diagnostic catalogue, and the
/// conversion of <see cref="DiagnosticInfo"/> to Roslyn diagnostics. Code, category and severity are written out
/// here so the release tracking analyzer checks them against AnalyzerReleases.*.md.
/// </summary>
internal static class GeneratorDiagnostics
{
    private const string Category = "TofuMirror";

    private static readonly DiagnosticDescriptor LockFileInvalid = new(Codes.LockFileInvalid, Title(Codes.LockFileInvalid), "{0}", Category, DiagnosticSeverity.Error,
        isEnabledByDefault: true, helpLinkUri: HelpLink(Codes.LockFileInvalid));
#pragma warning disable RS2001 // Release tracking records one severity per code: the error one; docs/diagnostics.md lists both.
    private static readonly DiagnosticDescriptor LockFileInvalidWarning = new(Codes.LockFileInvalid, Title(Codes.LockFileInvalid), "{0}", Category, DiagnosticSeverity.Warning,
        isEnabledByDefault: true, helpLinkUri: HelpLink(Codes.LockFileInvalid));
#pragma warning restore RS2001
    private static readonly DiagnosticDescriptor ProviderNotLocked = new(Codes.ProviderNotLocked, Title(Codes.ProviderNotLocked), "{0}", Category, DiagnosticSeverity.Error,
        isEnabledByDefault: true, helpLinkUri: HelpLink(Codes.ProviderNotLocked));
    private static readonly DiagnosticDescriptor LockedVersionNotAllowed = new(Codes.LockedVersionNotAllowed, Title(Codes.LockedVersionNotAllowed), "{0}", Category, DiagnosticSeverity.Error,
        isEnabledByDefault: true, helpLinkUri: HelpLink(Codes.LockedVersionNotAllowed));
    private static readonly DiagnosticDescriptor ProviderLockedButNotRequired = new(Codes.ProviderLockedButNotRequired, Title(Codes.ProviderLockedButNotRequired), "{0}", Category, DiagnosticSeverity.Warning,
        isEnabledByDefault: true, helpLinkUri: HelpLink(Codes.ProviderLockedButNotRequired));
    private static readonly DiagnosticDescriptor MalformedAddressOrConstraint = new(Codes.MalformedAddressOrConstraint, Title(Codes.MalformedAddressOrConstraint), "{0}", Category, DiagnosticSeverity.Error,
        isEnabledByDefault: true, helpLinkUri: HelpLink(Codes.MalformedAddressOrConstraint));
    private static readonly DiagnosticDescriptor ModuleConfigInvalid = new(Codes.ModuleConfigInvalid, Title(Codes.ModuleConfigInvalid), "{0}", Category, DiagnosticSeverity.Error,
        isEnabledByDefault: true, helpLinkUri: HelpLink(Codes.ModuleConfigInvalid));
    private static readonly DiagnosticDescriptor PlatformHashMissing = new(Codes.PlatformHashMissing, Title(Codes.PlatformHashMissing), "{0}", Category, DiagnosticSeverity.Error,
        isEnabledByDefault: true, helpLinkUri: HelpLink(Codes.PlatformHashMissing));
#pragma warning disable RS2001 // Release tracking records one severity per code: the error one; docs/diagnostics.md lists both.
    private static readonly DiagnosticDescriptor PlatformHashMissingWarning = new(Codes.PlatformHashMissing, Title(Codes.PlatformHashMissing), "{0}", Category, DiagnosticSeverity.Warning,
        isEnabledByDefault: true, helpLinkUri: HelpLink(Codes.PlatformHashMissing));
#pragma warning restore RS2001
    private static readonly DiagnosticDescriptor ProviderNotSigned = new(Codes.ProviderNotSigned, Title(Codes.ProviderNotSigned), "{0}", Category, DiagnosticSeverity.Error,
        isEnabledByDefault: true, helpLinkUri: HelpLink(Codes.ProviderNotSigned));

    public static IReadOnlyList<DiagnosticDescriptor> All { get; } = new[]
    {
        LockFileInvalid,
        LockFileInvalidWarning,
        ProviderNotLocked,
        LockedVersionNotAllowed,
        ProviderLockedButNotRequired,
        MalformedAddressOrConstraint,
        ModuleConfigInvalid,
        PlatformHashMissing,
        PlatformHashMissingWarning,
        ProviderNotSigned,
    };

    private static readonly Dictionary<(string Id, DiagnosticSeverity Severity), DiagnosticDescriptor> ByIdAndSeverity =
        All.ToDictionary(d => (d.Id, d.DefaultSeverity));

    /// <summary>The descriptor of <paramref name="info"/>'s code and severity: its default severity is the reported one.</summary>
    public static Diagnostic ToDiagnostic(DiagnosticInfo info)
    {
        var descriptor = ByIdAndSeverity[(info.Id, info.IsWarning ? DiagnosticSeverity.Warning : DiagnosticSeverity.Error)];
        return Diagnostic.Create(descriptor, info.Location?.ToLocation() ?? Location.None, info.Message);
    }

    private static string Title(string code) => DiagnosticCatalogue.Find(code)!.Title;

    private static string HelpLink(string code) => DiagnosticCatalogue.Find(code)!.HelpLink;
}
