namespace TofuMirror.Build.Tasks.OutOfProcess;

/// <summary>What the out-of-process task and its host agree on besides the settings and outcome files.</summary>
internal static class HostProtocol
{
    /// <summary>Progress lines start with this, then the importance (<c>high</c>, <c>normal</c>, <c>low</c>), <c>: </c> and the text.
    /// Every other line is MSBuild's canonical error format or plain output.</summary>
    public const string MessagePrefix = "tofumirror-message:";

    public const string SettingsFileName = "out-of-process-settings.txt";
    public const string OutcomeFileName = "out-of-process-outcome.txt";
}
