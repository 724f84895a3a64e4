using System;
using System.Collections.Generic;
using System.Linq;
using TofuMirror.Model.Diagnostics;
using TofuMirror.Diagnostics;

namespace TofuMirror.Model.CliConfig;

/// <summary>Which CLI configuration files OpenTofu would read, in merge order.</summary>
public sealed class CliConfigLocation
{
    internal CliConfigLocation(string? mainFile, string mainFileCandidate, bool overridden, string? configDirectory,
        IReadOnlyList<string> directoryFiles, IReadOnlyList<Diagnostic> diagnostics)
    {
        MainFile = mainFile;
        MainFileCandidate = mainFileCandidate;
        Overridden = overridden;
        ConfigDirectory = configDirectory;
        DirectoryFiles = directoryFiles;
        Diagnostics = diagnostics;
    }

    /// <summary>The main file when it exists (it is read first), else null.</summary>
    public string? MainFile { get; }

    /// <summary>The main file path that was looked for.</summary>
    public string MainFileCandidate { get; }

    /// <summary>True when <c>TF_CLI_CONFIG_FILE</c> or <c>TERRAFORM_CONFIG</c> chose the file (the directory is then not read).</summary>
    public bool Overridden { get; }

    /// <summary>The configuration directory that was read, or null.</summary>
    public string? ConfigDirectory { get; }

    /// <summary>The <c>*.tfrc</c>/<c>*.tfrc.json</c> files of the directory, in name order.</summary>
    public IReadOnlyList<string> DirectoryFiles { get; }

    /// <summary>All files to read, in order.</summary>
    public IEnumerable<string> Files => (MainFile is null ? Enumerable.Empty<string>() : new[] { MainFile }).Concat(DirectoryFiles);

    /// <summary>Warnings (an override naming a file that does not exist).</summary>
    public IReadOnlyList<Diagnostic> Diagnostics { get; }
}

/// <summary>
/// Finds the CLI configuration files the way OpenTofu does (cli-config.md §2). TofuMirror's own
/// <c>TOFU_CLI_CONFIG_FILE</c> is deliberately not consulted: OpenTofu has no such variable.
/// </summary>
public static class CliConfigLocator
{
    /// <summary>Locates the main file and the configuration directory's files.</summary>
    public static CliConfigLocation Locate(CliConfigEnvironment environment)
    {
        if (environment is null) throw new ArgumentNullException(nameof(environment));
        var diagnostics = new List<Diagnostic>();
        var overrideVariable = environment.Variable("TF_CLI_CONFIG_FILE") is not null ? "TF_CLI_CONFIG_FILE" : "TERRAFORM_CONFIG";
        var overridePath = environment.Variable(overrideVariable);
        if (overridePath is not null)
        {
            string? main = overridePath;
            if (!environment.FileExists(overridePath))
            {
                main = null;
                diagnostics.Add(new Diagnostic(DiagnosticSeverity.Warning, "Unable to open CLI configuration file",
                    $"The CLI configuration file at \"{overridePath}\" does not exist. The path comes from the {overrideVariable} " +
                    "environment variable; while it is set, no other CLI configuration file is read. Correct or unset it.", null)
                { Code = DiagnosticCodes.FileNotReadable });
            }
            return new CliConfigLocation(main, overridePath, true, null, Array.Empty<string>(), diagnostics);
        }

        var candidate = MainFilePath(environment);
        var mainFile = environment.FileExists(candidate) ? candidate : null;
        var directory = ConfigDirectoryPath(environment);
        var names = environment.ListDirectory(directory);
        IReadOnlyList<string> files = Array.Empty<string>();
        string? readDirectory = null;
        if (names is not null)
        {
            readDirectory = directory;
            files = names
                .Where(n => n.EndsWith(".tfrc", StringComparison.Ordinal) || n.EndsWith(".tfrc.json", StringComparison.Ordinal))
                .OrderBy(n => n, StringComparer.Ordinal)
                .Select(n => environment.Combine(directory, n))
                .ToArray();
        }
        return new CliConfigLocation(mainFile, candidate, false, readDirectory, files, diagnostics);
    }

    /// <summary>The default main file: <c>~/.tofurc</c> (legacy <c>~/.terraformrc</c>, XDG fallback) or <c>%APPDATA%\tofu.rc</c>.</summary>
    public static string MainFilePath(CliConfigEnvironment environment)
    {
        if (environment.IsWindows)
        {
            var appData = environment.Variable("APPDATA") ?? "";
            return NewOrLegacy(environment, environment.Combine(appData, "tofu.rc"), environment.Combine(appData, "terraform.rc"));
        }
        var home = UnixHome(environment);
        var newFile = environment.Combine(home, ".tofurc");
        var legacyFile = environment.Combine(home, ".terraformrc");
        var xdg = environment.Variable("XDG_CONFIG_HOME");
        if (xdg is not null && !environment.FileExists(legacyFile) && !environment.FileExists(newFile))
        {
            return environment.Combine(xdg, "opentofu", "tofurc");
        }
        return NewOrLegacy(environment, newFile, legacyFile);
    }

    /// <summary>The configuration directory: <c>~/.terraform.d</c> (XDG fallback) or <c>%APPDATA%\terraform.d</c>.</summary>
    public static string ConfigDirectoryPath(CliConfigEnvironment environment)
    {
        if (environment.IsWindows) return environment.Combine(environment.Variable("APPDATA") ?? "", "terraform.d");
        var directory = environment.Combine(UnixHome(environment), ".terraform.d");
        var xdg = environment.Variable("XDG_CONFIG_HOME");
        if (xdg is not null && environment.ListDirectory(directory) is null) directory = environment.Combine(xdg, "opentofu");
        return directory;
    }

    private static string UnixHome(CliConfigEnvironment environment) =>
        environment.Variable("HOME") ?? environment.FallbackHomeDirectory ?? "";

    private static string NewOrLegacy(CliConfigEnvironment environment, string newPath, string legacyPath) =>
        !environment.FileExists(newPath) && environment.FileExists(legacyPath) ? legacyPath : newPath;
}
