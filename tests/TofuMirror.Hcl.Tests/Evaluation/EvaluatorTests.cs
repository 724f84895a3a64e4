using System.Collections.Generic;
using System.Linq;
using Microsoft.VisualStudio.TestTools.UnitTesting;
using TofuMirror.Hcl.Evaluation;
using TofuMirror.Hcl.Syntax;
using TofuMirror.Hcl.Tests.Syntax;
using TofuMirror.Diagnostics;

namespace TofuMirror.Hcl.Tests.Evaluation;

[TestClass]
public sealed class EvaluatorTests
{
    private static readonly EvalContext Context = new(new Dictionary<string, HclValue>
    {
        ["hostname"] = HclValue.String("example.com"),
        ["n"] = HclValue.Number(5),
        ["flag"] = HclValue.True,
        ["nothing"] = HclValue.Null,
        ["list"] = HclValue.Tuple(HclValue.String("a"), HclValue.String("b"), HclValue.String("c")),
        ["servers"] = HclValue.Tuple(
            HclValue.Object(new Dictionary<string, HclValue> { ["name"] = HclValue.String("web"), ["port"] = HclValue.Number(80) }),
            HclValue.Object(new Dictionary<string, HclValue> { ["name"] = HclValue.String("db"), ["port"] = HclValue.Number(5432) })),
        ["tags"] = HclValue.Object(new Dictionary<string, HclValue> { ["env"] = HclValue.String("prod"), ["team"] = HclValue.String("ops") }),
        ["unknown_string"] = HclValue.Unknown(HclType.String),
        ["unknown"] = HclValue.DynamicUnknown,
    });

    private static HclEvalResult Eval(string source, EvalContext? context)
    {
        var parsed = HclParser.ParseExpression(source, "eval.hcl", SourcePosition.Start);
        Assert.AreEqual("", ParseHelpers.Format(parsed.Diagnostics), "parse diagnostics");
        return HclEvaluator.Evaluate(parsed.Value, context);
    }

    [TestMethod]
    [DataRow("1 + 2 * 3", "7")]
    [DataRow("(1 + 2) * 3", "9")]
    [DataRow("10 / 4", "2.5")]
    [DataRow("7 % 3", "1")]
    [DataRow("-7 % 3", "-1")]
    [DataRow("1 / 3 * 3 < 1", "true")]
    [DataRow("0.1 + 0.2", "0.3")]
    [DataRow("0.1 + 0.2 == 0.3", "true")]
    [DataRow("99999999999999999999 + 1", "100000000000000000000")]
    [DataRow("1.50", "1.5")]
    [DataRow("1e3", "1000")]
    [DataRow("\"5\" + 1", "6")]
    [DataRow("-n", "-5")]
    [DataRow("n > 3 && n < 10", "true")]
    [DataRow("n >= 5 || false", "true")]
    [DataRow("!flag", "false")]
    [DataRow("\"true\" && true", "true")]
    [DataRow("1 == 1.0", "true")]
    [DataRow("1 == \"1\"", "false")]
    [DataRow("null == null", "true")]
    [DataRow("nothing == null", "true")]
    [DataRow("[1, 2] == [1, 2]", "true")]
    [DataRow("{a = 1} != {a = 2}", "true")]
    [DataRow("flag ? \"yes\" : \"no\"", "\"yes\"")]
    [DataRow("n > 9 ? 1 : 2", "2")]
    [DataRow("\"${hostname}:${n}\"", "\"example.com:5\"")]
    [DataRow("\"x${flag}\"", "\"xtrue\"")]
    [DataRow("\"${n}\"", "5")]
    [DataRow("\"a\\tb\\u00e9\"", "\"a\\tbé\"")]
    [DataRow("\"$${literal}\"", "\"${literal}\"")]
    [DataRow("\"%{ if flag }on%{ else }off%{ endif }\"", "\"on\"")]
    [DataRow("\"%{ for s in list }${s},%{ endfor }\"", "\"a,b,c,\"")]
    [DataRow("\"%{ for i, s in list }${i}=${s} %{ endfor ~}\"", "\"0=a 1=b 2=c \"")]
    [DataRow("\"a ${~ \"b\" ~} c\"", "\"abc\"")]
    [DataRow("list[1]", "\"b\"")]
    [DataRow("list.2", "\"c\"")]
    [DataRow("list[\"1\"]", "\"b\"")]
    [DataRow("tags.env", "\"prod\"")]
    [DataRow("tags[\"team\"]", "\"ops\"")]
    [DataRow("servers[1].port", "5432")]
    [DataRow("servers[*].name", "[\"web\", \"db\"]")]
    [DataRow("servers.*.port", "[80, 5432]")]
    [DataRow("tags[*].env", "[\"prod\"]")]
    [DataRow("nothing[*]", "[]")]
    [DataRow("[for s in list : upper]", "[\"A\", \"B\", \"C\"]")]
    [DataRow("[for i, s in list : i if i != 1]", "[0, 2]")]
    [DataRow("{for s in servers : s.name => s.port}", "{\"db\" = 5432, \"web\" = 80}")]
    [DataRow("{for s in list : (s == \"a\" ? \"first\" : \"rest\") => s...}", "{\"first\" = [\"a\"], \"rest\" = [\"b\", \"c\"]}")]
    [DataRow("{for k, v in tags : v => k}", "{\"ops\" = \"team\", \"prod\" = \"env\"}")]
    [DataRow("{a = 1, \"b\" = 2, (hostname) = 3}", "{\"a\" = 1, \"b\" = 2, \"example.com\" = 3}")]
    [DataRow("[1, \"two\", true, null]", "[1, \"two\", true, null]")]
    [DataRow("unknown_string == \"x\"", "(unknown bool)")]
    [DataRow("\"${unknown}-x\"", "(unknown string)")]
    [DataRow("unknown + 1", "(unknown number)")]
    [DataRow("unknown.foo[0]", "(unknown dynamic)")]
    [DataRow("false && unknown", "false")]
    [DataRow("unknown[*].name", "(unknown dynamic)")]
    [DataRow("servers[*][\"name\"]", "[\"web\", \"db\"]")]
    [DataRow("[for s in servers : s.port if s.port > 100]", "[5432]")]
    [DataRow("servers[0][\"name\"]", "\"web\"")]
    [DataRow("list[n - 4]", "\"b\"")]
    [DataRow("tags[list[0] == \"a\" ? \"env\" : \"team\"]", "\"prod\"")]
    [DataRow("n / 3 * 3 == n", "false")]
    [DataRow("5 / 2.5", "2")]
    [DataRow("true || unknown", "true")]
    public void Values(string source, string expected)
    {
        var context = source.Contains("upper")
            ? new EvalContext(Context.Variables.Concat(new[] { new KeyValuePair<string, HclValue>("upper", HclValue.Null) }).ToDictionary(p => p.Key, p => p.Value))
            : Context;
        if (source.Contains("upper")) source = "[for s in list : upper(s)]";
        var functions = new Dictionary<string, HclFunction> { ["upper"] = args => HclValue.String(args[0].AsString().ToUpperInvariant()) };
        var result = Eval(source, new EvalContext(context.Variables, functions));
        Assert.AreEqual("", ParseHelpers.Format(result.Diagnostics), "evaluation diagnostics");
        Assert.AreEqual(expected, result.Value.ToString());
    }

    [TestMethod]
    [DataRow("hostname[0]", "1:9-1:12", "Invalid index", "This value does not have any indices.")]
    [DataRow("unknown_string[0]", "1:15-1:18", "Invalid index", "This value does not have any indices.")]
    [DataRow("hostname + 1", "1:1-1:9", "Invalid operand", "Unsuitable value for left operand: a number is required.")]
    [DataRow("\"x\" + 1", "1:1-1:4", "Invalid operand", "Unsuitable value for left operand: a number is required.")]
    [DataRow("1 + true", "1:5-1:9", "Invalid operand", "Unsuitable value for right operand: a number is required.")]
    [DataRow("nothing + 1", "1:1-1:8", "Invalid operand", "Unsuitable value for left operand: argument must not be null.")]
    [DataRow("1 && true", "1:1-1:2", "Invalid operand", "Unsuitable value for left operand: a bool is required.")]
    [DataRow("tags.missing", "1:5-1:13", "Unsupported attribute", "This object does not have an attribute named \"missing\".")]
    [DataRow("tags[\"missing\"]", "1:5-1:16", "Invalid index", "The given key does not identify an element in this collection value.")]
    [DataRow("list[3]", "1:5-1:8", "Invalid index", "The given key does not identify an element in this collection value.")]
    [DataRow("list[1.5]", "1:5-1:10", "Invalid index", "The given key does not identify an element in this collection value: a whole number is required.")]
    [DataRow("nothing.x", "1:8-1:10", "Attempt to get attribute from null value", "This value is null, so it does not have any attributes.")]
    [DataRow("nothing[0]", "1:8-1:11", "Attempt to index null value", "This value is null, so it does not have any indices.")]
    [DataRow("hostname.x", "1:9-1:11", "Unsupported attribute", "Can't access attributes on a primitive-typed value (string).")]
    [DataRow("nope", "1:1-1:5", "Unknown variable", "There is no variable named \"nope\".")]
    [DataRow("\"a${nothing}\"", "1:5-1:12", "Invalid template interpolation value", "The expression result is null. Cannot include a null value in a string template.")]
    [DataRow("\"a${list}\"", "1:5-1:9", "Invalid template interpolation value", "Cannot include the given value in a string template: string required.")]
    [DataRow("nothing ? 1 : 2", "1:1-1:8", "Null condition", "The condition value is null. Conditions must either be true or false.")]
    [DataRow("hostname ? 1 : 2", "1:1-1:9", "Incorrect condition type", "The condition expression must be of type bool.")]
    [DataRow("n / 0", "1:1-1:6", "Operation failed", "Error during operation: can't divide by zero.")]
    [DataRow("{for s in list : \"k\" => s}", "1:18-1:21", "Duplicate object key", "Two different items produced the key \"k\" in this 'for' expression. If duplicates are expected, use the ellipsis (...) after the value expression to enable grouping by key.")]
    [DataRow("[for s in hostname : s]", "1:11-1:19", "Iteration over non-iterable value", "A value of type string cannot be used as the collection in a 'for' expression.")]
    [DataRow("upper(\"x\")", "1:1-1:6", "Function calls not allowed", "Functions may not be called here.")]
    public void Errors(string source, string range, string summary, string detail)
    {
        var result = Eval(source, Context);
        Assert.HasCount(1, result.Diagnostics, ParseHelpers.Format(result.Diagnostics));
        var diagnostic = result.Diagnostics[0];
        Assert.AreEqual(summary, diagnostic.Summary);
        Assert.AreEqual(detail, diagnostic.Detail);
        Assert.AreEqual(range, ParseHelpers.RangeText(diagnostic.Subject!.Value));
        Assert.IsFalse(result.Value.IsKnown, "a failed evaluation yields an unknown value");
    }

    [TestMethod]
    public void NullContextRejectsVariables()
    {
        var result = Eval("var.x", null);
        Assert.AreEqual("Variables not allowed", result.Diagnostics.Single().Summary);
        Assert.AreEqual("Variables may not be used here.", result.Diagnostics.Single().Detail);
    }

    [TestMethod]
    public void NullContextStillEvaluatesLiterals()
    {
        var result = Eval("{ name = \"x\", list = [1, 2.5, true] }", null);
        Assert.IsEmpty(result.Diagnostics);
        Assert.AreEqual("{\"list\" = [1, 2.5, true], \"name\" = \"x\"}", result.Value.ToString());
    }

    [TestMethod]
    public void UnknownFunctionIsReported()
    {
        var result = Eval("nope(1)", new EvalContext(null, new Dictionary<string, HclFunction>()));
        Assert.AreEqual("Call to unknown function", result.Diagnostics.Single().Summary);
        Assert.AreEqual("There is no function named \"nope\".", result.Diagnostics.Single().Detail);
    }

    [TestMethod]
    public void ExpandFinalSpreadsTheTuple()
    {
        var functions = new Dictionary<string, HclFunction> { ["count"] = args => HclValue.Number(args.Count) };
        var result = Eval("count(0, [1, 2, 3]...)", new EvalContext(null, functions));
        Assert.AreEqual("4", result.Value.ToString());
    }

    [TestMethod]
    public void FunctionFailureBecomesDiagnostic()
    {
        var functions = new Dictionary<string, HclFunction> { ["boom"] = _ => throw new HclFunctionException("no way") };
        var result = Eval("boom()", new EvalContext(null, functions));
        Assert.AreEqual("Call to function \"boom\" failed: no way.", result.Diagnostics.Single().Detail);
    }

    [TestMethod]
    public void HeredocEvaluatesWithFlushIndentation()
    {
        var file = ParseHelpers.ParseValid("x = <<-EOT\n    hello\n      ${name}\n    bye\n  EOT\n");
        var result = HclEvaluator.Evaluate(file.Body.GetAttribute("x")!.Expression,
            new EvalContext(new Dictionary<string, HclValue> { ["name"] = HclValue.String("world") }));
        Assert.AreEqual("hello\n  world\nbye\n", result.Value.AsString());
    }
}
