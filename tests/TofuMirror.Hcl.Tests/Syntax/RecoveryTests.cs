using System.Linq;
using Microsoft.VisualStudio.TestTools.UnitTesting;
using TofuMirror.Hcl.Syntax;

namespace TofuMirror.Hcl.Tests.Syntax;

/// <summary>After a mistake the parser skips the item and carries on: one diagnostic per mistake, later items intact.</summary>
[TestClass]
public sealed class RecoveryTests
{
    [TestMethod]
    public void OneMistakeInABlockLeavesTheRestParsed()
    {
        const string source = "resource \"a\" \"b\" {\n  x = [1, 2 3, {y = \"${z}\"}]\n  ok = true\n  nested {\n    deep = 1\n  }\n}\nafter = 1\n";
        var result = HclParser.ParseFile(source, "main.tf");
        Assert.AreEqual("2:13-2:14: error: Missing item separator", ParseHelpers.Format(result.Diagnostics));
        var block = result.Value.Body.Blocks.Single();
        Assert.AreEqual("ok", block.Body.Attributes.Last().Name);
        Assert.AreEqual("nested", block.Body.Blocks.Single().Type);
        Assert.AreEqual("after", result.Value.Body.Attributes.Single().Name);
    }

    [TestMethod]
    public void SeparateMistakesGiveSeparateDiagnostics()
    {
        const string source = "a = 1 +\nb = [1 2]\nc {\n  d = )\n}\ne = \"ok\"\n";
        var result = HclParser.ParseFile(source, "main.tf");
        Assert.AreEqual(
            "1:8-2:1: error: Invalid expression\n2:8-2:9: error: Missing item separator\n4:7-4:8: error: Invalid expression",
            ParseHelpers.Format(result.Diagnostics));
        CollectionAssert.AreEqual(new[] { "a", "b", "e" }, result.Value.Body.Attributes.Select(a => a.Name).ToArray());
    }

    [TestMethod]
    public void ForgottenClosingQuoteIsOneDiagnostic()
    {
        var result = HclParser.ParseFile("a = \"abc\nb = \"def\"\nc {\n}\n", "main.tf");
        Assert.HasCount(1, result.Diagnostics);
        CollectionAssert.AreEqual(new[] { "a", "b" }, result.Value.Body.Attributes.Select(a => a.Name).ToArray());
        Assert.AreEqual("c", result.Value.Body.Blocks.Single().Type);
    }

    [TestMethod]
    public void SkippingAnItemStepsOverBracketsStringsAndHeredocs()
    {
        const string source = "a = 1 2 [\n  \"x\n\", {\n}] <<EOT\n}\nEOT\nb = 2\n";
        var result = HclParser.ParseFile(source, "main.tf");
        Assert.HasCount(1, result.Diagnostics);
        Assert.AreEqual("Missing newline after argument", result.Diagnostics[0].Summary);
        Assert.AreEqual("b", result.Value.Body.Attributes.Last().Name);
    }

    [TestMethod]
    public void ARunOfGarbageLinesGivesOneDiagnostic()
    {
        var result = HclParser.ParseFile("!!! @@@ ###\n%%% = 1\nok = 1\n!!!\n", "main.tf");
        Assert.AreEqual("1:1-1:2: error: Argument or block definition required\n4:1-4:2: error: Argument or block definition required", ParseHelpers.Format(result.Diagnostics));
        Assert.AreEqual("ok", result.Value.Body.Attributes.Single().Name);
    }

    [TestMethod]
    public void AForgottenOpeningBracketIsOneDiagnostic()
    {
        const string source = "provider \"a\" {\n  version = \"1.0.0\"\n  hashes = \n    \"h1:one\",\n    \"zh:two\",\n    \"zh:three\",\n  ]\n}\nafter = 1\n";
        var result = HclParser.ParseFile(source, "main.tf");
        Assert.AreEqual("3:12-4:1: error: Invalid expression", ParseHelpers.Format(result.Diagnostics));
        Assert.AreEqual("version", result.Value.Body.Blocks.Single().Body.Attributes.First().Name);
        Assert.AreEqual("after", result.Value.Body.Attributes.Single().Name);
    }

    [TestMethod]
    public void AForgottenOpeningBracketOnTheAttributeLineIsOneDiagnostic()
    {
        const string source = "hashes = \"h1:one\",\n  \"zh:two\",\n]\nafter = 1\n";
        var result = HclParser.ParseFile(source, "main.tf");
        Assert.AreEqual("1:18-1:19: error: Unexpected comma after argument", ParseHelpers.Format(result.Diagnostics));
        CollectionAssert.AreEqual(new[] { "hashes", "after" }, result.Value.Body.Attributes.Select(a => a.Name).ToArray());
    }

    [TestMethod]
    public void AMistakeAfterAClosedBlockIsReportedOnItsOwn()
    {
        var result = HclParser.ParseFile("a {\n  x = 1 2\n}\n\"b\" = 3\n", "main.tf");
        Assert.AreEqual("2:9-2:10: error: Missing newline after argument\n4:1-4:4: error: Invalid argument name", ParseHelpers.Format(result.Diagnostics));
    }

    [TestMethod]
    public void BrokenSingleLineBlockDoesNotSwallowTheFile()
    {
        var result = HclParser.ParseFile("a { b = 1\n  c = 2\n}\nd = 3\n", "main.tf");
        Assert.HasCount(1, result.Diagnostics);
        Assert.AreEqual("d", result.Value.Body.Attributes.Single().Name);
    }

    [TestMethod]
    public void DeepNestingGivesADiagnosticNotACrash()
    {
        var deep = "a = " + new string('[', 100_000) + new string(']', 100_000) + "\nb = 1\n";
        var result = HclParser.ParseFile(deep, "main.tf");
        Assert.AreEqual("Nesting too deep", result.Diagnostics.Single().Summary);
        Assert.AreEqual("b", result.Value.Body.Attributes.Last().Name);
    }

    [TestMethod]
    public void DeepBlockNestingGivesADiagnosticNotACrash()
    {
        var builder = new System.Text.StringBuilder();
        for (var i = 0; i < 5000; i++) builder.Append("a {\n");
        for (var i = 0; i < 5000; i++) builder.Append("}\n");
        builder.Append("z = 1\n");
        var result = HclParser.ParseFile(builder.ToString(), "main.tf");
        Assert.AreEqual("Nesting too deep", result.Diagnostics.Single().Summary);
        Assert.AreEqual("z", result.Value.Body.Attributes.Single().Name);
    }

    [TestMethod]
    public void DeepOperatorChainsAndUnaryChainsAreBounded()
    {
        var chain = "a = 1" + string.Concat(Enumerable.Repeat(" + 1", 50_000)) + "\n";
        Assert.AreEqual("Nesting too deep", HclParser.ParseFile(chain, "main.tf").Diagnostics.Single().Summary);
        var unary = "a = " + new string('!', 50_000) + "true\n";
        Assert.AreEqual("Nesting too deep", HclParser.ParseFile(unary, "main.tf").Diagnostics.Single().Summary);
        var templates = "a = " + string.Concat(Enumerable.Repeat("\"${", 5000)) + "1" + string.Concat(Enumerable.Repeat("}\"", 5000)) + "\n";
        Assert.AreEqual("Nesting too deep", HclParser.ParseFile(templates, "main.tf").Diagnostics.Single().Summary);
    }

    [TestMethod]
    public void ModerateNestingIsFine()
    {
        var nested = "a = " + new string('[', 100) + new string(']', 100) + "\n";
        Assert.IsEmpty(HclParser.ParseFile(nested, "main.tf").Diagnostics);
    }

    [TestMethod]
    public void BraceOnTheNextLineStillParsesTheBlock()
    {
        var result = HclParser.ParseFile("module \"net\"\n{\n  source = \"./net\"\n}\nx = 1\n", "main.tf");
        Assert.AreEqual("1:13-2:1: error: Invalid block definition", ParseHelpers.Format(result.Diagnostics));
        var module = result.Value.Body.Blocks.Single();
        Assert.AreEqual("source", module.Body.Attributes.Single().Name);
        Assert.AreEqual("x", result.Value.Body.Attributes.Single().Name);
    }

    [TestMethod]
    public void UnclosedInterpolationEndsAtTheClosingQuote()
    {
        var result = HclParser.ParseFile("a {\n  b = \"${var.x\"\n  c = 1\n}\nd {\n  e = \"${f(\"y\")}\"\n}\n", "main.tf");
        Assert.AreEqual("2:8-2:10: error: Unclosed template interpolation sequence", ParseHelpers.Format(result.Diagnostics));
        CollectionAssert.AreEqual(new[] { "a", "d" }, result.Value.Body.Blocks.Select(b => b.Type).ToArray());
        Assert.AreEqual("c", result.Value.Body.Blocks.First().Body.Attributes.Last().Name);
    }
}
