using System.Text;
using TofuMirror.Diagnostics;
using TofuMirror.Model.Logging;

namespace TofuMirror.Cli.Output;

/// <summary>
/// Azure Pipelines logging commands (<c>##vso[…]</c>), with their property and message escaping; text inside them
/// is neutralized too, and they are written with <see cref="CliConsole.WriteCommand"/>.
/// </summary>
internal static class AzurePipelinesCommands
{
    public static string LogIssue(Diagnostic diagnostic)
    {
        var text = new StringBuilder("##vso[task.logissue type=")
            .Append(diagnostic.Severity == DiagnosticSeverity.Error ? "error" : "warning");
        if (diagnostic.Subject is { } subject)
        {
            text.Append(";sourcepath=").Append(EscapeProperty(subject.FileName))
                .Append(";linenumber=").Append(subject.Start.Line)
                .Append(";columnnumber=").Append(subject.Start.Column);
        }
        if (!string.IsNullOrEmpty(diagnostic.Code)) text.Append(";code=").Append(diagnostic.Code);
        var message = string.IsNullOrEmpty(diagnostic.Detail) ? diagnostic.Summary : diagnostic.Summary + ": " + diagnostic.Detail;
        return text.Append(']').Append(EscapeMessage(message)).ToString();
    }

    public static string SetVariable(string name, string value) =>
        $"##vso[task.setvariable variable={EscapeProperty(name)}]{EscapeMessage(value)}";

    public static string SetProgress(int percent, string activity) =>
        $"##vso[task.setprogress value={percent};]{EscapeMessage(activity)}";

    private static string EscapeMessage(string value) =>
        LoggingCommandText.Neutralize(value).Replace("%", "%AZP25").Replace("\r", "%0D").Replace("\n", "%0A");

    private static string EscapeProperty(string value) =>
        EscapeMessage(value).Replace(";", "%3B").Replace("]", "%5D");
}
