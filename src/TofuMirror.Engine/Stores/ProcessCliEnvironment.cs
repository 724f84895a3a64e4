using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Runtime.InteropServices;
using TofuMirror.Core.CliConfig;

namespace TofuMirror.Engine.Stores;

/// <summary>A <see cref="CliConfigEnvironment"/> over the real disk, with the variables and working folder the caller gives (so a CLI run or a build can pass its own).</summary>
public static class ProcessCliEnvironment
{
    public static CliConfigEnvironment Create(IReadOnlyDictionary<string, string?> variables, string currentDirectory)
    {
        var os = RuntimeInformation.IsOSPlatform(OSPlatform.Windows) ? CliOperatingSystem.Windows
            : RuntimeInformation.IsOSPlatform(OSPlatform.OSX) ? CliOperatingSystem.MacOS
            : RuntimeInformation.IsOSPlatform(OSPlatform.Linux) ? CliOperatingSystem.Linux
            : CliOperatingSystem.OtherUnix;
        var home = Environment.GetFolderPath(Environment.SpecialFolder.UserProfile);
        return new CliConfigEnvironment(
            os,
            name => variables.TryGetValue(name, out var value) ? value : null,
            string.IsNullOrEmpty(home) ? null : home,
            path => File.Exists(path) ? File.ReadAllText(path) : null,
            path => Directory.Exists(path)
                ? Directory.GetFiles(path).Select(Path.GetFileName).OfType<string>().OrderBy(n => n, StringComparer.Ordinal).ToArray()
                : null,
            currentDirectory);
    }
}
