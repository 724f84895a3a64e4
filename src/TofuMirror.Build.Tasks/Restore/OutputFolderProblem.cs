using System;
using System.IO;

namespace TofuMirror.Build.Tasks.Restore;

/// <summary>The message for an I/O failure outside the per-package reporting: the output or cache folder itself, or a damaged package.</summary>
internal static class OutputFolderProblem
{
    public static string Describe(Exception exception) =>
        IsMissingAssembly(exception)
            ? exception.Message + " The TofuMirror.Build package is incomplete: delete its folder from the NuGet package cache and restore again."
            : exception.Message + " Check that the folder is writable, or set TofuProvidersOutputPath / TofuCachePath.";

    /// <summary>An assembly that failed to load names itself by display name (<c>Name, Version=…, Culture=…</c>), not by path.</summary>
    private static bool IsMissingAssembly(Exception exception) =>
        exception is FileNotFoundException or FileLoadException
        && (exception is FileNotFoundException { FileName: { } name } ? name : (exception as FileLoadException)?.FileName)?.Contains("Culture=", StringComparison.Ordinal) == true;
}
