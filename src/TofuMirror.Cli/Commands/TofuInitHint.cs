using System;
using System.IO;
using System.Text.RegularExpressions;

namespace TofuMirror.Cli.Commands;

/// <summary>The <c>tofu init</c> command line restore suggests: with <c>-chdir</c> when the module is not the current folder.</summary>
internal static class TofuInitHint
{
    private static readonly Regex PlainWord = new(@"^[A-Za-z0-9_./:@%+=,-]+$", RegexOptions.CultureInvariant);

    /// <param name="cliConfigFile">The written tofu.rc (absolute).</param>
    /// <param name="moduleDirectory">The root module (absolute).</param>
    /// <param name="currentDirectory">Where the user runs the command.</param>
    /// <param name="displayModule">The module as the user should type it (relative to the current folder when under it).</param>
    public static string For(string cliConfigFile, string moduleDirectory, string currentDirectory, string displayModule)
    {
        var sameFolder = string.Equals(Path.TrimEndingDirectorySeparator(Path.GetFullPath(moduleDirectory)),
            Path.TrimEndingDirectorySeparator(Path.GetFullPath(currentDirectory)),
            OperatingSystem.IsWindows() ? StringComparison.OrdinalIgnoreCase : StringComparison.Ordinal);
        var chdir = sameFolder ? "" : "-chdir=" + Quote(displayModule) + " ";
        return $"TF_CLI_CONFIG_FILE={Quote(cliConfigFile)} tofu {chdir}init";
    }

    /// <summary>Single-quotes a word the shell would split or expand.</summary>
    private static string Quote(string word) => PlainWord.IsMatch(word) ? word : "'" + word.Replace("'", "'\\''") + "'";
}
