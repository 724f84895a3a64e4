using System;

namespace TofuMirror.Build.Tasks.Restore;

/// <summary>The message for an I/O failure of the output or cache folder itself (per-package failures are diagnostics).</summary>
internal static class OutputFolderProblem
{
    public static string Describe(Exception exception) =>
        exception.Message + " Check that the folder is writable, or set TofuProvidersOutputPath / TofuCachePath.";
}
