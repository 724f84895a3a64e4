using System.Linq;
using Microsoft.VisualStudio.TestTools.UnitTesting;
using TofuMirror.Hcl.Json;
using TofuMirror.Hcl.Legacy;
using TofuMirror.Diagnostics;
using TofuMirror.Hcl.Syntax;

namespace TofuMirror.Hcl.Tests.Diagnostics;

/// <summary>One mapping between UTF-16 indices and positions (column in Unicode scalar values, UTF-8 byte offset), both ways.</summary>
[TestClass]
public sealed class SourceTextMapTests
{
    // é: 2 bytes, 日: 3 bytes, 😀: a surrogate pair (2 UTF-16 units, one column, 4 bytes).
    private const string Text = "é日 = \"é😀\"\r\nb = 1\n\n😀😀x\nlast";

    [TestMethod]
    public void Positions_count_scalar_values_as_columns_and_utf8_bytes_as_offsets()
    {
        var map = new SourceTextMap(Text, "f.tf");

        Assert.AreEqual(new SourcePosition(1, 1, 0), map.At(0));
        Assert.AreEqual(new SourcePosition(1, 10, 16), map.At(Text.IndexOf('\r')));
        Assert.AreEqual(new SourcePosition(2, 1, 18), map.At(Text.IndexOf('b')));
        Assert.AreEqual(new SourcePosition(3, 1, 24), map.At(Text.IndexOf("\n\n") + 1));
        Assert.AreEqual(new SourcePosition(4, 3, 33), map.At(Text.IndexOf('x')));
        Assert.AreEqual(new SourcePosition(5, 5, 39), map.At(Text.Length));
    }

    [TestMethod]
    public void Any_query_order_gives_the_positions_of_a_walk_from_the_start_and_IndexOf_inverts_them()
    {
        var indices = Enumerable.Range(0, Text.Length + 1).Where(i => i == Text.Length || !char.IsLowSurrogate(Text[i])).ToList();
        var walked = indices.Select(i => SourceTextMap.Advance(Text, 0, i, SourcePosition.Start)).ToList();
        var map = new SourceTextMap(Text, "f.tf");

        foreach (var k in indices.Select((_, k) => k).Reverse().Concat(indices.Select((_, k) => k)).Concat(new[] { 9, 2, 17, 3 }))
        {
            Assert.AreEqual(walked[k], map.At(indices[k]), $"index {indices[k]}");
            Assert.AreEqual(indices[k], map.IndexOf(walked[k]), $"position {walked[k]}");
        }
    }

    [TestMethod]
    public void IndexOf_clamps_a_column_past_its_line_and_a_line_past_the_text()
    {
        var map = new SourceTextMap("ab\ncd", "f.tf");

        Assert.AreEqual(2, map.IndexOf(new SourcePosition(1, 40, 0)));
        Assert.AreEqual(5, map.IndexOf(new SourcePosition(9, 40, 0)));
        Assert.AreEqual((1, 3), map.LineStartOf(4));
    }

    [TestMethod]
    public void A_byte_order_mark_takes_no_column_and_a_start_position_offsets_everything()
    {
        var bom = new SourceTextMap("\uFEFFa\nb", "f.tf");
        Assert.AreEqual(1, bom.FirstIndex);
        Assert.AreEqual(new SourcePosition(1, 1, 3), bom.At(1));
        Assert.AreEqual(new SourcePosition(2, 1, 5), bom.At(3));
        Assert.AreEqual(1, bom.IndexOf(new SourcePosition(1, 1, 3)));

        var inner = new SourceTextMap("x\ny", "f.tf", new SourcePosition(3, 10, 40));
        Assert.AreEqual(new SourcePosition(3, 11, 41), inner.At(1));
        Assert.AreEqual(new SourcePosition(4, 1, 42), inner.At(2));
        Assert.AreEqual(1, inner.IndexOf(new SourcePosition(3, 11, 0)));
    }

    [TestMethod]
    public void An_emoji_before_an_error_on_its_line_counts_one_column_in_native_syntax()
    {
        var result = HclParser.ParseFile("x = 1\na = /* 😀 */ ]\n", "f.tf");

        Assert.AreEqual(new SourcePosition(2, 13, 21), result.Diagnostics.First().Subject!.Value.Start, ParseHelpersFormat(result.Diagnostics));
    }

    [TestMethod]
    public void An_emoji_before_an_error_on_its_line_counts_one_column_in_json()
    {
        var result = JsonParser.Parse("{\"a\": \"😀\", \"b\": ]}", "f.json");

        Assert.AreEqual(new SourcePosition(1, 17, 19), result.Diagnostics.Single().Subject!.Value.Start);
    }

    [TestMethod]
    public void An_emoji_before_an_error_on_its_line_counts_one_column_in_hcl1()
    {
        var result = Hcl1Parser.Parse("a = \"😀\" b = ]", "f.tfrc");

        Assert.AreEqual(new SourcePosition(1, 13, 15), result.Diagnostics.Single().Subject!.Value.Start, string.Join("\n", result.Diagnostics));
    }

    private static string ParseHelpersFormat(System.Collections.Generic.IEnumerable<Diagnostic> diagnostics) =>
        TofuMirror.Hcl.Tests.Syntax.ParseHelpers.Format(diagnostics);
}
