namespace TofuMirror.Hcl.Syntax;

internal sealed partial class Lexer
{
    /// <summary>
    /// Inside <c>"..."</c>: literal text up to the closing quote or a template sequence. A newline
    /// ends the string without a closing quote: the parser reports it as unterminated and the rest
    /// of the file lexes normally, so a forgotten quote gives one diagnostic.
    /// </summary>
    private void LexQuoted()
    {
        var start = _pos;
        var i = _pos;
        while (i < _text.Length)
        {
            var c = _text[i];
            if (c == '"' || c == '\n' || (c == '\r' && At(i + 1) == '\n')) break;
            if (c == '\\')
            {
                i += At(i + 1) is '\n' or '\r' or '\0' ? 1 : 2;
                continue;
            }
            if (IsEscapedOpener(i)) { i += 3; continue; }
            if (IsTemplateOpener(i)) break;
            i++;
        }
        if (i > _text.Length) i = _text.Length;
        if (i > start) Emit(TokenKind.QuotedLiteral, start, i);
        _pos = i;
        if (_pos >= _text.Length) { Pop(); return; }
        var next = _text[_pos];
        if (next == '"')
        {
            Emit(TokenKind.CloseQuote, _pos, _pos + 1);
            Pop();
        }
        else if (next == '\n' || next == '\r')
        {
            Pop();
        }
        else
        {
            EmitTemplateOpener();
        }
    }

    /// <summary>Heredoc body: one literal token per line (or up to a template sequence), then the closing marker line.</summary>
    private void LexHeredoc()
    {
        var mode = Top;
        if (mode.StartOfLine && TryLexHeredocCloser(mode.Marker))
        {
            Pop();
            return;
        }
        var start = _pos;
        var i = _pos;
        var endedLine = false;
        while (i < _text.Length)
        {
            if (_text[i] == '\n') { i++; endedLine = true; break; }
            if (IsEscapedOpener(i)) { i += 3; continue; }
            if (IsTemplateOpener(i)) break;
            i++;
        }
        if (i > start) Emit(TokenKind.StringLiteral, start, i);
        _pos = i;
        mode.StartOfLine = endedLine;
        if (_pos >= _text.Length)
        {
            if (!endedLine || !TryLexHeredocCloser(mode.Marker)) Pop();
            return;
        }
        if (!endedLine) EmitTemplateOpener();
    }

    private bool TryLexHeredocCloser(string marker)
    {
        var lineEnd = _text.IndexOf('\n', _pos);
        if (lineEnd < 0) lineEnd = _text.Length;
        var contentEnd = lineEnd > _pos && _text[lineEnd - 1] == '\r' ? lineEnd - 1 : lineEnd;
        var first = _pos;
        while (first < contentEnd && (_text[first] == ' ' || _text[first] == '\t')) first++;
        var last = contentEnd;
        while (last > first && (_text[last - 1] == ' ' || _text[last - 1] == '\t')) last--;
        if (last - first != marker.Length || string.CompareOrdinal(_text, first, marker, 0, marker.Length) != 0) return false;
        Emit(TokenKind.CloseHeredoc, _pos, contentEnd);
        return true;
    }

    /// <summary>A bare template (<see cref="HclParser.ParseTemplate"/>): literal text up to a template sequence or the end.</summary>
    private void LexBare()
    {
        var start = _pos;
        var i = _pos;
        while (i < _text.Length)
        {
            if (IsEscapedOpener(i)) { i += 3; continue; }
            if (IsTemplateOpener(i)) break;
            i++;
        }
        if (i > start) Emit(TokenKind.StringLiteral, start, i);
        _pos = i;
        if (_pos < _text.Length) EmitTemplateOpener();
    }
}
