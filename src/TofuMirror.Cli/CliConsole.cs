using System;
using System.Collections.Generic;
using System.IO;
using TofuMirror.Cli.Output;

namespace TofuMirror.Cli;

/// <summary>
/// Where output goes and in what style: results on <see cref="Out"/>, diagnostics and progress on
/// <see cref="Error"/>; Azure Pipelines logging commands when <c>TF_BUILD=True</c>.
/// </summary>
internal sealed class CliConsole
{
    public CliConsole(TextWriter output, TextWriter error, IReadOnlyDictionary<string, string?> environment, string currentDirectory,
        bool errorIsTerminal = false)
    {
        Out = NeutralizingWriter.Over(output);
        Error = NeutralizingWriter.Over(error);
        TerminalError = error;
        Environment = environment;
        CurrentDirectory = currentDirectory;
        ErrorIsTerminal = errorIsTerminal;
    }

    /// <summary>Standard output; nothing written here can act as an Azure Pipelines logging command.</summary>
    public TextWriter Out { get; }

    /// <summary>Standard error, neutralized like <see cref="Out"/>.</summary>
    public TextWriter Error { get; }

    /// <summary>Standard error as given, for a live terminal display (never shown in a pipeline).</summary>
    public TextWriter TerminalError { get; }
    public IReadOnlyDictionary<string, string?> Environment { get; }
    public string CurrentDirectory { get; }

    /// <summary>True when <see cref="Error"/> is an interactive terminal (not redirected to a file or pipe).</summary>
    public bool ErrorIsTerminal { get; }

    /// <summary>True inside an Azure Pipelines job, where problems are also written as <c>##vso[task.logissue]</c>.</summary>
    public bool IsAzurePipelines => string.Equals(Variable("TF_BUILD"), "True", StringComparison.OrdinalIgnoreCase);

    /// <summary>One of our own <c>##vso[…]</c> commands on standard output (the agent reads it there).</summary>
    public void WriteCommand(string command) => ((NeutralizingWriter)Out).WriteCommandLine(command);

    /// <summary>One of our own <c>##[…]</c> formatting lines (group, endgroup) on standard error.</summary>
    public void WriteErrorCommand(string command) => ((NeutralizingWriter)Error).WriteCommandLine(command);

    public string? Variable(string name) => Environment.TryGetValue(name, out var value) ? value : null;

    public static CliConsole FromProcess()
    {
        var environment = new Dictionary<string, string?>(StringComparer.Ordinal);
        foreach (System.Collections.DictionaryEntry entry in System.Environment.GetEnvironmentVariables())
            environment[(string)entry.Key] = entry.Value as string;
        return new CliConsole(Console.Out, Console.Error, environment, Directory.GetCurrentDirectory(), errorIsTerminal: !Console.IsErrorRedirected);
    }

    /// <summary>The same console with <see cref="Error"/> replaced (e.g. by a writer that prints above a live progress display).</summary>
    public CliConsole WithError(TextWriter error) => new(Out, error, Environment, CurrentDirectory, ErrorIsTerminal);

    /// <summary>A path given on the command line, made absolute against the current directory.</summary>
    public string FullPath(string path) => Path.GetFullPath(Path.Combine(CurrentDirectory, path));
}
