namespace TofuMirror.Hcl.Syntax;

internal sealed partial class Lexer
{
    /// <summary>Lexes one token (or skips whitespace) in config or interpolation mode.</summary>
    private void LexNormal()
    {
        var start = _pos;
        var c = _text[_pos];
        switch (c)
        {
            case ' ':
            case '\t':
                _pos++;
                return;
            case '\r':
                if (At(_pos + 1) == '\n') Emit(TokenKind.Newline, start, start + 2);
                else _pos++;
                return;
            case '\n': Emit(TokenKind.Newline, start, start + 1); return;
            case '#': LexLineComment(); return;
            case '/':
                if (At(_pos + 1) == '/') LexLineComment();
                else if (At(_pos + 1) == '*') LexBlockComment();
                else Emit(TokenKind.Slash, start, start + 1);
                return;
            case '"':
                if (IsUnclosedInterpolationEnd())
                {
                    // "${var.x" : the quote ends the string, not a nested one (which could not follow a value here).
                    Emit(TokenKind.CloseQuote, start, start + 1);
                    Pop();
                    Pop();
                    return;
                }
                Emit(TokenKind.OpenQuote, start, start + 1);
                Push(ModeKind.Quoted);
                return;
            case '<':
                if (At(_pos + 1) == '<' && TryLexHeredocOpener()) return;
                Emit(At(_pos + 1) == '=' ? TokenKind.LessThanOrEqual : TokenKind.LessThan, start, At(_pos + 1) == '=' ? start + 2 : start + 1);
                return;
            case '>': EmitOneOrTwo('=', TokenKind.GreaterThanOrEqual, TokenKind.GreaterThan); return;
            case '{':
                Emit(TokenKind.OpenBrace, start, start + 1);
                Push(ModeKind.Normal);
                return;
            case '}':
                if (Top.Kind == ModeKind.Interpolation)
                {
                    Emit(TokenKind.TemplateSequenceEnd, start, start + 1);
                    Pop();
                }
                else
                {
                    Emit(TokenKind.CloseBrace, start, start + 1);
                    Pop();
                }
                return;
            case '~':
                if (At(_pos + 1) == '}' && Top.Kind == ModeKind.Interpolation)
                {
                    Emit(TokenKind.TemplateSequenceEnd, start, start + 2);
                    Pop();
                }
                else Emit(TokenKind.Invalid, start, start + 1);
                return;
            case '[': Top.Depth++; Emit(TokenKind.OpenBracket, start, start + 1); return;
            case ']': Top.Depth--; Emit(TokenKind.CloseBracket, start, start + 1); return;
            case '(': Top.Depth++; Emit(TokenKind.OpenParen, start, start + 1); return;
            case ')': Top.Depth--; Emit(TokenKind.CloseParen, start, start + 1); return;
            case ',': Emit(TokenKind.Comma, start, start + 1); return;
            case '?': Emit(TokenKind.Question, start, start + 1); return;
            case '+': Emit(TokenKind.Plus, start, start + 1); return;
            case '-': Emit(TokenKind.Minus, start, start + 1); return;
            case '%': Emit(TokenKind.Percent, start, start + 1); return;
            case '*':
                if (At(_pos + 1) == '*') Emit(TokenKind.UnsupportedOperator, start, start + 2);
                else Emit(TokenKind.Star, start, start + 1);
                return;
            case '.':
                if (At(_pos + 1) == '.' && At(_pos + 2) == '.') Emit(TokenKind.Ellipsis, start, start + 3);
                else Emit(TokenKind.Dot, start, start + 1);
                return;
            case ':': EmitOneOrTwo(':', TokenKind.DoubleColon, TokenKind.Colon); return;
            case '=':
                if (At(_pos + 1) == '=') Emit(TokenKind.EqualOp, start, start + 2);
                else if (At(_pos + 1) == '>') Emit(TokenKind.FatArrow, start, start + 2);
                else Emit(TokenKind.Equal, start, start + 1);
                return;
            case '!': EmitOneOrTwo('=', TokenKind.NotEqual, TokenKind.Bang); return;
            case '&': EmitOneOrTwo('&', TokenKind.And, TokenKind.UnsupportedOperator); return;
            case '|': EmitOneOrTwo('|', TokenKind.Or, TokenKind.UnsupportedOperator); return;
            case '^': Emit(TokenKind.UnsupportedOperator, start, start + 1); return;
        }

        if (c >= '0' && c <= '9')
        {
            LexNumber();
            return;
        }
        if (IsIdentifierStart(_text, _pos))
        {
            var end = _pos + CharWidth(_text, _pos);
            while (end < _text.Length && IsIdentifierPart(_text, end)) end += CharWidth(_text, end);
            Emit(TokenKind.Identifier, start, end);
            return;
        }
        Emit(TokenKind.Invalid, start, start + CharWidth(_text, start));
    }

    private void EmitOneOrTwo(char second, TokenKind two, TokenKind one)
    {
        if (At(_pos + 1) == second) Emit(two, _pos, _pos + 2);
        else Emit(one, _pos, _pos + 1);
    }

    /// <summary>
    /// Digits, optional fraction and exponent. Right after a dot only digits are taken, so that the
    /// legacy index form <c>a.0.1</c> lexes as two indices rather than the number 0.1.
    /// </summary>
    private void LexNumber()
    {
        var start = _pos;
        var end = _pos;
        while (IsDigit(At(end))) end++;
        if (_lastKind != TokenKind.Dot)
        {
            if (At(end) == '.' && IsDigit(At(end + 1)))
            {
                end += 2;
                while (IsDigit(At(end))) end++;
            }
            if (At(end) == 'e' || At(end) == 'E')
            {
                var exponent = end + 1;
                if (At(exponent) == '+' || At(exponent) == '-') exponent++;
                if (IsDigit(At(exponent)))
                {
                    end = exponent;
                    while (IsDigit(At(end))) end++;
                }
            }
            // "1.2.3": keep the malformed run in one token so the parser reports one invalid number.
            if (At(end) == '.' && IsDigit(At(end + 1)))
            {
                while (IsDigit(At(end)) || At(end) == '.') end++;
            }
        }
        Emit(TokenKind.NumberLiteral, start, end);
    }

    private static bool IsDigit(char c) => c >= '0' && c <= '9';

    private void LexLineComment()
    {
        var end = _pos;
        while (end < _text.Length && _text[end] != '\n' && !(_text[end] == '\r' && At(end + 1) == '\n')) end++;
        Emit(TokenKind.Comment, _pos, end);
    }

    private void LexBlockComment()
    {
        var close = _text.IndexOf("*/", _pos + 2, System.StringComparison.Ordinal);
        Emit(TokenKind.Comment, _pos, close < 0 ? _text.Length : close + 2);
    }

    /// <summary><c>&lt;&lt;[-]IDENT</c> then a newline opens a heredoc; anything else is two less-than signs.</summary>
    private bool TryLexHeredocOpener()
    {
        var i = _pos + 2;
        if (At(i) == '-') i++;
        if (i >= _text.Length || !IsIdentifierStart(_text, i)) return false;
        var markerStart = i;
        i += CharWidth(_text, i);
        while (i < _text.Length && IsIdentifierPart(_text, i)) i += CharWidth(_text, i);
        var markerEnd = i;
        if (At(i) == '\r') i++;
        if (At(i) != '\n') return false;
        Emit(TokenKind.OpenHeredoc, _pos, i + 1);
        Push(ModeKind.Heredoc, _text.Substring(markerStart, markerEnd - markerStart));
        return true;
    }

    /// <summary>
    /// A quote right after a complete value, at bracket depth 0 of an interpolation inside a quoted
    /// string, can only be the string's closing quote: the interpolation was left unclosed.
    /// </summary>
    private bool IsUnclosedInterpolationEnd() =>
        Top.Kind == ModeKind.Interpolation && Top.Depth <= 0
        && _modes.Count >= 2 && _modes[_modes.Count - 2].Kind == ModeKind.Quoted
        && _lastKind is TokenKind.Identifier or TokenKind.NumberLiteral or TokenKind.CloseParen or TokenKind.CloseBracket or TokenKind.CloseQuote;
}
