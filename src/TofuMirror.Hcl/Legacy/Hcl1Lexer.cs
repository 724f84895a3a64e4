using System;

namespace TofuMirror.Hcl.Legacy;

/// <summary>
/// Scans legacy HCL 1 text into tokens on demand. Whitespace (newlines included) and comments separate
/// tokens and are skipped. Like HCL 1's scanner it keeps going after a problem and remembers the last one.
/// </summary>
internal sealed class Hcl1Lexer
{
    private readonly string _text;
    private int _pos;

    public Hcl1Lexer(string text) => _text = text;

    /// <summary>The last scanning problem: message and character index, or null.</summary>
    public (string Message, int Index)? Error { get; private set; }

    public Hcl1Token Next()
    {
        SkipTrivia();
        if (_pos >= _text.Length) return new Hcl1Token(Hcl1TokenKind.Eof, _pos, _pos);
        var start = _pos;
        var c = _text[_pos];
        if (IsLetter(c)) return ScanIdentifier(start);
        if (IsDecimal(c)) return ScanNumber(start);
        switch (c)
        {
            case '"':
                ScanString();
                return new Hcl1Token(Hcl1TokenKind.String, start, _pos);
            case '<':
                return ScanHeredoc(start);
            case '-':
                if (_pos + 1 < _text.Length && IsDecimal(_text[_pos + 1])) return ScanNumber(start);
                return Single(Hcl1TokenKind.Sub);
            case '+': return Single(Hcl1TokenKind.Add);
            case '[': return Single(Hcl1TokenKind.LBrack);
            case ']': return Single(Hcl1TokenKind.RBrack);
            case '{': return Single(Hcl1TokenKind.LBrace);
            case '}': return Single(Hcl1TokenKind.RBrace);
            case ',': return Single(Hcl1TokenKind.Comma);
            case '.': return Single(Hcl1TokenKind.Period);
            case '=': return Single(Hcl1TokenKind.Assign);
            default:
                Fail("illegal char", start);
                _pos += char.IsHighSurrogate(c) && _pos + 1 < _text.Length ? 2 : 1;
                return new Hcl1Token(Hcl1TokenKind.Illegal, start, _pos);
        }
    }

    private Hcl1Token Single(Hcl1TokenKind kind)
    {
        _pos++;
        return new Hcl1Token(kind, _pos - 1, _pos);
    }

    private void Fail(string message, int index) => Error = (message, index);

    private char Peek(int ahead = 0) => _pos + ahead < _text.Length ? _text[_pos + ahead] : '\0';

    private void SkipTrivia()
    {
        while (_pos < _text.Length)
        {
            var c = _text[_pos];
            if (c is ' ' or '\t' or '\n' or '\r')
            {
                _pos++;
            }
            else if (c == '#' || (c == '/' && Peek(1) == '/'))
            {
                while (_pos < _text.Length && _text[_pos] != '\n') _pos++;
            }
            else if (c == '/' && Peek(1) == '*')
            {
                var start = _pos;
                var end = _text.IndexOf("*/", _pos + 2, System.StringComparison.Ordinal);
                if (end < 0)
                {
                    Fail("comment not terminated", start);
                    _pos = _text.Length;
                }
                else
                {
                    _pos = end + 2;
                }
            }
            else if (c == '/')
            {
                Fail("expected '/' for comment", _pos);
                _pos++;
            }
            else
            {
                return;
            }
        }
    }

    private Hcl1Token ScanIdentifier(int start)
    {
        while (_pos < _text.Length && (IsLetter(_text[_pos]) || IsDecimal(_text[_pos]) || _text[_pos] is '-' or '.'))
        {
            _pos++;
        }
        var length = _pos - start;
        var isBool = (length == 4 && string.CompareOrdinal(_text, start, "true", 0, 4) == 0)
            || (length == 5 && string.CompareOrdinal(_text, start, "false", 0, 5) == 0);
        return new Hcl1Token(isBool ? Hcl1TokenKind.Bool : Hcl1TokenKind.Ident, start, _pos);
    }

    private Hcl1Token ScanNumber(int start)
    {
        if (Peek() == '-') _pos++;
        if (Peek() == '0' && Peek(1) is 'x' or 'X')
        {
            _pos += 2;
            var digitsStart = _pos;
            while (IsHex(Peek())) _pos++;
            if (_pos == digitsStart) Fail("illegal hexadecimal number", start);
            return new Hcl1Token(Hcl1TokenKind.Number, start, _pos);
        }
        var leadingZero = Peek() == '0';
        var illegalOctal = false;
        while (IsDecimal(Peek()))
        {
            if (leadingZero && Peek() is '8' or '9') illegalOctal = true;
            _pos++;
        }
        var kind = Hcl1TokenKind.Number;
        if (Peek() == '.')
        {
            kind = Hcl1TokenKind.Float;
            _pos++;
            while (IsDecimal(Peek())) _pos++;
        }
        if (Peek() is 'e' or 'E')
        {
            kind = Hcl1TokenKind.Float;
            _pos++;
            if (Peek() is '+' or '-') _pos++;
            if (!IsDecimal(Peek())) Fail("illegal exponent", start);
            while (IsDecimal(Peek())) _pos++;
        }
        if (kind == Hcl1TokenKind.Number && illegalOctal) Fail("illegal octal number", start);
        return new Hcl1Token(kind, start, _pos);
    }

    /// <summary>
    /// Scans a quoted string. Inside <c>${ ... }</c> quotes do not end the string (HCL 1 keeps the
    /// interpolation text for a later evaluator), but a newline outside one does.
    /// </summary>
    private void ScanString()
    {
        var start = _pos;
        _pos++;
        var braces = 0;
        while (true)
        {
            if (_pos >= _text.Length)
            {
                Fail("literal not terminated", start);
                return;
            }
            var c = _text[_pos++];
            if (c == '\n' && braces == 0)
            {
                Fail("literal not terminated", start);
                return;
            }
            if (c == '"' && braces == 0) return;
            if (braces == 0 && c == '$' && Peek() == '{')
            {
                braces++;
                _pos++;
            }
            else if (braces > 0 && c == '{')
            {
                braces++;
            }
            else if (braces > 0 && c == '}')
            {
                braces--;
            }
            if (c == '\\') ScanEscape();
        }
    }

    private void ScanEscape()
    {
        var at = _pos - 1;
        var c = Peek();
        int digits;
        Func<char, bool> valid;
        switch (c)
        {
            case 'a' or 'b' or 'f' or 'n' or 'r' or 't' or 'v' or '\\' or '"':
                _pos++;
                return;
            case >= '0' and <= '7':
                digits = 3;
                valid = ch => ch is >= '0' and <= '7';
                break;
            case 'x':
                _pos++;
                digits = 2;
                valid = IsHex;
                break;
            case 'u':
                _pos++;
                digits = 4;
                valid = IsHex;
                break;
            case 'U':
                _pos++;
                digits = 8;
                valid = IsHex;
                break;
            default:
                Fail("illegal char escape", at);
                return;
        }
        for (var i = 0; i < digits; i++)
        {
            if (!valid(Peek()))
            {
                Fail("illegal char escape", at);
                return;
            }
            _pos++;
        }
    }

    private Hcl1Token ScanHeredoc(int start)
    {
        _pos++;
        if (Peek() != '<')
        {
            Fail("heredoc expected second '<', didn't see it", start);
            return new Hcl1Token(Hcl1TokenKind.Illegal, start, _pos);
        }
        _pos++;
        var indented = Peek() == '-';
        if (indented) _pos++;
        var anchorStart = _pos;
        while (IsLetter(Peek()) || IsDecimal(Peek())) _pos++;
        var anchor = _text.Substring(anchorStart, _pos - anchorStart);
        if (_pos >= _text.Length)
        {
            Fail("heredoc not terminated", start);
            return new Hcl1Token(Hcl1TokenKind.Heredoc, start, _pos);
        }
        if (Peek() == '\r' && Peek(1) == '\n') _pos++;
        if (Peek() != '\n')
        {
            Fail("invalid characters in heredoc anchor", start);
            return new Hcl1Token(Hcl1TokenKind.Illegal, start, _pos);
        }
        _pos++;
        if (anchor.Length == 0)
        {
            Fail("zero-length heredoc anchor", start);
            return new Hcl1Token(Hcl1TokenKind.Illegal, start, _pos);
        }

        // The body ends at the first line that is (optional whitespace) anchor (optional \r), newline-terminated.
        var lineStart = _pos;
        while (_pos < _text.Length)
        {
            if (_text[_pos] == '\n')
            {
                if (IsAnchorLine(lineStart, _pos, anchor))
                {
                    _pos++;
                    return new Hcl1Token(Hcl1TokenKind.Heredoc, start, _pos);
                }
                lineStart = _pos + 1;
            }
            _pos++;
        }
        Fail("heredoc not terminated", start);
        return new Hcl1Token(Hcl1TokenKind.Heredoc, start, _pos);
    }

    private bool IsAnchorLine(int lineStart, int lineEnd, string anchor)
    {
        var i = lineStart;
        while (i < lineEnd && char.IsWhiteSpace(_text[i]) && _text[i] != '\n') i++;
        var end = lineEnd;
        while (end > i && _text[end - 1] == '\r') end--;
        return end - i == anchor.Length && string.CompareOrdinal(_text, i, anchor, 0, anchor.Length) == 0;
    }

    internal static bool IsLetter(char c) =>
        c is >= 'a' and <= 'z' or >= 'A' and <= 'Z' or '_' || (c >= 0x80 && char.IsLetter(c));

    private static bool IsDecimal(char c) => c is >= '0' and <= '9';

    private static bool IsHex(char c) => c is >= '0' and <= '9' or >= 'a' and <= 'f' or >= 'A' and <= 'F';
}
