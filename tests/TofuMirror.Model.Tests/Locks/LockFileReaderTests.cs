using System.Collections.Generic;
using System.IO;
using System.Linq;
using Microsoft.VisualStudio.TestTools.UnitTesting;
using TofuMirror.Model.Locks;
using TofuMirror.Testing;
using TofuMirror.Model.Addresses;
using TofuMirror.Model.Diagnostics;
using TofuMirror.Diagnostics;

namespace TofuMirror.Model.Tests.Locks;

[TestClass]
public sealed class LockFileReaderTests
{
    private static string Fixture(string name) => Path.Combine(RepoPaths.Conformance, "depsfile", "locks-files", name);

    public static IEnumerable<object[]> FixtureFiles =>
        Directory.GetFiles(Path.Combine(RepoPaths.Conformance, "depsfile", "locks-files"), "*.hcl")
            .Select(f => new object[] { Path.GetFileName(f) });

    /// <summary>As OpenTofu's own test: every "# ERROR: summary" comment marks the line of exactly one error with that summary.</summary>
    [TestMethod]
    [DynamicData(nameof(FixtureFiles))]
    public void Fixture_GivesExactlyTheMarkedErrors(string name)
    {
        var path = Fixture(name);
        var lines = File.ReadAllLines(path);
        var expected = new Dictionary<int, string>();
        for (var i = 0; i < lines.Length; i++)
        {
            var marker = lines[i].IndexOf("# ERROR: ", System.StringComparison.Ordinal);
            if (marker >= 0) expected[i + 1] = lines[i].Substring(marker + "# ERROR: ".Length);
        }

        var result = LockFileReader.Read(File.ReadAllText(path), path);

        var actual = result.Diagnostics.Where(d => d.Severity == DiagnosticSeverity.Error)
            .ToDictionary(d => d.Subject!.Value.Start.Line, d => d.Summary);
        CollectionAssert.AreEquivalent(expected.ToList(), actual.ToList(), string.Join("\n", result.Diagnostics));
        Assert.IsTrue(result.Diagnostics.All(d => d.Code is "TOFU0002" or "TOFU0001"));
    }

    [TestMethod]
    public void ValidFixture_HasThreeProvidersWithTheirValues()
    {
        var result = LockFileReader.Read(File.ReadAllText(Fixture("valid-provider-locks.hcl")), "valid.hcl");

        Assert.AreEqual(3, result.LockFile.Providers.Count);
        var versionOnly = result.LockFile.Find(ProviderAddress.Parse("terraform.io/test/version-only"))!;
        Assert.AreEqual("1.0.0", versionOnly.Version.ToString());
        Assert.IsNull(versionOnly.Constraints);
        Assert.AreEqual(0, versionOnly.Hashes.Count);
        var constrained = result.LockFile.Find(ProviderAddress.Parse("terraform.io/test/version-and-constraints"))!;
        Assert.AreEqual("~> 1.2", constrained.Constraints!.ToNormalizedString());
        var all = result.LockFile.Find(ProviderAddress.Parse("terraform.io/test/all-the-things"))!;
        Assert.AreEqual("3.0.10", all.Version.ToString());
        Assert.AreEqual(">= 3.0.2", all.Constraints!.ToNormalizedString());
        CollectionAssert.AreEqual(new[] { "test:placeholder-hash-1", "test:placeholder-hash-2", "test:placeholder-hash-3" },
            all.Hashes.Select(h => h.ToString()).ToList());
    }

    [TestMethod]
    public void InvalidAddresses_KeepTheValidBlocks()
    {
        var result = LockFileReader.Read(File.ReadAllText(Fixture("invalid-provider-addrs.hcl")), "x.hcl");

        Assert.AreEqual(1, result.LockFile.Providers.Count);
        Assert.AreEqual("this/one/okay", result.LockFile.Providers[0].Address.ToString());
    }

    [TestMethod]
    [DataRow("hashes = []", "Invalid provider hash set")]
    [DataRow("hashes = [\"abc\"]", "Invalid provider hash string")]
    [DataRow("hashes = \"h1:abc\"", "Invalid provider hash set")]
    [DataRow("constraints = \">=1.0\"", "Invalid provider version constraints")]
    [DataRow("constraints = \"~> banana\"", "Invalid provider version constraints")]
    [DataRow("version = 1", "Incorrect attribute value type")]
    [DataRow("flavour = \"vanilla\"", "Unsupported argument")]
    public void BadArgument_IsReportedOnItsLine(string argument, string summary)
    {
        var text = "provider \"registry.opentofu.org/hashicorp/aws\" {\n  version = \"1.0.0\"\n  " + argument + "\n}\n";
        if (argument.StartsWith("version")) text = "provider \"registry.opentofu.org/hashicorp/aws\" {\n  " + argument + "\n}\n";

        var result = LockFileReader.Read(text, "lock.hcl");

        var error = result.Diagnostics.Single(d => d.Severity == DiagnosticSeverity.Error);
        Assert.AreEqual(summary, error.Summary);
        Assert.AreEqual(argument.StartsWith("version") ? 2 : 3, error.Subject!.Value.Start.Line);
        Assert.AreEqual("lock.hcl", error.Subject!.Value.FileName);
        Assert.AreEqual(0, result.LockFile.Providers.Count);
    }

    [TestMethod]
    public void NonNormalizedAddress_DetailGivesTheCanonicalForm()
    {
        var result = LockFileReader.Read("provider \"hashicorp/aws\" {\n  version = \"1.0.0\"\n}\n", "lock.hcl");

        var error = result.Diagnostics.Single();
        Assert.AreEqual("Non-normalized provider source address", error.Summary);
        StringAssert.Contains(error.Detail, "\"registry.opentofu.org/hashicorp/aws\"");
        Assert.AreEqual(new SourcePosition(1, 10, 9), error.Subject!.Value.Start);
    }

    [TestMethod]
    public void ModuleBlock_GivesOneWarningOnly()
    {
        var result = LockFileReader.Read("module \"a\" {}\nmodule \"b\" {}\n", "lock.hcl");

        Assert.AreEqual(1, result.Diagnostics.Count);
        Assert.AreEqual(DiagnosticSeverity.Warning, result.Diagnostics[0].Severity);
        Assert.IsFalse(result.HasErrors);
    }

    [TestMethod]
    public void SyntaxError_IsCodedAsSyntaxError()
    {
        var result = LockFileReader.Read("provider \"registry.opentofu.org/hashicorp/aws\" {\n  version = \n}\n", "lock.hcl");

        Assert.IsTrue(result.HasErrors);
        Assert.AreEqual(DiagnosticCodes.SyntaxError, result.Diagnostics[0].Code);
    }
}
