using System;
using System.Collections.Generic;
using TofuMirror.Generators.Model;
using TofuMirror.Diagnostics;

namespace TofuMirror.Generators.Parsing;

/// <summary>
/// Converts the HCL layer's ranges (1-based line and column) into <see cref="LocationInfo"/> with the
/// character offsets Roslyn wants, using the text of each file of the module.
/// </summary>
internal sealed class LocationMapper
{
    private readonly Dictionary<string, int[]> _lineStarts = new(StringComparer.Ordinal);
    private readonly Dictionary<string, int> _lengths = new(StringComparer.Ordinal);

    public LocationMapper(IEnumerable<ModuleFile> files)
    {
        foreach (var file in files)
        {
            if (_lineStarts.ContainsKey(file.Path)) continue;
            var starts = new List<int> { 0 };
            for (var i = 0; i < file.Text.Length; i++)
            {
                if (file.Text[i] == '\n') starts.Add(i + 1);
            }
            _lineStarts.Add(file.Path, starts.ToArray());
            _lengths.Add(file.Path, file.Text.Length);
        }
    }

    public LocationInfo? Map(SourceRange? range)
    {
        if (range is not { } r) return null;
        if (!_lineStarts.TryGetValue(r.FileName, out var starts)) return null;
        var length = _lengths[r.FileName];
        var (startLine, startCharacter, start) = Resolve(starts, length, r.Start);
        var (endLine, endCharacter, end) = Resolve(starts, length, r.End);
        if (end < start) (endLine, endCharacter, end) = (startLine, startCharacter, start);
        return new LocationInfo(r.FileName, start, end - start, startLine, startCharacter, endLine, endCharacter);
    }

    private static (int Line, int Character, int Offset) Resolve(int[] starts, int length, SourcePosition position)
    {
        var line = Math.Min(Math.Max(position.Line - 1, 0), starts.Length - 1);
        var lineEnd = line + 1 < starts.Length ? starts[line + 1] : length;
        var offset = Math.Min(starts[line] + Math.Max(position.Column - 1, 0), lineEnd);
        return (line, offset - starts[line], offset);
    }
}
