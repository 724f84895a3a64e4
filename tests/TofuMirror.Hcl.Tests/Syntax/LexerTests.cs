using System.Linq;
using Microsoft.VisualStudio.TestTools.UnitTesting;
using TofuMirror.Hcl.Syntax;
using TofuMirror.Diagnostics;

namespace TofuMirror.Hcl.Tests.Syntax;

[TestClass]
public sealed class LexerTests
{
    private static string Kinds(string source) =>
        string.Join(" ", HclParser.Tokenize(source, "t.tf").Where(t => t.Kind != TokenKind.EndOfFile).Select(t => t.Kind + ":" + t.Text.Replace("\n", "\\n")));

    [TestMethod]
    [DataRow("1.5e-3", "NumberLiteral:1.5e-3")]
    [DataRow("1.", "NumberLiteral:1 Dot:.")]
    [DataRow("a.0.1", "Identifier:a Dot:. NumberLiteral:0 Dot:. NumberLiteral:1")]
    [DataRow("my-name_2", "Identifier:my-name_2")]
    [DataRow("a<<b", "Identifier:a LessThan:< LessThan:< Identifier:b")]
    [DataRow("a <= b >= c", "Identifier:a LessThanOrEqual:<= Identifier:b GreaterThanOrEqual:>= Identifier:c")]
    [DataRow("x => y...", "Identifier:x FatArrow:=> Identifier:y Ellipsis:...")]
    [DataRow("a::b", "Identifier:a DoubleColon::: Identifier:b")]
    [DataRow("\"${~x~}\"", "OpenQuote:\" TemplateInterpolation:${~ Identifier:x TemplateSequenceEnd:~} CloseQuote:\"")]
    [DataRow("\"$${x}\"", "OpenQuote:\" QuotedLiteral:$${x} CloseQuote:\"")]
    [DataRow("<<-EOT\n  x\n  EOT\n", "OpenHeredoc:<<-EOT\\n StringLiteral:  x\\n CloseHeredoc:  EOT Newline:\\n")]
    [DataRow("{ a = \"}\" }", "OpenBrace:{ Identifier:a Equal:= OpenQuote:\" QuotedLiteral:} CloseQuote:\" CloseBrace:}")]
    [DataRow("a & b", "Identifier:a UnsupportedOperator:& Identifier:b")]
    [DataRow("a # comment\nb", "Identifier:a Newline:\\n Identifier:b")]
    public void Tokens(string source, string expected)
    {
        Assert.AreEqual(expected, Kinds(source));
    }

    [TestMethod]
    public void LexingNeverThrowsOnArbitraryInput()
    {
        var random = new System.Random(1234);
        const string alphabet = "ab01 \n\r\t{}[]()\"'$%~<>=!&|*/#.,:?-+\\EOT\u00e9\ud83d\ude00";
        for (var round = 0; round < 2000; round++)
        {
            var chars = new char[random.Next(1, 60)];
            for (var i = 0; i < chars.Length; i++) chars[i] = alphabet[random.Next(alphabet.Length)];
            var text = new string(chars);
            var result = HclParser.ParseFile(text, "fuzz.tf");
            Assert.IsNotNull(result.Value.Body);
            HclParser.ParseExpression(text, "fuzz.tf", TofuMirror.Diagnostics.SourcePosition.Start);
            HclParser.ParseTemplate(text, "fuzz.tf", TofuMirror.Diagnostics.SourcePosition.Start);
        }
    }
}
