using System.CommandLine;
using System.Linq;
using TofuMirror.Cli.Help;
using TofuMirror.Cli.Output;
using TofuMirror.Engine.Checks;

namespace TofuMirror.Cli.Commands;

/// <summary>
/// <c>tofu-mirror check</c>: parses the module's <c>.tf</c>/<c>.tf.json</c> files, its lock file and the CLI
/// configuration, and checks the locked versions against the constraints.
/// </summary>
internal static class CheckCommand
{
    private const string JsonShape =
        "{\"module\", \"success\", \"providers\": [{\"address\", \"lockedVersion\"?, \"constraints\"?}], \"diagnostics\": [...]}";

    public static Command Create(CliConsole console)
    {
        var chdir = CommonOptions.ChangeDirectory();
        var config = CommonOptions.CliConfigFile();
        var json = CommonOptions.Json();
        var command = new DocumentedCommand("check", "Check a module's configuration, lock file and CLI configuration; exit 1 on any error.", JsonShape)
        {
            chdir, config, json,
        };
        command.SetAction(result => Run(console, result.GetValue(chdir)!, result.GetValue(config), result.GetValue(json)));
        return command;
    }

    private static int Run(CliConsole console, string chdir, string? configFile, bool json)
    {
        var reporter = new DiagnosticReporter(console);
        var report = CheckJob.Run(new CheckRequest(
            console.FullPath(chdir),
            configFile is null ? null : console.FullPath(configFile),
            console.Environment));
        var (errors, warnings) = DiagnosticReporter.Count(report.Diagnostics);

        if (json)
        {
            JsonOutput.Write(console.Out, writer =>
            {
                writer.WriteString("module", report.ModuleDirectory);
                writer.WriteBoolean("success", errors == 0);
                writer.WriteStartArray("providers");
                foreach (var provider in report.Providers)
                {
                    writer.WriteStartObject();
                    writer.WriteString("address", provider.Address.ToString());
                    if (provider.LockedVersion is { } version) writer.WriteString("lockedVersion", version.ToString());
                    if (provider.Constraints is { } constraints) writer.WriteString("constraints", constraints);
                    writer.WriteEndObject();
                }
                writer.WriteEndArray();
                JsonOutput.WriteDiagnostics(writer, report.Diagnostics, reporter.DisplayPath);
            });
        }
        else
        {
            reporter.Report(report.Diagnostics);
            console.Error.WriteLine($"check: {report.Providers.Count} provider(s), {errors} error(s), {warnings} warning(s)");
        }
        return errors == 0 ? ExitCodes.Success : ExitCodes.Failure;
    }
}
