using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Text;

namespace TofuMirror.Generators.Model;

/// <summary>
/// Where a problem is, as plain values (path, character span, 0-based line/character span), so diagnostic
/// models stay equatable; converted to a Roslyn <see cref="Location"/> only when reported.
/// </summary>
internal sealed record LocationInfo(string Path, int Start, int Length, int StartLine, int StartCharacter, int EndLine, int EndCharacter)
{
    public Location ToLocation() =>
        Location.Create(Path, new TextSpan(Start, Length),
            new LinePositionSpan(new LinePosition(StartLine, StartCharacter), new LinePosition(EndLine, EndCharacter)));
}

/// <summary>A diagnostic to report: its code, whether it is only a warning, its message and where it is.</summary>
internal sealed record DiagnosticInfo(string Id, bool IsWarning, string Message, LocationInfo? Location);
