using TofuMirror.Diagnostics;

namespace TofuMirror.Hcl.Syntax;

/// <summary>
/// Turns character indices of a text into <see cref="SourcePosition"/>s. Queries must not go
/// backwards, which lets each character be visited once (linear in the text length).
/// </summary>
internal sealed class SourceCursor
{
    private readonly string _text;
    private int _index;
    private SourcePosition _position;

    public SourceCursor(string text, int startIndex, SourcePosition start)
    {
        _text = text;
        _index = startIndex;
        _position = start;
    }

    public SourcePosition PositionAt(int index)
    {
        if (index < _index) throw new System.ArgumentOutOfRangeException(nameof(index), "Positions must be queried in order.");
        _position = Advance(_text, _index, index, _position);
        _index = index;
        return _position;
    }

    /// <summary>The position reached by walking <paramref name="text"/> from <paramref name="from"/> to <paramref name="to"/>.</summary>
    public static SourcePosition Advance(string text, int from, int to, SourcePosition position)
    {
        var line = position.Line;
        var column = position.Column;
        var offset = position.Offset;
        for (var i = from; i < to; i++)
        {
            var c = text[i];
            if (c == '\n')
            {
                line++;
                column = 1;
                offset++;
                continue;
            }
            if (c < 0x80) offset += 1;
            else if (c < 0x800) offset += 2;
            else if (char.IsHighSurrogate(c) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]))
            {
                offset += 4;
                i++;
            }
            else offset += 3;
            column++;
        }
        return new SourcePosition(line, column, offset);
    }
}
