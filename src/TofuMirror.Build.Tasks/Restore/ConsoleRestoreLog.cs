using System;
using System.IO;
using TofuMirror.Build.Tasks.HostProtocol;
using TofuMirror.Diagnostics;
using TofuMirror.Model.Logging;

namespace TofuMirror.Build.Tasks.Restore;

/// <summary>
/// The out-of-process host's log: problems as MSBuild canonical lines (<c>file(line,col,endLine,endCol): error
/// CODE: message</c>), which the calling task's output parser turns back into errors and warnings at their place;
/// progress as lines prefixed with their importance (<see cref="HostContract.MessagePrefix"/>). No line can act as an
/// Azure Pipelines logging command.
/// </summary>
internal sealed class ConsoleRestoreLog(TextWriter output) : IRestoreLog
{
    private readonly object _gate = new();

    public bool HasLoggedErrors { get; private set; }

    public void Report(Diagnostic diagnostic, string? fallbackFile)
    {
        var line = DiagnosticLine.From(diagnostic, fallbackFile);
        var severity = diagnostic.Severity == DiagnosticSeverity.Error ? "error" : "warning";
        Write(Origin(line) + $": {severity} {line.Code}: {OneLine(line.Message)}", severity == "error");
    }

    public void Error(string code, string file, string message) =>
        Write(Origin(new DiagnosticLine(code, message, file, 0, 0, 0, 0)) + $": error {code}: {OneLine(message)}", isError: true);

    public void Message(LogImportance importance, string message) =>
        Write($"{HostContract.MessagePrefix}{importance.ToString().ToLowerInvariant()}: {OneLine(message)}", isError: false);

    private void Write(string line, bool isError)
    {
        lock (_gate)
        {
            HasLoggedErrors |= isError;
            output.WriteLine(LoggingCommandText.Neutralize(line));
        }
    }

    private static string Origin(DiagnosticLine line)
    {
        var file = line.File.Length > 0 ? line.File : "tofu-mirror";
        if (line.Line <= 0) return file;
        return line.EndLine > 0
            ? $"{file}({line.Line},{line.Column},{line.EndLine},{line.EndColumn})"
            : $"{file}({line.Line},{line.Column})";
    }

    private static string OneLine(string text) => text.Replace("\r\n", " ").Replace('\n', ' ').Replace('\r', ' ');
}
