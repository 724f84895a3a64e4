using System.Collections.Generic;
using System.IO;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.VisualStudio.TestTools.UnitTesting;
using TofuMirror.Testing;

namespace TofuMirror.Generators.Tests;

/// <summary>OpenTofu's lock-file fixtures through the generator: each "# ERROR: summary" line gets exactly that error, nothing else does.</summary>
[TestClass]
public sealed class ConformanceTests
{
    [TestMethod]
    [DataRow("empty.hcl")]
    [DataRow("valid-provider-locks.hcl")]
    [DataRow("invalid-provider-addrs.hcl")]
    [DataRow("invalid-versions.hcl")]
    [DataRow("unsupported-block.hcl")]
    public void LockFileFixture_ErrorsOnTheMarkedLines(string name)
    {
        var path = Path.Combine(RepoPaths.Conformance, "depsfile", "locks-files", name);
        var text = File.ReadAllText(path);
        var lines = text.Replace("\r\n", "\n").Split('\n');
        var expected = new Dictionary<int, string>();
        for (var i = 0; i < lines.Length; i++)
        {
            var marker = lines[i].IndexOf("# ERROR: ", System.StringComparison.Ordinal);
            if (marker >= 0) expected[i] = lines[i].Substring(marker + "# ERROR: ".Length).Trim();
        }

        var lockPath = "/fixtures/" + Path.GetFileNameWithoutExtension(name) + "/.terraform.lock.hcl";
        var (_, _, diagnostics) = GeneratorHarness.Run(new[] { new TestFile(lockPath, text, "fixture") });

        var errors = diagnostics.Where(d => d.Severity == DiagnosticSeverity.Error).ToList();
        CollectionAssert.AreEquivalent(expected.Keys.ToList(), errors.Select(e => e.Location.GetLineSpan().StartLinePosition.Line).ToList(),
            string.Join("\n", errors));
        foreach (var error in errors)
        {
            var summary = expected[error.Location.GetLineSpan().StartLinePosition.Line];
            StringAssert.StartsWith(error.GetMessage(System.Globalization.CultureInfo.InvariantCulture), summary);
            Assert.AreEqual(summary.Contains("source address") ? "TOFU1005" : "TOFU1001", error.Id, error.ToString());
            Assert.AreEqual(lockPath, error.Location.GetLineSpan().Path);
        }
    }

    [TestMethod]
    public void ValidFixture_GeneratesEveryProvider()
    {
        var path = Path.Combine(RepoPaths.Conformance, "depsfile", "locks-files", "valid-provider-locks.hcl");

        var (driver, output, _) = GeneratorHarness.Run(new[] { new TestFile("/fixtures/valid/.terraform.lock.hcl", File.ReadAllText(path), "fixture") });

        var generated = GeneratorHarness.Generated(driver, "TofuProviders.Fixture.g.cs");
        Assert.AreEqual(3, generated.Split("public static TofuProviderDescriptor ").Length - 1, generated);
        Assert.AreEqual(0, output.GetDiagnostics().Count(d => d.Severity >= DiagnosticSeverity.Warning));
    }
}
