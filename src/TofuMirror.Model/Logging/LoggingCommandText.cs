using System;
using System.Text;

namespace TofuMirror.Model.Logging;

/// <summary>
/// Makes text from outside (registry messages, zip entry names, file paths, helper output) inert in CI logs: the
/// Azure Pipelines agent runs <c>##vso[…]</c> wherever it appears in a line and formats lines with <c>##[…]</c>,
/// so both are broken up as <c># #vso[</c> and <c># #[</c>. Our own logging commands are written around this.
/// </summary>
public static class LoggingCommandText
{
    private static readonly string[] Starts = ["##vso[", "##["];

    /// <summary><paramref name="text"/> with every logging-command start broken up; other text unchanged.</summary>
    public static string Neutralize(string text)
    {
        if (text.IndexOf("##", StringComparison.Ordinal) < 0) return text;
        var result = new StringBuilder(text.Length + 8);
        var pending = new StringBuilder();
        foreach (var c in text) Append(result, pending, c);
        return result.Append(pending).ToString();
    }

    /// <summary>
    /// Streams one character: <paramref name="pending"/> holds the characters that could still begin a command
    /// (at most five), <paramref name="output"/> gets the rest, a completed command start broken up.
    /// </summary>
    public static void Append(StringBuilder output, StringBuilder pending, char c)
    {
        pending.Append(c);
        while (pending.Length > 0 && !IsStartPrefix(pending))
        {
            output.Append(pending[0]);
            pending.Remove(0, 1);
        }
        if (!IsCompleteStart(pending)) return;
        output.Append("# ").Append(pending.ToString(1, pending.Length - 1));
        pending.Clear();
    }

    private static bool IsCompleteStart(StringBuilder pending) =>
        pending.Length > 0 && pending[pending.Length - 1] == '[' && IsStartPrefix(pending);

    private static bool IsStartPrefix(StringBuilder pending)
    {
        foreach (var start in Starts)
        {
            if (pending.Length > start.Length) continue;
            var matches = true;
            for (var i = 0; i < pending.Length && matches; i++)
                matches = char.ToLowerInvariant(pending[i]) == start[i];
            if (matches) return true;
        }
        return false;
    }
}
