using System.Linq;
using System.Text;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Text;
using Microsoft.VisualStudio.TestTools.UnitTesting;

namespace TofuMirror.Generators.Tests;

/// <summary>
/// The compiler decodes an additional file that is not UTF-8 another way (UTF-16 by its byte-order mark, invalid UTF-8
/// as a legacy code page); the generator still reports it as OpenTofu does, at the first bad byte.
/// </summary>
[TestClass]
public sealed class FileEncodingTests
{
    private const string Lock = """
        provider "registry.opentofu.org/hashicorp/aws" {
          version = "5.31.0"
        }

        """;

    private static Diagnostic EncodingError(string text, Encoding decodedWith)
    {
        var diagnostics = GeneratorHarness.Run(
            [new TestFile("/repo/infra/.terraform.lock.hcl", Lock), new TestFile("/repo/infra/main.tf", text, Encoding: decodedWith)],
            platforms: null).Diagnostics;
        var error = diagnostics.Single(d => d.Severity == DiagnosticSeverity.Error);
        StringAssert.Contains(error.GetMessage(), "Invalid character encoding");
        StringAssert.Contains(error.GetMessage(), "All input files must be UTF-8 encoded.");
        Assert.AreEqual("/repo/infra/main.tf", error.Location.GetLineSpan().Path);
        return error;
    }

    [TestMethod]
    public void AUtf16FileIsAnErrorAtItsStart()
    {
        var error = EncodingError("locals {}\n", Encoding.Unicode);

        Assert.AreEqual(new LinePosition(0, 0), error.Location.GetLineSpan().StartLinePosition);
    }

    [TestMethod]
    public void ALegacyCodePageFileIsAnErrorAtTheFirstNonUtf8Byte()
    {
        var error = EncodingError("locals {\n  x = \"café\"\n}\n", Encoding.Latin1);

        Assert.AreEqual(new LinePosition(1, 10), error.Location.GetLineSpan().StartLinePosition);
    }
}
