using System.IO;
using System.Linq;
using Microsoft.VisualStudio.TestTools.UnitTesting;
using TofuMirror.Hcl.Json;
using TofuMirror.Hcl.Legacy;
using TofuMirror.Testing;
using TofuMirror.Diagnostics;
using TofuMirror.Hcl.ConfigTree;

namespace TofuMirror.Hcl.Tests.Json;

[TestClass]
public sealed class JsonParserTests
{
    private static JsonValue ParseOk(string text)
    {
        var result = JsonParser.Parse(text, "f.json");
        Assert.IsFalse(result.HasErrors, string.Join("\n", result.Diagnostics));
        return result.Value!;
    }

    [TestMethod]
    public void ValuesOfEveryKind()
    {
        var obj = (JsonObject)ParseOk("{\"s\": \"a\\u00e9\\n\\/\", \"n\": -12.5e+2, \"i\": 42, \"t\": true, \"f\": false, \"z\": null, \"a\": [1, [], {}]}");
        Assert.IsTrue(obj.TryGetValue("s", out var s));
        Assert.AreEqual("aé\n/", ((JsonString)s).Value);
        Assert.IsTrue(obj.TryGetValue("n", out var n));
        Assert.AreEqual("-12.5e+2", ((JsonNumber)n).Text);
        Assert.IsTrue(((JsonNumber)n).TryGetDecimal(out var d));
        Assert.AreEqual(-1250m, d);
        Assert.IsTrue(obj.TryGetValue("i", out var i));
        Assert.IsTrue(((JsonNumber)i).TryGetInt64(out var l));
        Assert.AreEqual(42L, l);
        Assert.IsFalse(((JsonNumber)n).TryGetInt64(out _));
        Assert.IsTrue(obj.TryGetValue("t", out var t));
        Assert.IsTrue(((JsonBool)t).Value);
        Assert.IsTrue(obj.TryGetValue("z", out var z));
        Assert.AreEqual(JsonValueKind.Null, z.Kind);
        Assert.IsTrue(obj.TryGetValue("a", out var a));
        Assert.HasCount(3, ((JsonArray)a).Items);
        Assert.IsFalse(obj.TryGetValue("missing", out _));
    }

    [TestMethod]
    public void SurrogatePairEscapes()
    {
        Assert.AreEqual("\U0001F600", ((JsonString)ParseOk("\"\\ud83d\\ude00\"")).Value);
    }

    [TestMethod]
    public void RangesAreExact()
    {
        var obj = (JsonObject)ParseOk("{\n  \"key\": [1,\n    \"é\"]\n}");
        var member = obj.Members.Single();
        Assert.AreEqual(new SourcePosition(2, 3, 4), member.NameRange.Start);
        Assert.AreEqual(new SourcePosition(2, 8, 9), member.NameRange.End);
        var array = (JsonArray)member.Value;
        Assert.AreEqual(new SourcePosition(2, 10, 11), array.Range.Start);
        var str = array.Items[1];
        Assert.AreEqual(new SourcePosition(3, 5, 19), str.Range.Start);
        Assert.AreEqual(new SourcePosition(3, 8, 23), str.Range.End);
        Assert.AreEqual(new SourcePosition(4, 2, 26), obj.Range.End);
    }

    [TestMethod]
    public void DuplicateMembersAreKeptAndLastWinsOnLookup()
    {
        var obj = (JsonObject)ParseOk("{\"a\": 1, \"a\": 2}");
        Assert.HasCount(2, obj.Members);
        Assert.IsTrue(obj.TryGetValue("a", out var v));
        Assert.AreEqual("2", ((JsonNumber)v).Text);
    }

    [TestMethod]
    [DataRow("", 1, 1, "expected a JSON value but found end of file")]
    [DataRow("{\"a\": 1,}", 1, 9, "expected a quoted object member name but found '}'")]
    [DataRow("[1, 2,]", 1, 7, "expected a JSON value but found ']'")]
    [DataRow("{\"a\" 1}", 1, 6, "expected ':' after object member name but found '1'")]
    [DataRow("{\"a\": 1\n \"b\": 2}", 2, 2, "expected ',' or '}' after object member but found '\"'")]
    [DataRow("[1 2]", 1, 4, "expected ',' or ']' after array element but found '2'")]
    [DataRow("\"abc", 1, 5, "string is not terminated")]
    [DataRow("\"a\tb\"", 1, 3, "control character U+0009 must be escaped in a string")]
    [DataRow("\"\\x41\"", 1, 2, "invalid escape sequence '\\x'")]
    [DataRow("\"\\u12G4\"", 1, 2, "invalid \\u escape: four hexadecimal digits are required")]
    [DataRow("01", 1, 2, "invalid number: leading zeros are not allowed")]
    [DataRow("1.", 1, 3, "invalid number: a digit is required after '.'")]
    [DataRow("-", 1, 2, "invalid number: a digit is required")]
    [DataRow("1e", 1, 3, "invalid number: a digit is required in the exponent")]
    [DataRow("tru", 1, 1, "expected a JSON value but found 't'")]
    [DataRow("{} {}", 1, 4, "unexpected text after the JSON value")]
    [DataRow("// c\n{}", 1, 1, "expected a JSON value but found '/'")]
    [DataRow("{'a': 1}", 1, 2, "expected a quoted object member name but found '''")]
    public void StrictErrorsWithPositions(string text, int line, int column, string message)
    {
        var result = JsonParser.Parse(text, "f.json");
        Assert.IsNull(result.Value);
        var d = result.Diagnostics.Single();
        Assert.AreEqual(JsonParser.SyntaxErrorSummary, d.Summary);
        Assert.AreEqual(message, d.Detail);
        Assert.AreEqual(line, d.Subject!.Value.Start.Line);
        Assert.AreEqual(column, d.Subject!.Value.Start.Column);
    }

    [TestMethod]
    public void DeepNestingIsAnErrorNotACrash()
    {
        var result = JsonParser.Parse(new string('[', 10000), "f.json");
        Assert.IsTrue(result.HasErrors);
    }

    [TestMethod]
    public void ByteOrderMarkIsIgnored()
    {
        Assert.AreEqual(JsonValueKind.Object, ParseOk("\uFEFF{}").Kind);
    }

    [TestMethod]
    public void ConfigTreeHasOneKeyPerItemAndNoEquals()
    {
        var result = JsonParser.ParseConfig("{\"a\": {\"b\": [\"x\", 1, true, null]}}", "c.json");
        Assert.IsFalse(result.HasErrors);
        var a = result.Root.Items.Single();
        Assert.AreEqual("a", a.Keys.Single().Value);
        Assert.IsNull(a.EqualsRange);
        var list = (ConfigList)((ConfigObject)a.Value).Items.Single().Value;
        CollectionAssert.AreEqual(
            new[] { ConfigLiteralKind.String, ConfigLiteralKind.Number, ConfigLiteralKind.Bool, ConfigLiteralKind.Null },
            list.Items.Cast<ConfigLiteral>().Select(l => l.Kind).ToArray());
    }

    [TestMethod]
    public void ConfigTreeRequiresAnObject()
    {
        var result = JsonParser.ParseConfig("[1]", "c.json");
        Assert.IsTrue(result.HasErrors);
        Assert.HasCount(0, result.Root.Items);
    }

    [TestMethod]
    public void FlattenerTurnsObjectsOfObjectsIntoLabelledBlocks()
    {
        var file = Path.Combine(RepoPaths.Conformance, "cliconfig", "oci-credentials-multi.json");
        var root = Hcl1JsonFlattener.Flatten(JsonParser.ParseConfig(File.ReadAllText(file), file).Root);
        var blocks = root.ItemsNamed("oci_credentials").ToArray();
        Assert.HasCount(2, blocks);
        CollectionAssert.AreEqual(new[] { "oci_credentials", "example.net" }, blocks[1].Keys.Select(k => k.Value).ToArray());
        Assert.HasCount(2, ((ConfigObject)blocks[1].Value).Items);
    }

    [TestMethod]
    public void FlattenerTurnsListsOfObjectsIntoRepeatedBlocksButNotOuterLevels()
    {
        var file = Path.Combine(RepoPaths.Conformance, "cliconfig", "provider-installation-oci.json");
        var root = Hcl1JsonFlattener.Flatten(JsonParser.ParseConfig(File.ReadAllText(file), file).Root);
        var pi = root.ItemsNamed("provider_installation").Single();
        Assert.HasCount(1, pi.Keys);
        var methods = ((ConfigObject)pi.Value).Items;
        Assert.HasCount(4, methods);
        Assert.IsTrue(methods.All(m => m.Keys.Single().Value == "oci_mirror" && m.Value is ConfigObject));
    }

    [TestMethod]
    public void FlattenerKeepsMixedAndEmptyValues()
    {
        var root = Hcl1JsonFlattener.Flatten(JsonParser.ParseConfig(
            "{\"a\": {}, \"b\": [], \"c\": {\"x\": {}, \"y\": 1}, \"d\": [{}, 1]}", "c.json").Root);
        CollectionAssert.AreEqual(new[] { "a", "b", "c", "d" }, root.Items.Select(i => i.Keys.Single().Value).ToArray());
    }

    [TestMethod]
    public void AllJsonFixturesParse()
    {
        var files = Directory.GetFiles(Path.Combine(RepoPaths.Conformance, "cliconfig"), "*.json", SearchOption.AllDirectories);
        Assert.IsGreaterThan(10, files.Length);
        foreach (var file in files)
        {
            Assert.IsFalse(JsonParser.Parse(File.ReadAllText(file), file).HasErrors, file);
        }
    }
}
