using System.IO;
using System.Linq;
using System.Text;
using Microsoft.VisualStudio.TestTools.UnitTesting;
using TofuMirror.Engine.Modules;
using TofuMirror.Model.Diagnostics;
using TofuMirror.Testing;

namespace TofuMirror.Engine.Tests.Modules;

/// <summary>Configuration files are UTF-8 only, as in OpenTofu: anything else is HCL's "Invalid character encoding" at the first bad byte.</summary>
[TestClass]
public sealed class FileEncodingTests
{
    private const string Config = "terraform {\n  required_providers {\n    demo = { source = \"tofumirror/demo\" }\n  }\n}\n";

    private static TofuMirror.Diagnostics.Diagnostic EncodingError(TempFolder temp, byte[] bytes)
    {
        File.WriteAllBytes(temp.Combine("main.tf"), bytes);
        var module = ModuleLoader.Load(temp.Path);
        var error = module.Diagnostics.Single(d => d.Severity == TofuMirror.Diagnostics.DiagnosticSeverity.Error);
        Assert.AreEqual("Invalid character encoding", error.Summary);
        Assert.AreEqual("All input files must be UTF-8 encoded. Ensure that UTF-8 encoding is selected in your editor.", error.Detail);
        Assert.AreEqual(DiagnosticCodes.SyntaxError, error.Code);
        Assert.AreEqual(temp.Combine("main.tf"), error.Subject!.Value.FileName);
        return error;
    }

    [TestMethod]
    public void AUtf16FileIsAnErrorAtItsStart()
    {
        using var temp = new TempFolder();

        var error = EncodingError(temp, Encoding.Unicode.GetPreamble().Concat(Encoding.Unicode.GetBytes(Config)).ToArray());

        Assert.AreEqual(new TofuMirror.Diagnostics.SourcePosition(1, 1, 0), error.Subject!.Value.Start);
    }

    [TestMethod]
    public void InvalidUtf8IsAnErrorAtTheFirstBadByte()
    {
        using var temp = new TempFolder();
        // "é" is valid UTF-8 and counts as one column; the lone 0xE9 on line 3 (Latin-1 "é") is not.
        var bytes = Encoding.UTF8.GetBytes("# café\nlocals {\n  x = \"caf").Concat(new byte[] { 0xE9 }).Concat(Encoding.UTF8.GetBytes("\"\n}\n")).ToArray();

        var error = EncodingError(temp, bytes);

        Assert.AreEqual(3, error.Subject!.Value.Start.Line);
        Assert.AreEqual(11, error.Subject!.Value.Start.Column);
    }

    [TestMethod]
    public void Utf8WithOrWithoutAByteOrderMarkReadsAsBefore()
    {
        using var temp = new TempFolder();
        File.WriteAllBytes(temp.Combine("main.tf"), Encoding.UTF8.GetPreamble().Concat(Encoding.UTF8.GetBytes("# café\n" + Config)).ToArray());

        var module = ModuleLoader.Load(temp.Path);

        Assert.IsFalse(module.Diagnostics.Any(d => d.Severity == TofuMirror.Diagnostics.DiagnosticSeverity.Error), string.Join("\n", module.Diagnostics));
        Assert.AreEqual("registry.opentofu.org/tofumirror/demo", module.Requirements.Requirements.Single().Address.ToString());
    }
}
