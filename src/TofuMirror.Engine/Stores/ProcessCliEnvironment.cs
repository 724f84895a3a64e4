using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Runtime.InteropServices;
using TofuMirror.Model.CliConfig;

namespace TofuMirror.Engine.Stores;

/// <summary>A <see cref="CliConfigEnvironment"/> over the real disk and OS, with the variables and working folder the caller gives (so a CLI run or a build can pass its own).</summary>
public static class ProcessCliEnvironment
{
    public static CliConfigEnvironment Create(IReadOnlyDictionary<string, string?> variables, string currentDirectory) =>
        Create(name => variables.TryGetValue(name, out var value) ? value : null, currentDirectory);

    public static CliConfigEnvironment Create(Func<string, string?> getVariable, string currentDirectory)
    {
        var home = Environment.GetFolderPath(Environment.SpecialFolder.UserProfile);
        return new CliConfigEnvironment(
            CurrentOperatingSystem(),
            getVariable,
            string.IsNullOrEmpty(home) ? null : home,
            ReadFileOrNull,
            ListFileNamesOrNull,
            currentDirectory);
    }

    private static CliOperatingSystem CurrentOperatingSystem() =>
        RuntimeInformation.IsOSPlatform(OSPlatform.Windows) ? CliOperatingSystem.Windows
        : RuntimeInformation.IsOSPlatform(OSPlatform.OSX) ? CliOperatingSystem.MacOS
        : RuntimeInformation.IsOSPlatform(OSPlatform.Linux) ? CliOperatingSystem.Linux
        : CliOperatingSystem.OtherUnix;

    private static string? ReadFileOrNull(string path)
    {
        try
        {
            return File.ReadAllText(path);
        }
        catch (Exception e) when (e is FileNotFoundException or DirectoryNotFoundException)
        {
            return null;
        }
    }

    private static IReadOnlyList<string>? ListFileNamesOrNull(string path) =>
        Directory.Exists(path)
            ? Directory.GetFiles(path).Select(f => Path.GetFileName(f) ?? f).OrderBy(n => n, StringComparer.Ordinal).ToArray()
            : null;
}
