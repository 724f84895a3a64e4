using TofuMirror.Model.Diagnostics;
using TofuMirror.Diagnostics;
using TofuMirror.Model.Logging;

namespace TofuMirror.Build.Tasks.Restore;

/// <summary>How loud a progress message is (MSBuild's importances).</summary>
internal enum LogImportance { High, Normal, Low }

/// <summary>
/// Where a project restore reports: MSBuild's logger in the build process, or canonical error lines on standard
/// output in the out-of-process host. Every problem carries a TOFU code and, where known, file, line and column.
/// </summary>
internal interface IRestoreLog
{
    bool HasLoggedErrors { get; }

    /// <summary>An engine diagnostic; <paramref name="fallbackFile"/> is the file it concerns when it has no range.</summary>
    void Report(Diagnostic diagnostic, string? fallbackFile);

    void Error(string code, string file, string message);

    void Message(LogImportance importance, string message);
}

/// <summary>The parts of a diagnostic that both log targets print.</summary>
internal readonly record struct DiagnosticLine(string Code, string Message, string File, int Line, int Column, int EndLine, int EndColumn)
{
    /// <summary>The same line with its message and file unable to act as Azure Pipelines logging commands.</summary>
    public DiagnosticLine Neutralized() =>
        this with { Message = LoggingCommandText.Neutralize(Message), File = LoggingCommandText.Neutralize(File) };

    /// <summary>A diagnostic without a code still gets one (<see cref="DiagnosticCodes.Unclassified"/>), so every build problem can be looked up.</summary>
    public static DiagnosticLine From(Diagnostic diagnostic, string? fallbackFile)
    {
        var code = string.IsNullOrEmpty(diagnostic.Code) ? DiagnosticCodes.Unclassified : diagnostic.Code!;
        var message = string.IsNullOrEmpty(diagnostic.Detail) ? diagnostic.Summary : diagnostic.Summary + ": " + diagnostic.Detail;
        var start = diagnostic.Subject?.Start ?? default;
        var end = diagnostic.Subject?.End ?? default;
        var endLine = end.Line >= start.Line ? end.Line : 0;
        return new DiagnosticLine(code, message, diagnostic.Subject?.FileName ?? fallbackFile ?? string.Empty,
            start.Line, start.Column, endLine, endLine > 0 ? end.Column : 0);
    }
}
