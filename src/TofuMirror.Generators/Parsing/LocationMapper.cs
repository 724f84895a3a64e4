using System;
using System.Collections.Generic;
using TofuMirror.Generators.Model;
using TofuMirror.Diagnostics;

namespace TofuMirror.Generators.Parsing;

/// <summary>
/// Converts the HCL layer's ranges (line and column in Unicode scalar values) into <see cref="LocationInfo"/> with the
/// UTF-16 offsets Roslyn wants, through a <see cref="SourceTextMap"/> of each file of the module.
/// </summary>
internal sealed class LocationMapper
{
    private readonly Dictionary<string, SourceTextMap> _maps = new(StringComparer.Ordinal);

    public LocationMapper(IEnumerable<ModuleFile> files)
    {
        foreach (var file in files)
        {
            if (!_maps.ContainsKey(file.Path)) _maps.Add(file.Path, new SourceTextMap(file.Text, file.Path));
        }
    }

    public LocationInfo? Map(SourceRange? range)
    {
        if (range is not { } r || !_maps.TryGetValue(r.FileName, out var map)) return null;
        var start = map.IndexOf(r.Start);
        var end = Math.Max(map.IndexOf(r.End), start);
        var (startLine, startLineStart) = map.LineStartOf(start);
        var (endLine, endLineStart) = map.LineStartOf(end);
        return new LocationInfo(r.FileName, start, end - start, startLine, start - startLineStart, endLine, end - endLineStart);
    }
}
