using System;
using System.Collections.Generic;
using System.Text;

namespace TofuMirror.Oci.Auth;

/// <summary>One challenge of a <c>WWW-Authenticate</c> header: a scheme and its parameters.</summary>
public sealed record AuthChallenge(string Scheme, IReadOnlyDictionary<string, string> Parameters)
{
    public bool IsBearer => string.Equals(Scheme, "Bearer", StringComparison.OrdinalIgnoreCase);

    public bool IsBasic => string.Equals(Scheme, "Basic", StringComparison.OrdinalIgnoreCase);

    public string? Realm => Get("realm");

    public string? Service => Get("service");

    /// <summary>The <c>scope</c> parameter split on spaces (a challenge may carry several).</summary>
    public IReadOnlyList<string> Scopes
        => Get("scope") is { Length: > 0 } s ? s.Split(' ', StringSplitOptions.RemoveEmptyEntries) : Array.Empty<string>();

    public string? Get(string name) => Parameters.TryGetValue(name, out var v) ? v : null;

    /// <summary>
    /// Parses a header value into its challenges (RFC 7235: schemes, <c>name=value</c> or
    /// <c>name="quoted, with \" escapes"</c> parameters, several challenges separated by commas,
    /// token68 values). Malformed parts are skipped, never thrown on.
    /// </summary>
    public static IReadOnlyList<AuthChallenge> Parse(string? header)
    {
        var result = new List<AuthChallenge>();
        if (string.IsNullOrWhiteSpace(header)) return result;
        var s = header!;
        var i = 0;
        string? scheme = null;
        Dictionary<string, string>? parameters = null;

        void Flush()
        {
            if (scheme is not null) result.Add(new AuthChallenge(scheme, parameters!));
            scheme = null;
            parameters = null;
        }

        while (i < s.Length)
        {
            SkipSpaceAndCommas(s, ref i);
            if (i >= s.Length) break;
            var token = ReadToken(s, ref i);
            if (token.Length == 0)
            {
                i++; // a character that cannot start anything: skip it
                continue;
            }

            var afterToken = i;
            SkipSpaces(s, ref i);
            if (scheme is not null && i < s.Length && s[i] == '=')
            {
                // name=value parameter of the current challenge
                i++;
                SkipSpaces(s, ref i);
                var value = i < s.Length && s[i] == '"' ? ReadQuoted(s, ref i) : ReadToken(s, ref i);
                parameters![token] = value;
                continue;
            }

            // A new challenge begins with this token as its scheme.
            Flush();
            scheme = token;
            parameters = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
            if (afterToken < s.Length && s[afterToken] == ' ' && i < s.Length && s[i] != ',')
            {
                // token68 (e.g. "Negotiate abc==") when no '=' follows a name
                var save = i;
                var name = ReadToken(s, ref i);
                SkipSpaces(s, ref i);
                if (name.Length > 0 && (i >= s.Length || s[i] != '=' || IsToken68Padding(s, i)))
                {
                    var end = i;
                    while (end < s.Length && s[end] != ',') end++;
                    parameters[string.Empty] = s.Substring(save, end - save).Trim();
                    i = end;
                }
                else
                {
                    i = save;
                }
            }

        }

        Flush();
        return result;
    }

    // "abc==" or "abc=" followed by the end or a comma is token68 padding, not an empty parameter.
    private static bool IsToken68Padding(string s, int i)
    {
        var j = i;
        while (j < s.Length && s[j] == '=') j++;
        if (j - i >= 2) return true;
        SkipSpaces(s, ref j);
        return j >= s.Length || s[j] == ',';
    }

    private static void SkipSpaces(string s, ref int i)
    {
        while (i < s.Length && (s[i] == ' ' || s[i] == '\t')) i++;
    }

    private static void SkipSpaceAndCommas(string s, ref int i)
    {
        while (i < s.Length && (s[i] == ' ' || s[i] == '\t' || s[i] == ',')) i++;
    }

    private static string ReadToken(string s, ref int i)
    {
        var start = i;
        while (i < s.Length && IsTokenChar(s[i])) i++;
        return s.Substring(start, i - start);
    }

    private static string ReadQuoted(string s, ref int i)
    {
        var sb = new StringBuilder();
        i++; // opening quote
        while (i < s.Length && s[i] != '"')
        {
            if (s[i] == '\\' && i + 1 < s.Length) i++;
            sb.Append(s[i]);
            i++;
        }

        if (i < s.Length) i++; // closing quote
        return sb.ToString();
    }

    // RFC 7230 tchar, plus '/' so token68-ish values like realms without quotes survive.
    private static bool IsTokenChar(char c)
        => c is (>= 'a' and <= 'z') or (>= 'A' and <= 'Z') or (>= '0' and <= '9')
            or '!' or '#' or '$' or '%' or '&' or '\'' or '*' or '+' or '-' or '.' or '^' or '_' or '`' or '|' or '~'
            or '/' or ':';
}
