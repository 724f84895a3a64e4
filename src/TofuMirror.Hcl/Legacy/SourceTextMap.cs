using TofuMirror.Diagnostics;

namespace TofuMirror.Hcl.Legacy;

/// <summary>
/// Maps character indexes of a source text to <see cref="SourcePosition"/>s (1-based line and column counted
/// in Unicode scalar values, 0-based UTF-8 byte offset). Shared by the HCL 1 and JSON parsers.
/// </summary>
internal sealed class SourceTextMap
{
    private readonly int[] _lines;
    private readonly int[] _columns;
    private readonly int[] _offsets;

    public SourceTextMap(string text, string fileName)
    {
        FileName = fileName;
        var n = text.Length;
        _lines = new int[n + 1];
        _columns = new int[n + 1];
        _offsets = new int[n + 1];
        int line = 1, column = 1, offset = 0;
        for (var i = 0; i < n; i++)
        {
            _lines[i] = line;
            _columns[i] = column;
            _offsets[i] = offset;
            var c = text[i];
            if (c == '\n')
            {
                line++;
                column = 1;
                offset++;
            }
            else if (char.IsHighSurrogate(c) && i + 1 < n && char.IsLowSurrogate(text[i + 1]))
            {
                // The pair is one scalar value: the low half shares the high half's position.
                _lines[i + 1] = line;
                _columns[i + 1] = column;
                _offsets[i + 1] = offset;
                column++;
                offset += 4;
                i++;
            }
            else
            {
                column++;
                offset += c < 0x80 ? 1 : c < 0x800 ? 2 : 3;
            }
        }
        _lines[n] = line;
        _columns[n] = column;
        _offsets[n] = offset;
    }

    public string FileName { get; }

    public SourcePosition At(int index) => new(_lines[index], _columns[index], _offsets[index]);

    public SourceRange Range(int start, int end) => new(FileName, At(start), At(end));
}
