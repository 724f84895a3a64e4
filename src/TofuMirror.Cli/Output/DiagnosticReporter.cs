using System.Collections.Generic;
using System.IO;
using System.Linq;
using TofuMirror.Diagnostics;

namespace TofuMirror.Cli.Output;

/// <summary>
/// Writes diagnostics as <c>FILE:LINE:COL: error TOFUnnnn: summary: detail</c> lines (the form editors and build
/// logs link), plus Azure Pipelines <c>##vso[task.logissue]</c> commands inside a pipeline.
/// </summary>
internal sealed class DiagnosticReporter
{
    private readonly CliConsole _console;

    public DiagnosticReporter(CliConsole console) => _console = console;

    public void Report(IEnumerable<Diagnostic> diagnostics)
    {
        foreach (var diagnostic in diagnostics) Report(diagnostic);
    }

    public void Report(Diagnostic diagnostic)
    {
        var display = diagnostic.Subject is { } subject
            ? diagnostic with { Subject = subject with { FileName = DisplayPath(subject.FileName) } }
            : diagnostic;
        _console.Error.WriteLine(display.ToString());
        if (_console.IsAzurePipelines) _console.WriteCommand(AzurePipelinesCommands.LogIssue(display));
    }

    /// <summary>Paths under the current directory print relative to it; others stay absolute.</summary>
    public string DisplayPath(string path)
    {
        if (!Path.IsPathRooted(path)) return path;
        var relative = Path.GetRelativePath(_console.CurrentDirectory, path);
        return relative.StartsWith("..", System.StringComparison.Ordinal) ? path : relative;
    }

    public static (int Errors, int Warnings) Count(IEnumerable<Diagnostic> diagnostics)
    {
        var list = diagnostics.ToList();
        return (list.Count(d => d.Severity == DiagnosticSeverity.Error), list.Count(d => d.Severity == DiagnosticSeverity.Warning));
    }
}
