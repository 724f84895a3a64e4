using System;
using System.Globalization;
using System.Text;
using TofuMirror.Diagnostics;

namespace TofuMirror.Hcl.Syntax;

/// <summary>Turns the raw text of template literal tokens into string values.</summary>
internal static class TemplateLiteralDecoder
{
    /// <summary>A problem in a literal: summary, detail and the range of the offending escape.</summary>
    public delegate void ErrorSink(string summary, string detail, SourceRange subject);

    /// <summary>
    /// Decodes a quoted-string literal: <c>\n \r \t \" \\ \uNNNN \UNNNNNNNN</c>, and <c>$${</c> /
    /// <c>%%{</c> for literal template openers.
    /// </summary>
    public static string DecodeQuoted(Token token, ErrorSink error)
    {
        var text = token.Text;
        if (text.IndexOf('\\') < 0 && text.IndexOf("$${", StringComparison.Ordinal) < 0 && text.IndexOf("%%{", StringComparison.Ordinal) < 0)
            return text;

        var builder = new StringBuilder(text.Length);
        var i = 0;
        while (i < text.Length)
        {
            var c = text[i];
            if ((c == '$' || c == '%') && i + 2 < text.Length && text[i + 1] == c && text[i + 2] == '{')
            {
                builder.Append(c).Append('{');
                i += 3;
                continue;
            }
            if (c != '\\')
            {
                builder.Append(c);
                i++;
                continue;
            }
            if (i + 1 >= text.Length)
            {
                error("Invalid escape sequence", "Backslash must be followed by an escape sequence selector character.", RangeOf(token, i, i + 1));
                i++;
                continue;
            }
            var selector = text[i + 1];
            switch (selector)
            {
                case 'n': builder.Append('\n'); i += 2; continue;
                case 'r': builder.Append('\r'); i += 2; continue;
                case 't': builder.Append('\t'); i += 2; continue;
                case '"': builder.Append('"'); i += 2; continue;
                case '\\': builder.Append('\\'); i += 2; continue;
                case 'u':
                case 'U':
                    var length = selector == 'u' ? 4 : 8;
                    var digits = 0;
                    while (digits < length && i + 2 + digits < text.Length && Uri.IsHexDigit(text[i + 2 + digits])) digits++;
                    if (digits < length)
                    {
                        error("Invalid escape sequence",
                            selector == 'u' ? "The \\u escape sequence must be followed by four hexadecimal digits." : "The \\U escape sequence must be followed by eight hexadecimal digits.",
                            RangeOf(token, i, i + 2 + digits));
                        i += 2 + digits;
                        continue;
                    }
                    var scalar = long.Parse(text.Substring(i + 2, length), NumberStyles.HexNumber, CultureInfo.InvariantCulture);
                    if (scalar > 0x10FFFF || (scalar >= 0xD800 && scalar <= 0xDFFF))
                    {
                        error("Invalid escape sequence", string.Format(CultureInfo.InvariantCulture, "Cannot encode character U+{0:x4} in UTF-8.", scalar), RangeOf(token, i, i + 2 + length));
                    }
                    else
                    {
                        builder.Append(char.ConvertFromUtf32((int)scalar));
                    }
                    i += 2 + length;
                    continue;
                default:
                    var width = Lexer.CharWidth(text, i + 1);
                    error("Invalid escape sequence", $"The symbol \"{text.Substring(i + 1, width)}\" is not a valid escape sequence selector.", RangeOf(token, i, i + 1 + width));
                    builder.Append(text, i + 1, width);
                    i += 1 + width;
                    continue;
            }
        }
        return builder.ToString();
    }

    /// <summary>Heredoc and bare-template literals: no backslash escapes; CRLF becomes LF.</summary>
    public static string DecodeUnescaped(string text)
    {
        if (text.IndexOf("$${", StringComparison.Ordinal) < 0 && text.IndexOf("%%{", StringComparison.Ordinal) < 0 && text.IndexOf('\r') < 0)
            return text;
        return text.Replace("$${", "${").Replace("%%{", "%{").Replace("\r\n", "\n");
    }

    private static SourceRange RangeOf(Token token, int from, int to)
    {
        var start = SourceTextMap.Advance(token.Text, 0, from, token.Range.Start);
        var end = SourceTextMap.Advance(token.Text, from, to, start);
        return new SourceRange(token.Range.FileName, start, end);
    }
}
