using System;
using System.Collections.Generic;
using System.IO;

namespace TofuMirror.Build.Tasks.HostProtocol;

/// <summary>Where the <c>dotnet</c> executable may be, in the order the out-of-process task tries them.</summary>
internal static class DotnetHost
{
    public static IEnumerable<string> Candidates(string? configured, string executableName)
    {
        if (!string.IsNullOrWhiteSpace(configured)) yield return configured!.Trim();
        // Set by the .NET SDK for the MSBuild it runs; absent under Visual Studio's MSBuild.
        if (Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") is { Length: > 0 } hostPath) yield return hostPath;
        if (Environment.GetEnvironmentVariable("DOTNET_ROOT") is { Length: > 0 } root) yield return Path.Combine(root, executableName);
        foreach (var folder in (Environment.GetEnvironmentVariable("PATH") ?? "").Split(Path.PathSeparator))
            if (folder.Trim().Length > 0) yield return Path.Combine(folder.Trim(), executableName);
        var programFiles = Environment.GetFolderPath(Environment.SpecialFolder.ProgramFiles);
        if (programFiles.Length > 0) yield return Path.Combine(programFiles, "dotnet", executableName);
        yield return Path.Combine("/usr/share/dotnet", executableName);
        yield return Path.Combine("/usr/local/share/dotnet", executableName);
    }
}
