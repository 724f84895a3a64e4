using System.Collections.Generic;
using Microsoft.VisualStudio.TestTools.UnitTesting;
using TofuMirror.Hcl.Evaluation;
using TofuMirror.Hcl.Syntax;
using TofuMirror.Diagnostics;

namespace TofuMirror.Hcl.Tests.Syntax;

[TestClass]
public sealed class TemplateTests
{
    private static readonly EvalContext Context = new(new Dictionary<string, HclValue>
    {
        ["name"] = HclValue.String("world"),
        ["items"] = HclValue.Tuple(HclValue.String("a"), HclValue.String("b")),
        ["on"] = HclValue.True,
    });

    private static string EvalAttribute(string source)
    {
        var file = ParseHelpers.ParseValid(source);
        var result = HclEvaluator.Evaluate(file.Body.GetAttribute("x")!.Expression, Context);
        Assert.IsEmpty(result.Diagnostics);
        return result.Value.AsString();
    }

    [TestMethod]
    [DataRow("x = <<EOT\n  indented\n    more\nEOT\n", "  indented\n    more\n")]
    [DataRow("x = <<-EOT\n    indented\n      more\n    EOT\n", "indented\n  more\n")]
    [DataRow("x = <<-EOT\n    a\n\n    b\n  EOT\n", "a\n\nb\n")]
    [DataRow("x = <<-EOT\n    hello ${name}\n  ${name}\n  EOT\n", "  hello world\nworld\n")]
    [DataRow("x = <<EOT\nliteral $${name} and %%{ if }\nEOT\n", "literal ${name} and %{ if }\n")]
    [DataRow("x = <<EOT\nno \\n escapes\nEOT\n", "no \\n escapes\n")]
    [DataRow("x = <<EOT\nEOT-not-the-end\n  EOT  \n", "EOT-not-the-end\n")]
    [DataRow("x = <<EOT\nEOT", "")]
    [DataRow("x = <<EOT\n%{ for i in items ~}\n- ${i}\n%{ endfor ~}\nEOT\n", "- a\n- b\n")]
    [DataRow("x = <<EOT\n%{ if on ~}\nyes\n%{~ else ~}\nno\n%{~ endif }\nEOT\n", "yes\n")]
    [DataRow("x = [\n<<A\nfirst\nA\n, <<B\nsecond\nB\n]\n", null)]
    [DataRow("x = \"a\\\\b\\\"c\\r\\n\"\n", "a\\b\"c\r\n")]
    [DataRow("x = \"${\"nested ${name}\"}!\"\n", "nested world!")]
    [DataRow("x = \"%{ for i, v in items }${i}${v}%{ endfor }\"\n", "0a1b")]
    [DataRow("x = \"  ${~ name ~}  \"\n", "world")]
    [DataRow("x = \"\\U0001F600\"\n", "😀")]
    public void HeredocsAndTemplates(string source, string? expected)
    {
        if (expected is null)
        {
            var file = ParseHelpers.ParseValid(source);
            var tuple = HclEvaluator.Evaluate(file.Body.GetAttribute("x")!.Expression, Context).Value;
            Assert.AreEqual("[\"first\\n\", \"second\\n\"]", tuple.ToString());
            return;
        }
        Assert.AreEqual(expected, EvalAttribute(source));
    }

    [TestMethod]
    public void ParseTemplateWrapsASingleInterpolation()
    {
        var result = HclParser.ParseTemplate("${var.x}", "t.tmpl", SourcePosition.Start);
        Assert.IsEmpty(result.Diagnostics);
        Assert.IsInstanceOfType<TemplateWrapExpression>(result.Value);
    }

    [TestMethod]
    public void ParseTemplateReadsTextWithSequences()
    {
        var result = HclParser.ParseTemplate("Hello, ${name}!\n%{ for i in items }[${i}]%{ endfor }\n\"quotes\" stay", "t.tmpl", SourcePosition.Start);
        Assert.IsEmpty(result.Diagnostics);
        var template = (TemplateExpression)result.Value;
        Assert.AreEqual("Hello, world!\n[a][b]\n\"quotes\" stay", HclEvaluator.Evaluate(template, Context).Value.AsString());
        Assert.AreEqual("1:1-3:14", ParseHelpers.RangeText(template.Range));
    }

    [TestMethod]
    public void ParseTemplateReportsUnbalancedDirectives()
    {
        var result = HclParser.ParseTemplate("%{ if on }yes", "t.tmpl", SourcePosition.Start);
        Assert.AreEqual("1:1-1:11: error: Unexpected end of template", ParseHelpers.Format(result.Diagnostics));
    }

    [TestMethod]
    public void QuotedStringIsALiteralTemplate()
    {
        var expression = ParseHelpers.ParseExpr("\"plain\"");
        Assert.IsTrue(Expression.TryGetStaticString(expression, out var value));
        Assert.AreEqual("plain", value);
        Assert.IsFalse(Expression.TryGetStaticString(ParseHelpers.ParseExpr("\"a${b}\""), out _));
        Assert.AreEqual("", HclEvaluator.TryGetStaticString(ParseHelpers.ParseExpr("\"\"")));
    }

    [TestMethod]
    public void DirectivesNest()
    {
        var template = (TemplateExpression)ParseHelpers.ParseExpr("\"%{ for i in items }%{ if on }${i}%{ endif }%{ endfor }\"");
        var loop = (TemplateForExpression)template.Parts[0];
        Assert.AreEqual("i", loop.ValueVariable);
        Assert.IsInstanceOfType<TemplateIfExpression>(loop.Body.Parts[0]);
        Assert.AreEqual("\"ab\"", HclEvaluator.Evaluate(template, Context).Value.ToString());
    }
}
