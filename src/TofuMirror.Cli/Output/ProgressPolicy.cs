using System;

namespace TofuMirror.Cli.Output;

/// <summary>
/// Whether long transfers draw a live progress display on stderr: only for a person at an interactive terminal,
/// never in a log (stderr redirected), in Azure Pipelines, on a terminal that cannot move the cursor, or when the
/// output is for a program (<c>--json</c>) or the user asked (<c>--no-progress</c>).
/// </summary>
internal static class ProgressPolicy
{
    public static bool ShowsProgress(bool errorIsTerminal, Func<string, string?> variable, bool json, bool noProgress) =>
        errorIsTerminal
        && !json
        && !noProgress
        && !string.Equals(variable("TF_BUILD"), "True", StringComparison.OrdinalIgnoreCase)
        && !string.Equals(variable("TERM"), "dumb", StringComparison.Ordinal);

    public static bool ShowsProgress(CliConsole console, bool json, bool noProgress) =>
        ShowsProgress(console.ErrorIsTerminal, console.Variable, json, noProgress);
}
