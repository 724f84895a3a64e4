using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text;
using Microsoft.VisualStudio.TestTools.UnitTesting;
using TofuMirror.Hcl.Syntax;
using TofuMirror.Testing;

namespace TofuMirror.Hcl.Tests.Syntax;

/// <summary>
/// Realistic files: valid ones must parse cleanly; each invalid one has a golden <c>.diags</c> file
/// (<c>LINE:COL-LINE:COL: severity: summary</c> per line) that must match exactly.
/// </summary>
[TestClass]
public sealed class CorpusTests
{
    private static string NativeData => Path.Combine(RepoPaths.TestData("TofuMirror.Hcl.Tests"), "native");

    public static IEnumerable<object[]> ValidFiles() =>
        Directory.GetFiles(Path.Combine(NativeData, "valid")).OrderBy(f => f, System.StringComparer.Ordinal).Select(f => new object[] { Path.GetFileName(f) });

    public static IEnumerable<object[]> InvalidFiles() =>
        Directory.GetFiles(Path.Combine(NativeData, "invalid"), "*.tf").OrderBy(f => f, System.StringComparer.Ordinal).Select(f => new object[] { Path.GetFileName(f) });

    private static string Read(string path) => File.ReadAllText(path, new UTF8Encoding(false));

    [TestMethod]
    [DynamicData(nameof(ValidFiles))]
    public void ValidFileParsesWithoutDiagnostics(string name)
    {
        var path = Path.Combine(NativeData, "valid", name);
        var text = File.ReadAllText(path, new UTF8Encoding(false, true));
        var result = HclParser.ParseFile(text, name);
        Assert.AreEqual("", ParseHelpers.Format(result.Diagnostics));
        Assert.IsNotEmpty(result.Value.Body.Items);
    }

    [TestMethod]
    [DynamicData(nameof(InvalidFiles))]
    public void InvalidFileMatchesGoldenDiagnostics(string name)
    {
        var path = Path.Combine(NativeData, "invalid", name);
        var result = HclParser.ParseFile(Read(path), name);
        var goldenPath = Path.ChangeExtension(path, ".diags");
        if (System.Environment.GetEnvironmentVariable("HCL_UPDATE_GOLDEN") == "1")
            File.WriteAllText(goldenPath, ParseHelpers.Format(result.Diagnostics) + "\n");
        var expected = Read(goldenPath).Replace("\r\n", "\n").TrimEnd('\n');
        Assert.AreEqual(expected, ParseHelpers.Format(result.Diagnostics));
    }

    [TestMethod]
    public void CorpusIsThere()
    {
        Assert.IsGreaterThanOrEqualTo(10, ValidFiles().Count());
        Assert.IsGreaterThanOrEqualTo(8, InvalidFiles().Count());
    }

    [TestMethod]
    public void LockFileFixturesHaveNoSyntaxErrors()
    {
        var folder = Path.Combine(RepoPaths.Conformance, "depsfile", "locks-files");
        var files = Directory.GetFiles(folder, "*.hcl");
        Assert.IsNotEmpty(files);
        foreach (var file in files)
        {
            var result = HclParser.ParseFile(Read(file), Path.GetFileName(file));
            Assert.AreEqual("", ParseHelpers.Format(result.Diagnostics), file);
        }
    }

    [TestMethod]
    public void CrlfFixtureReallyHasCrlfLineEndings()
    {
        // A checkout that renormalises line endings would turn the CRLF tests into LF tests silently.
        var bytes = File.ReadAllBytes(Path.Combine(NativeData, "valid", "10-crlf-azure.tf"));
        var newlines = bytes.Count(b => b == (byte)'\n');
        var crlfs = Enumerable.Range(1, bytes.Length - 1).Count(i => bytes[i] == (byte)'\n' && bytes[i - 1] == (byte)'\r');
        Assert.IsGreaterThan(5, newlines);
        Assert.AreEqual(newlines, crlfs, "every line of 10-crlf-azure.tf must end in CRLF (see .gitattributes)");
    }

    [TestMethod]
    public void CrlfHeredocValuesUseLf()
    {
        var path = Path.Combine(NativeData, "valid", "10-crlf-azure.tf");
        var file = HclParser.ParseFile(Read(path), "10-crlf-azure.tf").Value;
        var rg = file.Body.Blocks.Last();
        var tags = (ObjectConsExpression)rg.Body.GetAttribute("tags")!.Expression;
        var owner = TofuMirror.Hcl.Evaluation.HclEvaluator.Evaluate(tags.Items[0].Value, null);
        Assert.AreEqual("platform-team\n", owner.Value.AsString());
    }
}
