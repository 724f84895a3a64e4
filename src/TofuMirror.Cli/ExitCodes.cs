namespace TofuMirror.Cli;

/// <summary>The process exit codes of <c>tofu-mirror</c>; documented in <c>--help</c> and the README.</summary>
internal static class ExitCodes
{
    /// <summary>The command did what was asked.</summary>
    public const int Success = 0;
    /// <summary>The command ran and found or hit problems (invalid files, failed providers).</summary>
    public const int Failure = 1;
    /// <summary>The command line itself is wrong (unknown option, missing argument).</summary>
    public const int UsageError = 2;
    /// <summary>Cancelled with Ctrl+C (128 + SIGINT, as shells report it).</summary>
    public const int Cancelled = 130;

    public const string HelpText = "Exit codes: 0 success, 1 failure, 2 usage error, 130 cancelled.";
}
