namespace TofuMirror.Build.Tasks.HostProtocol;

/// <summary>
/// What the out-of-process task and its .NET host agree on: the two JSON files they exchange in the state folder
/// (<see cref="RestoreSettings"/> in, <see cref="RestoreOutcome"/> out, both carrying <see cref="Version"/>) and the
/// prefix of progress lines on the host's output.
/// </summary>
internal static class HostContract
{
    /// <summary>The format version of both files; a side reading another version refuses the file (TOFU0000).</summary>
    /// <remarks>2: <c>trustedKeys</c> and <c>requireSigned</c>; a host that ignored them would silently not enforce signatures.</remarks>
    public const int Version = 2;

    public const string SettingsFileName = "out-of-process-settings.json";
    public const string OutcomeFileName = "out-of-process-outcome.json";

    /// <summary>Progress lines start with this, then the importance (<c>high</c>, <c>normal</c>, <c>low</c>), <c>: </c> and the text.
    /// Every other line is MSBuild's canonical error format or plain output.</summary>
    public const string MessagePrefix = "tofumirror-message:";
}
