using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text.RegularExpressions;
using TofuMirror.Testing;

namespace TofuMirror.Model.Tests.Diagnostics;

/// <summary>One row of a code table in docs/diagnostics.md: the code, its anchor, its severity cell and, for generator codes, the "same condition as" cell.</summary>
internal sealed record DocumentedCode(string Code, string? Anchor, string Severity, string? SameConditionAs);

/// <summary>The code tables of docs/diagnostics.md, read as a user reads them.</summary>
internal static class DiagnosticsDocument
{
    private static readonly Regex CodeCell = new(@"^(?:<a id=""(?<anchor>[^""]+)""></a>)?(?<code>TOFU\d{4})$");

    public static string Path => System.IO.Path.Combine(RepoPaths.Root, "docs", "diagnostics.md");

    public static IReadOnlyList<DocumentedCode> Rows()
    {
        var rows = new List<DocumentedCode>();
        string[]? header = null;
        foreach (var line in File.ReadAllLines(Path))
        {
            if (!line.StartsWith('|')) { header = null; continue; }
            var cells = line.Trim().Trim('|').Split('|').Select(c => c.Trim()).ToArray();
            if (header is null) { header = cells; continue; }
            var match = CodeCell.Match(cells[0]);
            if (!match.Success) continue;
            var sameAs = System.Array.IndexOf(header, "same condition as");
            rows.Add(new DocumentedCode(match.Groups["code"].Value,
                match.Groups["anchor"].Success ? match.Groups["anchor"].Value : null,
                cells[System.Array.IndexOf(header, "severity")],
                sameAs >= 0 ? cells[sameAs] : null));
        }
        return rows;
    }

    /// <summary>The TOFU codes written in a cell, in order, each once.</summary>
    public static IReadOnlyList<string> CodesIn(string cell) =>
        Regex.Matches(cell, @"TOFU\d{4}").Select(m => m.Value).Distinct().ToList();
}
