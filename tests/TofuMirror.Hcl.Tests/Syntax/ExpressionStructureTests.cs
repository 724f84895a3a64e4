using Microsoft.VisualStudio.TestTools.UnitTesting;
using TofuMirror.Hcl.Syntax;

namespace TofuMirror.Hcl.Tests.Syntax;

[TestClass]
public sealed class ExpressionStructureTests
{
    /// <summary>Renders an expression tree as a compact s-expression so precedence is visible.</summary>
    [TestMethod]
    [DataRow("1 + 2 * 3", "(+ 1 (* 2 3))")]
    [DataRow("1 * 2 + 3", "(+ (* 1 2) 3)")]
    [DataRow("1 - 2 - 3", "(- (- 1 2) 3)")]
    [DataRow("a || b && c", "(|| a (&& b c))")]
    [DataRow("a && b || c", "(|| (&& a b) c)")]
    [DataRow("a == b && c != d", "(&& (== a b) (!= c d))")]
    [DataRow("1 < 2 == true", "(== (< 1 2) true)")]
    [DataRow("a + b < c * d", "(< (+ a b) (* c d))")]
    [DataRow("-a + b", "(+ (neg a) b)")]
    [DataRow("-a.b", "(neg a.b)")]
    [DataRow("!a && b", "(&& (! a) b)")]
    [DataRow("!!a", "(! (! a))")]
    [DataRow("a % 2 == 0", "(== (% a 2) 0)")]
    [DataRow("10 / 2 / 5", "(/ (/ 10 2) 5)")]
    [DataRow("(1 + 2) * 3", "(* (paren (+ 1 2)) 3)")]
    [DataRow("a ? b : c", "(? a b c)")]
    [DataRow("a ? b : c ? d : e", "(? a b (? c d e))")]
    [DataRow("a || b ? 1 + 2 : 3", "(? (|| a b) (+ 1 2) 3)")]
    [DataRow("a >= 1 && a <= 9", "(&& (>= a 1) (<= a 9))")]
    [DataRow("a > b", "(> a b)")]
    [DataRow("1.5e3", "1500")]
    [DataRow("2E-2", "0.02")]
    [DataRow("null", "null")]
    [DataRow("\"x\"", "\"x\"")]
    [DataRow("a.b[0].c", "a.b[0].c")]
    [DataRow("a.0.1", "a[0][1]")]
    [DataRow("a[\"k\"]", "a[\"k\"]")]
    [DataRow("a[b]", "(index a b)")]
    [DataRow("a[b].c", "(rel (index a b) .c)")]
    [DataRow("f(x).y", "(rel (call f x) .y)")]
    [DataRow("a.*.b", "(splat a (rel * .b))")]
    [DataRow("a[*].b[0]", "(splat a (rel * .b[0]))")]
    [DataRow("a.*.b[0]", "(rel (splat a (rel * .b)) [0])")]
    [DataRow("a[*]", "(splat a *)")]
    [DataRow("f()", "(call f)")]
    [DataRow("f(1, 2...)", "(call... f 1 2)")]
    [DataRow("provider::aws::arn_parse(x)", "(call provider::aws::arn_parse x)")]
    [DataRow("[1, 2,]", "[1 2]")]
    [DataRow("{a = 1, \"b\" = 2, (c) = 3}", "{key(a)=1 \"b\"=2 key!((paren c))=3}")]
    [DataRow("{a: 1}", "{key(a)=1}")]
    [DataRow("[for x in xs : x * 2 if x > 1]", "(for-tuple x xs (* x 2) if (> x 1))")]
    [DataRow("{for k, v in m : k => v...}", "(for-object k v m k v grouped)")]
    [DataRow("\"${a}\"", "(wrap a)")]
    [DataRow("\"a${b}c\"", "(template \"a\" b \"c\")")]
    public void Structure(string source, string expected)
    {
        Assert.AreEqual(expected, ExpressionPrinter.Print(ParseHelpers.ParseExpr(source)));
    }

    [TestMethod]
    public void NewlinesAreIgnoredInsideBrackets()
    {
        var expression = ParseHelpers.ParseExpr("[\n  1,\n  2\n]");
        Assert.AreEqual("[1 2]", ExpressionPrinter.Print(expression));
    }

    [TestMethod]
    public void ObjectItemsMaySeparateByNewlines()
    {
        var file = ParseHelpers.ParseValid("x = {\n  a = 1\n  b = 2,\n\n  c = 3\n}\n");
        Assert.AreEqual("{key(a)=1 key(b)=2 key(c)=3}", ExpressionPrinter.Print(file.Body.GetAttribute("x")!.Expression));
    }
}
