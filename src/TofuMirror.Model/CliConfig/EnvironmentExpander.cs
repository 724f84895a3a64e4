using System.Text;

namespace TofuMirror.Model.CliConfig;

/// <summary>Expands <c>$VAR</c> and <c>${VAR}</c> like Go's <c>os.ExpandEnv</c> (unset variables become empty).</summary>
public static class EnvironmentExpander
{
    /// <summary>Expands the references in <paramref name="text"/>.</summary>
    public static string Expand(string text, CliConfigEnvironment environment)
    {
        var sb = new StringBuilder(text.Length);
        var i = 0;
        while (i < text.Length)
        {
            var c = text[i];
            if (c != '$' || i + 1 >= text.Length)
            {
                sb.Append(c);
                i++;
                continue;
            }
            var next = text[i + 1];
            if (next == '{')
            {
                var close = text.IndexOf('}', i + 2);
                if (close < 0)
                {
                    // Go drops a malformed "${" reference entirely.
                    i = text.Length;
                    continue;
                }
                sb.Append(environment.Variable(text.Substring(i + 2, close - i - 2)) ?? "");
                i = close + 1;
                continue;
            }
            if (IsSpecial(next))
            {
                sb.Append(environment.Variable(next.ToString()) ?? "");
                i += 2;
                continue;
            }
            var end = i + 1;
            while (end < text.Length && IsNameChar(text[end])) end++;
            if (end == i + 1)
            {
                // "$" followed by something that is not a name: Go drops the "$" (and keeps the rest).
                i++;
                continue;
            }
            sb.Append(environment.Variable(text.Substring(i + 1, end - i - 1)) ?? "");
            i = end;
        }
        return sb.ToString();
    }

    private static bool IsSpecial(char c) => c is '*' or '#' or '$' or '@' or '!' or '?' or '-' or (>= '0' and <= '9');

    private static bool IsNameChar(char c) => c is '_' or (>= 'a' and <= 'z') or (>= 'A' and <= 'Z') or (>= '0' and <= '9');
}
