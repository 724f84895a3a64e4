using System.Linq;
using Microsoft.VisualStudio.TestTools.UnitTesting;
using TofuMirror.Hcl.Syntax;

namespace TofuMirror.Hcl.Tests.Syntax;

/// <summary>Each syntax mistake gives exactly one diagnostic, with HCL's wording and an exact range.</summary>
[TestClass]
public sealed class DiagnosticTests
{
    [TestMethod]
    [DataRow("a = 1\n= 2\n", "2:1-2:2: error: Argument or block definition required")]
    [DataRow("a\n", "1:2-2:1: error: Argument or block definition required")]
    [DataRow("a b\n", "1:4-2:1: error: Invalid block definition")]
    [DataRow("a = 1 2\n", "1:7-1:8: error: Missing newline after argument")]
    [DataRow("a = 1, b = 2\n", "1:6-1:7: error: Unexpected comma after argument")]
    [DataRow("a = \n", "1:5-2:1: error: Invalid expression")]
    [DataRow("a = ", "1:5-1:5: error: Missing expression")]
    [DataRow("a = )\n", "1:5-1:6: error: Invalid expression")]
    [DataRow("b {\n  c = 1\n", "1:3-1:4: error: Unclosed configuration block")]
    [DataRow("b { c = 1\n}\n", "1:10-2:1: error: Invalid single-argument block definition")]
    [DataRow("b { c = 1, d = 2 }\n", "1:10-1:11: error: Invalid single-argument block definition")]
    [DataRow("b { c {} }\n", "1:5-1:8: error: Invalid single-argument block definition")]
    [DataRow("b {} c = 1\n", "1:6-1:7: error: Missing newline after block definition")]
    [DataRow("b = { x 1 }\n", "1:9-1:10: error: Missing key/value separator")]
    [DataRow("b = { x = 1 y = 2 }\n", "1:13-1:14: error: Missing attribute separator")]
    [DataRow("b = [1 2]\n", "1:8-1:9: error: Missing item separator")]
    [DataRow("b = f(1 2)\n", "1:9-1:10: error: Missing argument separator")]
    [DataRow("b = (1 + 2\n", "2:1-2:1: error: Unbalanced parentheses")]
    [DataRow("a = 1 ; b = 2\n", "1:7-1:8: error: Invalid character")]
    [DataRow("a = 'x'\n", "1:5-1:6: error: Invalid character")]
    [DataRow("a = 2 ** 3\n", "1:7-1:9: error: Unsupported operator")]
    [DataRow("a = \"abc\nb = 1\n", "1:5-1:9: error: Unterminated template string")]
    [DataRow("a = \"\\q\"\n", "1:6-1:8: error: Invalid escape sequence")]
    [DataRow("a = \"\\u12\"\n", "1:6-1:10: error: Invalid escape sequence")]
    [DataRow("a = \"\\UFFFFFFFF\"\n", "1:6-1:16: error: Invalid escape sequence")]
    [DataRow("a = <<EOT\nhello\n", "1:5-1:10: error: Unterminated template string")]
    [DataRow("a = 1\na = 2\n", "2:1-2:2: error: Attribute redefined")]
    [DataRow("a = x.\n", "1:7-2:1: error: Invalid attribute name")]
    [DataRow("a = x[1\n", "2:1-2:1: error: Missing close bracket on index")]
    [DataRow("a = x[*\n", "1:8-2:1: error: Missing close bracket on splat index")]
    [DataRow("a = c ? 1\n", "1:10-2:1: error: Missing false expression in conditional")]
    [DataRow("a = [for x in y x]\n", "1:17-1:18: error: Invalid 'for' expression")]
    [DataRow("a = [for in y : x]\n", "1:13-1:14: error: Invalid 'for' expression")]
    [DataRow("a = [for k, v in y : k => v]\n", "1:24-1:26: error: Invalid 'for' expression")]
    [DataRow("a = {for v in y : v}\n", "1:19-1:20: error: Invalid 'for' expression")]
    [DataRow("a = \"${x\"\n", "1:6-1:8: error: Unclosed template interpolation sequence")]
    [DataRow("a = \"${x y}\"\n", "1:10-1:11: error: Extra characters after interpolation expression")]
    [DataRow("a = \"%{ if x }y\"\n", "1:6-1:15: error: Unexpected end of template")]
    [DataRow("a = \"%{ endif }\"\n", "1:6-1:16: error: Unexpected endif directive")]
    [DataRow("a = \"%{ for x in y }a%{ else }b%{ endfor }\"\n", "1:22-1:31: error: Unexpected else directive")]
    [DataRow("a = \"%{ wat }\"\n", "1:9-1:12: error: Invalid template control keyword")]
    [DataRow("a = \"%{ }\"\n", "1:9-1:10: error: Invalid template directive")]
    [DataRow("b \"x${y}\" {}\n", "1:5-1:7: error: Invalid string literal")]
    [DataRow("b = {\n  x = 1\n", "1:5-1:6: error: Unterminated object constructor expression")]
    [DataRow("b = [1,\n", "1:5-1:6: error: Unterminated tuple constructor expression")]
    [DataRow("b = f(1,\n", "1:6-1:7: error: Unterminated function call")]
    [DataRow("b = f(xs..., 1)\n", "1:12-1:13: error: Missing closing parenthesis")]
    [DataRow("b = ns::(1)\n", "1:9-1:10: error: Missing function name")]
    [DataRow("b = x.*.y.*\n", "1:11-1:12: error: Nested splat expression not allowed")]
    [DataRow("\"a\" = 1\n", "1:1-1:4: error: Invalid argument name")]
    [DataRow("}\n", "1:1-1:2: error: Argument or block definition required")]
    [DataRow("b = 1.5.3\n", "1:5-1:10: error: Invalid number literal")]
    public void SingleDiagnostic(string source, string expected)
    {
        var result = HclParser.ParseFile(source, "test.tf");
        Assert.AreEqual(expected, ParseHelpers.Format(result.Diagnostics));
        Assert.IsNotNull(result.Value.Body);
    }

    [TestMethod]
    public void AttributeRedefinedCitesThePreviousDefinition()
    {
        var result = HclParser.ParseFile("name = 1\nother = 2\nname = 3\n", "main.tf");
        var diagnostic = result.Diagnostics.Single();
        Assert.AreEqual("The argument \"name\" was already set at main.tf:1,1-5. Each argument may be set only once.", diagnostic.Detail);
        Assert.AreEqual("3:1-3:5", ParseHelpers.RangeText(diagnostic.Subject!.Value));
    }

    [TestMethod]
    public void AttributeRedefinedIsPerBody()
    {
        var result = HclParser.ParseFile("a = 1\nb {\n  a = 2\n}\nb {\n  a = 3\n}\n", "main.tf");
        Assert.IsEmpty(result.Diagnostics);
    }

    [TestMethod]
    public void DiagnosticsSayWhatWasExpected()
    {
        var result = HclParser.ParseFile("a = [1 2]\n", "main.tf");
        Assert.AreEqual("Expected a comma to mark the beginning of the next item.", result.Diagnostics.Single().Detail);
        result = HclParser.ParseFile("b {\n", "main.tf");
        StringAssert.Contains(result.Diagnostics.Single().Detail, "no closing brace");
    }

    [TestMethod]
    public void UnclosedBlockHasTheHeaderAsContext()
    {
        var result = HclParser.ParseFile("resource \"a\" \"b\" {\n  x = 1\n", "main.tf");
        var diagnostic = result.Diagnostics.Single();
        Assert.AreEqual("1:1-1:19", ParseHelpers.RangeText(diagnostic.Context!.Value));
    }
}
