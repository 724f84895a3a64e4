using System.CommandLine;
using System.CommandLine.Help;
using System.CommandLine.Invocation;

namespace TofuMirror.Cli.Help;

/// <summary>
/// System.CommandLine's help, followed for a <see cref="DocumentedCommand"/> by its details and <c>--json</c> shape;
/// the command list of the root help therefore stays one summary line per command.
/// </summary>
internal sealed class DetailedHelpAction : SynchronousCommandLineAction
{
    private readonly HelpAction _standardHelp;

    public DetailedHelpAction(HelpAction standardHelp) => _standardHelp = standardHelp;

    public override bool ClearsParseErrors => true;

    public override int Invoke(ParseResult parseResult)
    {
        var exitCode = _standardHelp.Invoke(parseResult);
        if (parseResult.CommandResult.Command is DocumentedCommand command)
        {
            var output = parseResult.InvocationConfiguration.Output;
            if (command.Details is { } details) WriteSection(output, "Details:", details);
            WriteSection(output, "JSON output (--json, on stdout):", command.JsonShape);
        }
        return exitCode;
    }

    /// <summary>Replaces the help action of <paramref name="root"/>'s help option, which every subcommand inherits.</summary>
    public static void Install(RootCommand root)
    {
        foreach (var option in root.Options)
            if (option is HelpOption { Action: HelpAction standard } help)
                help.Action = new DetailedHelpAction(standard);
    }

    private static void WriteSection(System.IO.TextWriter output, string title, string text)
    {
        output.WriteLine(title);
        foreach (var line in text.Split('\n')) output.WriteLine("  " + line);
        output.WriteLine();
    }
}
