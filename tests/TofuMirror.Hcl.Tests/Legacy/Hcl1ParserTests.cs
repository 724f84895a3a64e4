using System.IO;
using System.Linq;
using Microsoft.VisualStudio.TestTools.UnitTesting;
using TofuMirror.Hcl.Legacy;
using TofuMirror.Testing;
using TofuMirror.Diagnostics;
using TofuMirror.Hcl.ConfigTree;

namespace TofuMirror.Hcl.Tests.Legacy;

[TestClass]
public sealed class Hcl1ParserTests
{
    private static ConfigObject ParseOk(string text)
    {
        var result = Hcl1Parser.Parse(text, "test.tfrc");
        Assert.IsFalse(result.HasErrors, string.Join("\n", result.Diagnostics));
        return result.Root;
    }

    private static Diagnostic ParseError(string text)
    {
        var result = Hcl1Parser.Parse(text, "test.tfrc");
        Assert.HasCount(1, result.Diagnostics);
        Assert.AreEqual(DiagnosticSeverity.Error, result.Diagnostics[0].Severity);
        return result.Diagnostics[0];
    }

    private static string Str(ConfigNode node) => ((ConfigLiteral)node).Text;

    [TestMethod]
    public void AttributesAndBlocksWithLabels()
    {
        var root = ParseOk("plugin_cache_dir = \"/tmp/x\"\noci_credentials \"example.com\" {\n  username = \"u\"\n}\n");
        Assert.HasCount(2, root.Items);
        var attr = root.Items[0];
        Assert.AreEqual("plugin_cache_dir", attr.Keys.Single().Value);
        Assert.IsNotNull(attr.EqualsRange);
        Assert.AreEqual(new SourcePosition(1, 18, 17), attr.EqualsRange!.Value.Start);
        Assert.AreEqual("/tmp/x", Str(attr.Value));

        var block = root.Items[1];
        CollectionAssert.AreEqual(new[] { "oci_credentials", "example.com" }, block.Keys.Select(k => k.Value).ToArray());
        Assert.IsTrue(block.Keys[1].Quoted);
        Assert.IsNull(block.EqualsRange);
        Assert.AreEqual(new SourcePosition(2, 1, 28), block.Position);
        var body = (ConfigObject)block.Value;
        Assert.AreEqual("u", Str(body.Items.Single().Value));
        Assert.AreEqual(new SourcePosition(2, 31, 58), body.Range.Start);
        Assert.AreEqual(new SourcePosition(4, 2, 78), body.Range.End);
    }

    [TestMethod]
    public void InterpolationIsKeptLiterallyEvenWithQuotesInside()
    {
        var root = ParseOk("t = \"example.com/${ {\"example.com\": \"okay\"}[hostname] }/${namespace}\"");
        Assert.AreEqual("example.com/${ {\"example.com\": \"okay\"}[hostname] }/${namespace}", Str(root.Items[0].Value));
    }

    [TestMethod]
    [DataRow(@"a\nb", "a\nb")]
    [DataRow(@"tab\there", "tab\there")]
    [DataRow(@"q\""q", "q\"q")]
    [DataRow(@"\u00e9\x41\101", "éAA")]
    [DataRow(@"\U0001F600", "\U0001F600")]
    [DataRow(@"back\\slash", "back\\slash")]
    public void StringEscapes(string source, string expected)
    {
        var root = ParseOk("s = \"" + source + "\"");
        Assert.AreEqual(expected, Str(root.Items[0].Value));
    }

    [TestMethod]
    public void NumbersBoolsListsAndNestedObjects()
    {
        var root = ParseOk("n = 3\nf = -1.5e3\nh = 0x1F\nb = true\nl = [\"a\", 2, false, { x = 1 }, [\"y\"],]\no = { k = \"v\", j = 2 }\n");
        var kinds = root.Items.Select(i => i.Value).ToArray();
        Assert.AreEqual("3", Str(kinds[0]));
        Assert.AreEqual(ConfigLiteralKind.Number, ((ConfigLiteral)kinds[1]).Kind);
        Assert.AreEqual("-1.5e3", Str(kinds[1]));
        Assert.AreEqual("0x1F", Str(kinds[2]));
        Assert.AreEqual(ConfigLiteralKind.Bool, ((ConfigLiteral)kinds[3]).Kind);
        var list = (ConfigList)kinds[4];
        Assert.HasCount(5, list.Items);
        Assert.IsInstanceOfType<ConfigObject>(list.Items[3]);
        Assert.IsInstanceOfType<ConfigList>(list.Items[4]);
        var obj = (ConfigObject)kinds[5];
        CollectionAssert.AreEqual(new[] { "k", "j" }, obj.Items.Select(i => i.Keys[0].Value).ToArray());
    }

    [TestMethod]
    public void CommentsOfAllThreeKindsAndItemsOnOneLine()
    {
        var root = ParseOk("# hash\n// slashes\n/* block\n comment */ a = 1 b = 2, c { }\n");
        CollectionAssert.AreEqual(new[] { "a", "b", "c" }, root.Items.Select(i => i.Keys[0].Value).ToArray());
    }

    [TestMethod]
    public void RepeatedBlocksAccumulate()
    {
        var root = ParseOk("direct {}\ndirect {}\nother = 1\n");
        Assert.AreEqual(2, root.ItemsNamed("direct").Count());
    }

    [TestMethod]
    public void Heredoc()
    {
        var root = ParseOk("h = <<EOF\nline one\n  line two\nEOF\n");
        Assert.AreEqual(ConfigLiteralKind.Heredoc, ((ConfigLiteral)root.Items[0].Value).Kind);
        Assert.AreEqual("line one\n  line two\n", Str(root.Items[0].Value));
    }

    [TestMethod]
    public void IndentedHeredocRemovesTheMarkerIndentation()
    {
        var root = ParseOk("h = <<-EOT\n    one\n      two\n    EOT\nnext = 1\n");
        Assert.AreEqual("one\n  two\n", Str(root.Items[0].Value));
        Assert.HasCount(2, root.Items);
    }

    [TestMethod]
    public void IndentedHeredocWithShallowerLineIsKept()
    {
        var root = ParseOk("h = <<-EOT\n  one\n two\n    EOT\n");
        Assert.AreEqual("  one\n two\n", Str(root.Items[0].Value));
    }

    [TestMethod]
    public void EmptyAndCommentOnlyInputs()
    {
        Assert.HasCount(0, ParseOk("").Items);
        Assert.HasCount(0, ParseOk("# nothing here\n").Items);
    }

    [TestMethod]
    public void NonAsciiColumnsAndOffsets()
    {
        var root = ParseOk("\"ほげ\" = \"ふが\"\nx = 1");
        var item = root.Items[0];
        Assert.AreEqual("ほげ", item.Keys[0].Value);
        Assert.AreEqual(new SourcePosition(1, 6, 9), item.EqualsRange!.Value.Start);
        Assert.AreEqual(new SourcePosition(2, 1, 20), root.Items[1].Position);
    }

    [TestMethod]
    [DataRow("a = \"unterminated\nb = 1", 1, 5, "literal not terminated")]
    [DataRow("a = \"bad \\q escape\"", 1, 10, "illegal char escape")]
    [DataRow("a b = 1", 1, 5, "nested object expected: LBRACE got: ASSIGN")]
    [DataRow("a", 1, 2, "key 'a' expected start of object ('{') or assignment ('=')")]
    [DataRow("a {\n  b = 1\n", 3, 1, "object expected closing RBRACE got: EOF")]
    [DataRow("a = [1 2]", 1, 8, "error parsing list, expected comma or list end, got: NUMBER")]
    [DataRow("a = [=]", 1, 6, "unexpected token while parsing list: ASSIGN")]
    [DataRow("}", 1, 1, "expected: IDENT | STRING | ASSIGN | LBRACE got: RBRACE")]
    [DataRow("= 1", 1, 1, "no object keys found!")]
    [DataRow("{}", 1, 1, "expected: IDENT | STRING got: LBRACE")]
    [DataRow("a = b", 1, 5, "Unknown token: IDENT b")]
    [DataRow("x = 1\na = @", 2, 5, "illegal char")]
    [DataRow("a = <<EOF\nno end\n", 1, 5, "heredoc not terminated")]
    [DataRow("a = 1 /* open", 1, 7, "comment not terminated")]
    public void ErrorsHaveHcl1MessagesAndPositions(string text, int line, int column, string message)
    {
        var d = ParseError(text);
        Assert.AreEqual(Hcl1Parser.SyntaxErrorSummary, d.Summary);
        Assert.AreEqual(message, d.Detail);
        Assert.AreEqual(line, d.Subject!.Value.Start.Line);
        Assert.AreEqual(column, d.Subject!.Value.Start.Column);
        Assert.AreEqual("test.tfrc", d.Subject!.Value.FileName);
    }

    [TestMethod]
    public void ItemsBeforeAnErrorAreKept()
    {
        var result = Hcl1Parser.Parse("a = 1\nb = 2\nc = [\n", "x");
        Assert.IsTrue(result.HasErrors);
        CollectionAssert.AreEqual(new[] { "a", "b" }, result.Root.Items.Select(i => i.Keys[0].Value).ToArray());
    }

    [TestMethod]
    public void GarbageNeverThrows()
    {
        foreach (var text in new[] { "\"", "<<", "<<-", "<<EOF", "a = [", "a = {", "a = \"${", "a = \"\\", "-", "0x", "a=1e", "[[[", "a = [{ b = }]" })
        {
            var result = Hcl1Parser.Parse(text, "x");
            Assert.IsTrue(result.HasErrors, text);
        }
    }

    [TestMethod]
    public void AllHclFixturesOfTheCliConfigParse()
    {
        var dir = Path.Combine(RepoPaths.Conformance, "cliconfig");
        var files = Directory.GetFiles(dir, "*", SearchOption.AllDirectories)
            .Where(f => !File.ReadAllText(f).TrimStart().StartsWith("{", System.StringComparison.Ordinal))
            .ToArray();
        Assert.IsGreaterThan(20, files.Length);
        foreach (var file in files)
        {
            var result = Hcl1Parser.Parse(File.ReadAllText(file), file);
            Assert.IsFalse(result.HasErrors, file + ": " + string.Join("\n", result.Diagnostics));
        }
    }

    [TestMethod]
    public void ProviderInstallationErrorsFixtureHasTheExpectedShape()
    {
        var file = Path.Combine(RepoPaths.Conformance, "cliconfig", "provider-installation-errors");
        var root = Hcl1Parser.Parse(File.ReadAllText(file), file).Root;
        var blocks = root.ItemsNamed("provider_installation").ToArray();
        Assert.HasCount(3, blocks);
        Assert.AreEqual(new SourcePosition(9, 1, 0).Line, blocks[1].Position.Line);
        Assert.HasCount(2, blocks[1].Keys);
        Assert.IsNotNull(blocks[2].EqualsRange);
        Assert.AreEqual(11, blocks[2].Position.Line);
        var methods = ((ConfigObject)blocks[0].Value).Items;
        Assert.HasCount(5, methods);
        Assert.AreEqual(new SourcePosition(2, 3, 26), methods[0].Position);
        Assert.IsNotNull(methods[3].EqualsRange);
        Assert.HasCount(2, methods[4].Keys);
    }
}
