using Microsoft.Build.Framework;
using Microsoft.Build.Utilities;
using TofuMirror.Diagnostics;
using TofuMirror.Model.Logging;

namespace TofuMirror.Build.Tasks.Restore;

/// <summary>
/// A project restore's reports as MSBuild errors, warnings and messages of the running task, with any Azure Pipelines
/// logging command in their text made inert (MSBuild's console logger prints them where the agent reads them).
/// </summary>
internal sealed class MSBuildRestoreLog(TaskLoggingHelper log) : IRestoreLog
{
    public bool HasLoggedErrors => log.HasLoggedErrors;

    public void Report(Diagnostic diagnostic, string? fallbackFile)
    {
        var line = DiagnosticLine.From(diagnostic, fallbackFile).Neutralized();
        if (diagnostic.Severity == DiagnosticSeverity.Error)
            log.LogError(null, line.Code, null, line.File, line.Line, line.Column, line.EndLine, line.EndColumn, "{0}", line.Message);
        else
            log.LogWarning(null, line.Code, null, line.File, line.Line, line.Column, line.EndLine, line.EndColumn, "{0}", line.Message);
    }

    public void Error(string code, string file, string message) =>
        log.LogError(null, code, null, LoggingCommandText.Neutralize(file), 0, 0, 0, 0, "{0}", LoggingCommandText.Neutralize(message));

    public void Message(LogImportance importance, string message) => log.LogMessage(importance switch
    {
        LogImportance.High => MessageImportance.High,
        LogImportance.Normal => MessageImportance.Normal,
        _ => MessageImportance.Low,
    }, "{0}", LoggingCommandText.Neutralize(message));
}
