using System.CommandLine;

namespace TofuMirror.Cli.Help;

/// <summary>
/// A command whose one-line summary is what <c>tofu-mirror --help</c> lists, while its own <c>--help</c> adds the
/// details and the shape of its <c>--json</c> document (written by <see cref="DetailedHelpAction"/>).
/// </summary>
internal sealed class DocumentedCommand : Command
{
    public DocumentedCommand(string name, string summary, string jsonShape, string? details = null)
        : base(name, summary)
    {
        JsonShape = jsonShape;
        Details = details;
    }

    /// <summary>What the command does beyond its summary; null when the summary says it all.</summary>
    public string? Details { get; }

    /// <summary>The <c>--json</c> document: field names, <c>?</c> after optional ones, enumerations in parentheses.</summary>
    public string JsonShape { get; }
}
