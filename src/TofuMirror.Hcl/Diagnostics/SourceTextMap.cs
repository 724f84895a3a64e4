using System;
using System.Collections.Generic;

namespace TofuMirror.Diagnostics;

/// <summary>
/// Maps between character indices of a source text (UTF-16, as .NET and Roslyn count) and <see cref="SourcePosition"/>s
/// (1-based line, 1-based column counted in Unicode scalar values, 0-based UTF-8 byte offset), both ways.
/// A surrogate pair is one column and four bytes. A byte order mark at the start of a file is not part of its text.
/// Positions asked for in increasing order cost time linear in the text length in total.
/// </summary>
public sealed class SourceTextMap
{
    private readonly string _text;
    private readonly int _firstIndex;
    private readonly List<int> _lineStarts = new();
    private readonly List<SourcePosition> _lineStartPositions = new();
    private int _lastIndex;
    private SourcePosition _lastPosition;

    /// <summary>Maps a whole file's text.</summary>
    public SourceTextMap(string text, string fileName)
        : this(text, fileName, SourcePosition.Start)
    {
    }

    /// <summary>Maps <paramref name="text"/> whose first character is at <paramref name="start"/> of <paramref name="fileName"/>.</summary>
    public SourceTextMap(string text, string fileName, SourcePosition start)
    {
        _text = text ?? throw new ArgumentNullException(nameof(text));
        FileName = fileName;
        if (start.Offset == 0 && text.Length > 0 && text[0] == '\uFEFF')
        {
            _firstIndex = 1;
            start = new SourcePosition(start.Line, start.Column, start.Offset + 3);
        }
        _lineStarts.Add(_firstIndex);
        _lineStartPositions.Add(start);
        var offset = start.Offset;
        for (var i = _firstIndex; i < text.Length; i++)
        {
            offset += Utf8Length(text, ref i);
            if (text[i] != '\n') continue;
            _lineStarts.Add(i + 1);
            _lineStartPositions.Add(new SourcePosition(start.Line + _lineStarts.Count - 1, 1, offset));
        }
        _lastIndex = _firstIndex;
        _lastPosition = start;
    }

    /// <summary>The file the positions are in.</summary>
    public string FileName { get; }

    /// <summary>Index where the text proper starts: 1 after a byte order mark, else 0.</summary>
    public int FirstIndex => _firstIndex;

    /// <summary>The position of the character at <paramref name="index"/> (the text's length: just past its end).</summary>
    public SourcePosition At(int index)
    {
        if (index < 0 || index > _text.Length) throw new ArgumentOutOfRangeException(nameof(index));
        if (index <= _firstIndex) return _lineStartPositions[0];
        var line = LineOf(index);
        var sameLineAhead = _lastIndex <= index && _lastIndex >= _lineStarts[line];
        var from = sameLineAhead ? _lastIndex : _lineStarts[line];
        var position = Advance(_text, from, index, sameLineAhead ? _lastPosition : _lineStartPositions[line]);
        (_lastIndex, _lastPosition) = (index, position);
        return position;
    }

    /// <summary>The range from the character at <paramref name="start"/> up to (not including) the one at <paramref name="end"/>.</summary>
    public SourceRange Range(int start, int end) => new(FileName, At(start), At(end));

    /// <summary>
    /// The character index of <paramref name="position"/>'s line and column (its offset is not used): the inverse of
    /// <see cref="At"/>. A line or column past the text's end is clamped to the end of the last line or of that line.
    /// </summary>
    public int IndexOf(SourcePosition position)
    {
        var line = Math.Min(Math.Max(position.Line - _lineStartPositions[0].Line, 0), _lineStarts.Count - 1);
        var index = _lineStarts[line];
        var lineEnd = line + 1 < _lineStarts.Count ? _lineStarts[line + 1] - 1 : _text.Length;
        for (var column = _lineStartPositions[line].Column; column < position.Column && index < lineEnd; column++)
            index += IsSurrogatePair(_text, index) ? 2 : 1;
        return index;
    }

    /// <summary>The 0-based line and the character index of the start of that line, for the character at <paramref name="index"/>.</summary>
    public (int Line, int LineStart) LineStartOf(int index)
    {
        var line = LineOf(Math.Max(index, _firstIndex));
        return (line, _lineStarts[line]);
    }

    /// <summary>The position reached by walking <paramref name="text"/> from <paramref name="from"/> to <paramref name="to"/>.</summary>
    public static SourcePosition Advance(string text, int from, int to, SourcePosition position)
    {
        var line = position.Line;
        var column = position.Column;
        var offset = position.Offset;
        for (var i = from; i < to; i++)
        {
            offset += Utf8Length(text, ref i);
            if (text[i] == '\n')
            {
                line++;
                column = 1;
            }
            else column++;
        }
        return new SourcePosition(line, column, offset);
    }

    /// <summary>The UTF-8 length of the scalar value at <paramref name="i"/>; moves <paramref name="i"/> to a surrogate pair's second half.</summary>
    private static int Utf8Length(string text, ref int i)
    {
        var c = text[i];
        if (c < 0x80) return 1;
        if (c < 0x800) return 2;
        if (!IsSurrogatePair(text, i)) return 3;
        i++;
        return 4;
    }

    private static bool IsSurrogatePair(string text, int i) =>
        char.IsHighSurrogate(text[i]) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]);

    private int LineOf(int index)
    {
        var line = _lineStarts.BinarySearch(index);
        return line >= 0 ? line : ~line - 1;
    }
}
