using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using Microsoft.VisualStudio.TestTools.UnitTesting;
using TofuMirror.Hcl.Syntax;
using TofuMirror.Diagnostics;

namespace TofuMirror.Hcl.Tests.Syntax;

/// <summary>Shared helpers: parse with assertions and render diagnostics in the golden-file format.</summary>
internal static class ParseHelpers
{
    public static HclFile ParseValid(string text, string fileName = "test.tf")
    {
        var result = HclParser.ParseFile(text, fileName);
        Assert.AreEqual("", Format(result.Diagnostics), "unexpected diagnostics");
        return result.Value;
    }

    public static Expression ParseExpr(string text)
    {
        var result = HclParser.ParseExpression(text, "expr.hcl", SourcePosition.Start);
        Assert.AreEqual("", Format(result.Diagnostics), "unexpected diagnostics for " + text);
        return result.Value;
    }

    /// <summary><c>LINE:COL-LINE:COL: severity: summary</c>, one line per diagnostic.</summary>
    public static string Format(IEnumerable<Diagnostic> diagnostics) =>
        string.Join("\n", diagnostics.Select(FormatOne));

    public static string FormatOne(Diagnostic d)
    {
        var severity = d.Severity == DiagnosticSeverity.Error ? "error" : "warning";
        var where = d.Subject is { } s ? RangeText(s) : "0:0-0:0";
        return $"{where}: {severity}: {d.Summary}";
    }

    public static string RangeText(SourceRange r) => string.Format(CultureInfo.InvariantCulture, "{0}:{1}-{2}:{3}",
        r.Start.Line, r.Start.Column, r.End.Line, r.End.Column);

    /// <summary>Line:col-line:col plus byte offsets, for exact range checks.</summary>
    public static string RangeWithOffsets(SourceRange r) => string.Format(CultureInfo.InvariantCulture, "{0}:{1}@{2}-{3}:{4}@{5}",
        r.Start.Line, r.Start.Column, r.Start.Offset, r.End.Line, r.End.Column, r.End.Offset);
}
