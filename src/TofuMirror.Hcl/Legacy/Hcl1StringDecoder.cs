using System;
using System.Globalization;
using System.Text;

namespace TofuMirror.Hcl.Legacy;

/// <summary>Turns HCL 1 string and heredoc token text into values, as HCL 1 does when it reads a token.</summary>
internal static class Hcl1StringDecoder
{
    /// <summary>
    /// Unquotes <c>"..."</c>: Go-style escapes are processed, but the text of <c>${ ... }</c> sequences is
    /// copied exactly (HCL 1 leaves interpolations to the program). Returns false when the text is malformed.
    /// </summary>
    public static bool TryUnquote(string quoted, out string value)
    {
        value = "";
        if (quoted.Length < 2 || quoted[0] != '"' || quoted[quoted.Length - 1] != '"') return false;
        var s = quoted.Substring(1, quoted.Length - 2);
        var sb = new StringBuilder(s.Length);
        var i = 0;
        while (i < s.Length)
        {
            var c = s[i];
            if (c == '$' && i + 1 < s.Length && s[i + 1] == '{')
            {
                sb.Append("${");
                i += 2;
                var braces = 1;
                while (i < s.Length && braces > 0)
                {
                    var ch = s[i++];
                    sb.Append(ch);
                    if (ch == '{') braces++;
                    else if (ch == '}') braces--;
                }
                if (braces != 0) return false;
                continue;
            }
            if (c == '\n' || c == '"') return false;
            if (c != '\\')
            {
                sb.Append(c);
                i++;
                continue;
            }
            if (i + 1 >= s.Length) return false;
            var e = s[i + 1];
            i += 2;
            switch (e)
            {
                case 'a': sb.Append('\a'); break;
                case 'b': sb.Append('\b'); break;
                case 'f': sb.Append('\f'); break;
                case 'n': sb.Append('\n'); break;
                case 'r': sb.Append('\r'); break;
                case 't': sb.Append('\t'); break;
                case 'v': sb.Append('\v'); break;
                case '\\': sb.Append('\\'); break;
                case '"': sb.Append('"'); break;
                case 'x' or 'u' or 'U':
                    {
                        var digits = e == 'x' ? 2 : e == 'u' ? 4 : 8;
                        if (i + digits > s.Length) return false;
                        if (!int.TryParse(s.Substring(i, digits), NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out var code)) return false;
                        i += digits;
                        if (!AppendCodePoint(sb, code, e == 'x')) return false;
                        break;
                    }
                case >= '0' and <= '7':
                    {
                        if (i + 2 > s.Length) return false;
                        var code = e - '0';
                        for (var k = 0; k < 2; k++)
                        {
                            var d = s[i + k];
                            if (d is < '0' or > '7') return false;
                            code = code * 8 + (d - '0');
                        }
                        i += 2;
                        if (code > 255) return false;
                        sb.Append((char)code);
                        break;
                    }
                default:
                    return false;
            }
        }
        value = sb.ToString();
        return true;
    }

    private static bool AppendCodePoint(StringBuilder sb, int code, bool isByte)
    {
        if (isByte)
        {
            sb.Append((char)code);
            return true;
        }
        if (code is < 0 or > 0x10FFFF || (code >= 0xD800 && code <= 0xDFFF)) return false;
        sb.Append(char.ConvertFromUtf32(code));
        return true;
    }

    /// <summary>
    /// The value of a heredoc token (<c>&lt;&lt;EOF\n...\nEOF\n</c>): the lines between the anchors, each
    /// newline-terminated. For <c>&lt;&lt;-</c>, the closing anchor's indentation is removed from every line
    /// when all lines have it; otherwise the text is kept with trailing blanks trimmed.
    /// </summary>
    public static string DecodeHeredoc(string token)
    {
        var firstNewline = token.IndexOf('\n');
        if (firstNewline < 0) return "";
        var indented = token.Length > 2 && token[2] == '-';
        var anchor = token.Substring(indented ? 3 : 2, firstNewline - (indented ? 3 : 2)).TrimEnd('\r');
        var bodyStart = firstNewline + 1;

        // The token ends with "<ws>ANCHOR\r*\n"; the body is everything before the anchor.
        var end = token.Length;
        if (end > bodyStart && token[end - 1] == '\n') end--;
        while (end > bodyStart && token[end - 1] == '\r') end--;
        end -= anchor.Length;
        if (end < bodyStart) return "";
        var content = token.Substring(bodyStart, end - bodyStart);
        if (!indented) return content;

        var lines = content.Split('\n');
        var prefix = lines[lines.Length - 1];
        foreach (var line in lines)
        {
            if (!line.StartsWith(prefix, StringComparison.Ordinal)) return content.TrimEnd(' ', '\t');
        }
        var sb = new StringBuilder(content.Length);
        for (var k = 0; k < lines.Length - 1; k++)
        {
            sb.Append(lines[k], prefix.Length, lines[k].Length - prefix.Length).Append('\n');
        }
        return sb.ToString();
    }
}
