using TofuMirror.Model.Diagnostics;
using TofuMirror.Diagnostics;

namespace TofuMirror.Model.CliConfig;

/// <summary>Diagnostics of CLI-configuration loading, carrying the project codes.</summary>
internal static class CliConfigDiagnostics
{
    public static Diagnostic Error(string summary, string? detail, SourceRange? subject) =>
        new(DiagnosticSeverity.Error, summary, detail, subject) { Code = DiagnosticCodes.InvalidCliConfig };

    public static Diagnostic Syntax(string summary, SourceRange? subject) =>
        new(DiagnosticSeverity.Error, summary, null, subject) { Code = DiagnosticCodes.SyntaxError };
}
