using System;
using Microsoft.Build.Framework;
using Microsoft.Build.Utilities;
using TofuMirror.Hcl;

namespace TofuMirror.Build.Tasks;

/// <summary>Turns engine diagnostics into MSBuild errors and warnings that carry the TOFU code, file, line and column.</summary>
internal static class DiagnosticLogger
{
    /// <summary>A diagnostic without a code still gets one, so every build problem can be looked up.</summary>
    public const string FallbackCode = "TOFU0000";

    public static void Log(TaskLoggingHelper log, Diagnostic diagnostic, string? fallbackFile)
    {
        var code = string.IsNullOrEmpty(diagnostic.Code) ? FallbackCode : diagnostic.Code;
        var message = string.IsNullOrEmpty(diagnostic.Detail) ? diagnostic.Summary : diagnostic.Summary + ": " + diagnostic.Detail;
        var file = diagnostic.Subject?.FileName ?? fallbackFile ?? string.Empty;
        var start = diagnostic.Subject?.Start ?? default;
        var end = diagnostic.Subject?.End ?? default;
        var endLine = end.Line >= start.Line ? end.Line : 0;
        var endColumn = endLine > 0 ? end.Column : 0;
        if (diagnostic.Severity == DiagnosticSeverity.Error)
            log.LogError(null, code, null, file, start.Line, start.Column, endLine, endColumn, "{0}", message);
        else
            log.LogWarning(null, code, null, file, start.Line, start.Column, endLine, endColumn, "{0}", message);
    }

    /// <summary>An I/O failure outside the engine's own reporting, as a coded error with the path it concerns.</summary>
    public static void LogException(TaskLoggingHelper log, Exception exception, string code, string file) =>
        log.LogError(null, code, null, file, 0, 0, 0, 0, "{0} Check that the folder is writable, or set TofuProvidersOutputPath / TofuCachePath.", exception.Message);
}
