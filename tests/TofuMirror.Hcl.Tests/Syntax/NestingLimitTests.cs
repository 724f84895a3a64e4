using System;
using System.Linq;
using System.Text;
using System.Threading;
using Microsoft.VisualStudio.TestTools.UnitTesting;
using TofuMirror.Hcl.Legacy;
using TofuMirror.Hcl.Syntax;
using TofuMirror.Diagnostics;

namespace TofuMirror.Hcl.Tests.Syntax;

/// <summary>
/// Template directives and HCL 1 objects and lists nest by recursion, like expressions: past the limit they give a
/// diagnostic instead of overflowing the stack (which would end the process). Each case runs on a thread with a
/// 1 MiB stack (Windows' default), so it would fail the same way everywhere.
/// </summary>
[TestClass]
public sealed class NestingLimitTests
{
    private const int Deep = 30_000;

    private static T OnSmallStack<T>(Func<T> parse)
    {
        T result = default!;
        var thread = new Thread(() => result = parse(), 1 << 20);
        thread.Start();
        thread.Join();
        return result;
    }

    private static string Repeat(string s, int count) => string.Concat(Enumerable.Repeat(s, count));

    [TestMethod]
    [DataRow("%{if true}", "%{endif}")]
    [DataRow("%{for x in []}", "%{endfor}")]
    [DataRow("%{if true}%{else}", "%{endif}")]
    public void DeeplyNestedTemplateDirectivesGiveOneDiagnostic(string open, string close)
    {
        var text = "a = \"" + Repeat(open, Deep) + "x" + Repeat(close, Deep) + "\"\nb = 1\n";

        var result = OnSmallStack(() => HclParser.ParseFile(text, "main.tf"));

        var diagnostic = result.Diagnostics.Single();
        Assert.AreEqual("Nesting too deep", diagnostic.Summary);
        Assert.AreEqual("b", result.Value.Body.Attributes.Last().Name);
    }

    [TestMethod]
    public void DeeplyNestedDirectivesInAHeredocAndABareTemplateGiveOneDiagnostic()
    {
        var heredoc = "a = <<EOT\n" + Repeat("%{if true}\n", Deep) + Repeat("%{endif}\n", Deep) + "EOT\n";
        var bare = Repeat("%{for x in []}", Deep) + Repeat("%{endfor}", Deep);

        Assert.AreEqual("Nesting too deep", OnSmallStack(() => HclParser.ParseFile(heredoc, "main.tf")).Diagnostics.Single().Summary);
        Assert.AreEqual("Nesting too deep", OnSmallStack(() => HclParser.ParseTemplate(bare, "t.tftpl", new SourcePosition(1, 1, 0))).Diagnostics.Single().Summary);
    }

    [TestMethod]
    public void DirectivesUpToTheLimitParse()
    {
        var depth = 200;
        var text = "a = \"" + Repeat("%{if true}", depth) + "x" + Repeat("%{endif}", depth) + "\"\n";

        var result = OnSmallStack(() => HclParser.ParseFile(text, "main.tf"));

        Assert.IsEmpty(result.Diagnostics);
    }

    [TestMethod]
    [DataRow("[", "]")]
    [DataRow("{ a = ", " }")]
    public void DeeplyNestedHcl1ValuesGiveOneDiagnostic(string open, string close)
    {
        var text = "a = " + Repeat(open, Deep) + "1" + Repeat(close, Deep) + "\n";

        var result = OnSmallStack(() => Hcl1Parser.Parse(text, "cli.tfrc"));

        StringAssert.Contains(result.Diagnostics.Single().Detail, $"nested more than {Hcl1Parser.MaxDepth} levels deep");
    }

    [TestMethod]
    public void DeeplyNestedHcl1BlocksGiveOneDiagnostic()
    {
        var text = Repeat("a {\n", Deep) + Repeat("}\n", Deep);

        var result = OnSmallStack(() => Hcl1Parser.Parse(text, "cli.tfrc"));

        StringAssert.Contains(result.Diagnostics.Single().Detail, $"nested more than {Hcl1Parser.MaxDepth} levels deep");
    }

    [TestMethod]
    public void AnErrorDeepInHcl1ListsIsWrappedOnceForEachEnclosingListAsHcl1Does()
    {
        const int depth = 200;
        // "a = " puts the first "[" in column 5; the list at depth k starts in column 4 + k, the stray "=" follows the last.
        var text = "a = " + new string('[', depth) + "=" + new string(']', depth) + "\n";

        var detail = OnSmallStack(() => Hcl1Parser.Parse(text, "cli.tfrc")).Diagnostics.Single().Detail;

        var expected = new StringBuilder();
        for (var k = 2; k <= depth; k++) expected.Append("error while trying to parse list within list: At 1:").Append(k + 5).Append(": ");
        expected.Append("unexpected token while parsing list: ASSIGN");
        Assert.AreEqual(expected.ToString(), detail);
    }
}
