using System.Linq;
using Microsoft.VisualStudio.TestTools.UnitTesting;
using TofuMirror.Hcl.Syntax;
using TofuMirror.Diagnostics;

namespace TofuMirror.Hcl.Tests.Syntax;

/// <summary>Ranges are exact: line, column (in characters) and UTF-8 byte offset.</summary>
[TestClass]
public sealed class RangeTests
{
    private static string R(SourceRange range) => ParseHelpers.RangeWithOffsets(range);

    [TestMethod]
    public void AttributeAndBlockRanges()
    {
        const string source = "a = 1\nresource \"aws_s3\" b {\n  tags = { x = \"y\" }\n}\n";
        var file = ParseHelpers.ParseValid(source);
        var a = file.Body.Attributes.Single();
        Assert.AreEqual("1:1@0-1:6@5", R(a.Range));
        Assert.AreEqual("1:1@0-1:2@1", R(a.NameRange));
        Assert.AreEqual("1:3@2-1:4@3", R(a.EqualsRange));
        Assert.AreEqual("1:5@4-1:6@5", R(a.Expression.Range));

        var block = file.Body.Blocks.Single();
        Assert.AreEqual("2:1@6-4:2@50", R(block.Range));
        Assert.AreEqual("2:1@6-2:9@14", R(block.TypeRange));
        Assert.AreEqual("aws_s3", block.Labels[0].Value);
        Assert.AreEqual("2:10@15-2:18@23", R(block.Labels[0].Range));
        Assert.AreEqual("b", block.Labels[1].Value);
        Assert.AreEqual("2:19@24-2:20@25", R(block.Labels[1].Range));
        Assert.AreEqual("2:21@26-2:22@27", R(block.OpenBraceRange));
        Assert.AreEqual("4:1@49-4:2@50", R(block.CloseBraceRange));
        Assert.AreEqual("2:21@26-4:2@50", R(block.Body.Range));
        var tags = block.Body.Attributes.Single();
        Assert.AreEqual("3:10@37-3:21@48", R(tags.Expression.Range));
        Assert.AreEqual("1:1@0-5:1@51", R(file.Body.Range));
    }

    [TestMethod]
    public void UnicodeColumnsCountCharactersAndOffsetsCountBytes()
    {
        // é is 2 bytes, 日 is 3 bytes, 😀 is a surrogate pair (one column, 4 bytes).
        var file = ParseHelpers.ParseValid("é日 = \"é😀\"\nb = 1\n");
        var attribute = file.Body.Attributes.First();
        Assert.AreEqual("é日", attribute.Name);
        Assert.AreEqual("1:1@0-1:3@5", R(attribute.NameRange));
        Assert.AreEqual("1:6@8-1:10@16", R(attribute.Expression.Range));
        Assert.AreEqual("2:1@17-2:2@18", R(file.Body.Attributes.Last().NameRange));
    }

    [TestMethod]
    public void CrlfLineEndings()
    {
        var file = ParseHelpers.ParseValid("a = 1\r\nb {\r\n  c = \"x\"\r\n}\r\n");
        Assert.AreEqual("2:1@7-2:2@8", R(file.Body.Blocks.Single().TypeRange));
        Assert.AreEqual("3:3@14-3:4@15", R(file.Body.Blocks.Single().Body.Attributes.Single().NameRange));
    }

    [TestMethod]
    public void ByteOrderMarkIsSkipped()
    {
        var file = ParseHelpers.ParseValid("\uFEFFa = 1\n");
        Assert.AreEqual("1:1@3-1:2@4", R(file.Body.Attributes.Single().NameRange));
    }

    [TestMethod]
    public void ExpressionStartOffsetsPositions()
    {
        var result = HclParser.ParseExpression("x + 1", "f.tf", new SourcePosition(3, 10, 40));
        Assert.AreEqual("3:10@40-3:15@45", R(result.Value.Range));
        var binary = (BinaryOpExpression)result.Value;
        Assert.AreEqual("3:12@42-3:13@43", R(binary.OperatorRange));
    }

    [TestMethod]
    public void TraversalStepRanges()
    {
        var expression = (ScopeTraversalExpression)ParseHelpers.ParseExpr("var.list[0].id");
        var traversal = expression.Traversal;
        Assert.AreEqual("1:1@0-1:4@3", R(traversal.RootRange));
        Assert.AreEqual("1:4@3-1:9@8", R(traversal.Steps[0].Range));
        Assert.AreEqual("1:9@8-1:12@11", R(traversal.Steps[1].Range));
        Assert.AreEqual("1:12@11-1:15@14", R(traversal.Steps[2].Range));
        Assert.AreEqual("1:1@0-1:15@14", R(expression.Range));
    }

    [TestMethod]
    public void CompoundExpressionRanges()
    {
        var call = (FunctionCallExpression)ParseHelpers.ParseExpr("lookup(m, \"k\", 1)");
        Assert.AreEqual("1:1@0-1:7@6", R(call.NameRange));
        Assert.AreEqual("1:7@6-1:8@7", R(call.OpenParenRange));
        Assert.AreEqual("1:17@16-1:18@17", R(call.CloseParenRange));
        Assert.AreEqual("1:11@10-1:14@13", R(call.Args[1].Range));

        var conditional = (ConditionalExpression)ParseHelpers.ParseExpr("a ? [1] : {b = 2}");
        Assert.AreEqual("1:1@0-1:18@17", R(conditional.Range));
        Assert.AreEqual("1:5@4-1:8@7", R(conditional.TrueResult.Range));

        var forExpression = (ForExpression)ParseHelpers.ParseExpr("[for x in xs : x]");
        Assert.AreEqual("1:1@0-1:18@17", R(forExpression.Range));

        var splat = (SplatExpression)ParseHelpers.ParseExpr("a[*].b");
        Assert.AreEqual("1:2@1-1:5@4", R(splat.MarkerRange));
        Assert.AreEqual("1:1@0-1:7@6", R(splat.Range));

        var unary = (UnaryOpExpression)ParseHelpers.ParseExpr("-x");
        Assert.AreEqual("1:1@0-1:3@2", R(unary.Range));
    }

    [TestMethod]
    public void TemplatePartRanges()
    {
        var template = (TemplateExpression)ParseHelpers.ParseExpr("\"ab${x}c\"");
        Assert.AreEqual("1:1@0-1:10@9", R(template.Range));
        Assert.AreEqual("1:2@1-1:4@3", R(template.Parts[0].Range));
        Assert.AreEqual("1:6@5-1:7@6", R(template.Parts[1].Range));
        Assert.AreEqual("1:8@7-1:9@8", R(template.Parts[2].Range));
    }

    [TestMethod]
    public void HeredocRanges()
    {
        var file = ParseHelpers.ParseValid("a = <<EOT\nline\nEOT\nb = 1\n");
        var heredoc = (TemplateExpression)file.Body.Attributes.First().Expression;
        Assert.AreEqual("1:5@4-3:4@18", R(heredoc.Range));
        Assert.AreEqual("2:1@10-3:1@15", R(heredoc.Parts[0].Range));
        Assert.AreEqual("4:1@19-4:2@20", R(file.Body.Attributes.Last().NameRange));
    }

    [TestMethod]
    public void TokenRangesAndKinds()
    {
        var tokens = HclParser.Tokenize("a = \"x${b}\" # c\n", "t.tf");
        var rendered = string.Join(" ", tokens.Select(t => $"{t.Kind}@{t.Range.Start.Column}-{t.Range.End.Column}"));
        Assert.AreEqual("Identifier@1-2 Equal@3-4 OpenQuote@5-6 QuotedLiteral@6-7 TemplateInterpolation@7-9 Identifier@9-10 TemplateSequenceEnd@10-11 CloseQuote@11-12 Newline@16-1 EndOfFile@1-1", rendered);
        var comments = HclParser.Comments("a = 1 # c\n// d\n/* e\n f */\n", "t.tf");
        Assert.AreEqual("# c|// d|/* e\n f */", string.Join("|", comments.Select(c => c.Text)));
        Assert.AreEqual("3:1@15-4:6@25", R(comments[2].Range));
    }
}
