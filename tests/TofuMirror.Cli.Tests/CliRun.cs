using System;
using System.Collections.Generic;
using System.IO;
using System.Text.Json;
using System.Threading.Tasks;

namespace TofuMirror.Cli.Tests;

/// <summary>Runs <c>tofu-mirror</c> in process, with stdout and stderr captured and a private environment.</summary>
internal sealed class CliRun
{
    private CliRun(int exitCode, string output, string error)
    {
        ExitCode = exitCode;
        Out = output;
        Error = error;
    }

    public int ExitCode { get; }
    public string Out { get; }
    public string Error { get; }

    public JsonElement Json => JsonDocument.Parse(Out).RootElement;

    public static Task<CliRun> RunAsync(string currentDirectory, params string[] args) =>
        RunAsync(currentDirectory, errorIsTerminal: false, new Dictionary<string, string?>(), args);

    /// <summary>As if stderr were an interactive terminal (when <paramref name="errorIsTerminal"/>), with extra environment variables.</summary>
    public static async Task<CliRun> RunAsync(string currentDirectory, bool errorIsTerminal, IReadOnlyDictionary<string, string?> variables, params string[] args)
    {
        var output = new StringWriter { NewLine = "\n" };
        var error = new StringWriter { NewLine = "\n" };
        var environment = new Dictionary<string, string?>(StringComparer.Ordinal)
        {
            ["HOME"] = currentDirectory,
            ["XDG_CACHE_HOME"] = Path.Combine(currentDirectory, ".cache"),
            // An empty CLI config so the developer's own ~/.tofurc never leaks in.
            ["TF_CLI_CONFIG_FILE"] = WriteEmptyConfig(currentDirectory),
        };
        foreach (var (name, value) in variables) environment[name] = value;
        var code = await CliApp.RunAsync(args, new CliConsole(output, error, environment, currentDirectory, errorIsTerminal));
        return new CliRun(code, output.ToString(), error.ToString());
    }

    private static string WriteEmptyConfig(string directory)
    {
        Directory.CreateDirectory(directory);
        var path = Path.Combine(directory, "empty.tofurc");
        if (!File.Exists(path)) File.WriteAllText(path, "");
        return path;
    }

    public override string ToString() => $"exit {ExitCode}\nstdout:\n{Out}\nstderr:\n{Error}";
}
