using System.Collections.Generic;
using TofuMirror.Diagnostics;

namespace TofuMirror.Model.Diagnostics;

/// <summary>
/// One entry of <see cref="DiagnosticCatalogue"/>: a TOFU code, the severities it is reported with (the first is
/// its default), a short title and the link to its row in <c>docs/diagnostics.md</c>.
/// </summary>
public sealed class DiagnosticCodeInfo
{
    internal DiagnosticCodeInfo(string code, string title, IReadOnlyList<DiagnosticSeverity> severities, IReadOnlyList<SameCondition> sameConditionAs)
    {
        Code = code;
        Title = title;
        Severities = severities;
        SameConditionAs = sameConditionAs;
    }

    public string Code { get; }

    public string Title { get; }

    /// <summary>Every severity a problem with this code can have; most codes have one.</summary>
    public IReadOnlyList<DiagnosticSeverity> Severities { get; }

    public DiagnosticSeverity DefaultSeverity => Severities[0];

    /// <summary><c>docs/diagnostics.md#tofunnnn</c>: the row of the code's table in the repository's documentation.</summary>
    public string HelpLink => DiagnosticCatalogue.DocumentPath + "#" + Code.ToLowerInvariant();

    /// <summary>
    /// For a source-generator code (TOFU1xxx): the TOFU00xx conditions it reports, with the input they are found in.
    /// Empty for the CLI and MSBuild codes.
    /// </summary>
    public IReadOnlyList<SameCondition> SameConditionAs { get; }

    public bool IsGeneratorCode => SameConditionAs.Count > 0;

    public override string ToString() => Code + " " + Title;
}
