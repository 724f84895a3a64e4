using System.Collections.Immutable;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.VisualStudio.TestTools.UnitTesting;

namespace TofuMirror.Generators.Tests;

/// <summary>Each TOFU1xxx problem, reported in the right file at the right (0-based) line and character.</summary>
[TestClass]
public sealed class DiagnosticTests
{
    private static ImmutableArray<Diagnostic> Diagnose(params TestFile[] files) => GeneratorHarness.Run(files).Diagnostics;

    private static void AssertSingle(ImmutableArray<Diagnostic> diagnostics, string id, DiagnosticSeverity severity, string path, int line, int character)
    {
        Assert.AreEqual(1, diagnostics.Length, string.Join("\n", diagnostics));
        var diagnostic = diagnostics[0];
        Assert.AreEqual(id, diagnostic.Id);
        Assert.AreEqual(severity, diagnostic.Severity);
        var span = diagnostic.Location.GetLineSpan();
        Assert.AreEqual(path, span.Path);
        Assert.AreEqual((line, character), (span.StartLinePosition.Line, span.StartLinePosition.Character), diagnostic.ToString());
    }

    [TestMethod]
    public void ConsistentModule_HasNoDiagnostics()
    {
        Assert.AreEqual(0, Diagnose(Samples.Module()).Length);
    }

    [TestMethod]
    public void LockFileSyntaxError_IsTofu1001_AtTheError()
    {
        var broken = Samples.LockFile.Replace("  version     = \"5.31.0\"", "  version     = \"5.31.0");

        var diagnostics = Diagnose(Samples.Module(lockFile: broken));

        Assert.IsTrue(diagnostics.Length > 0);
        Assert.IsTrue(diagnostics.All(d => d.Id == "TOFU1001" && d.Severity == DiagnosticSeverity.Error), string.Join("\n", diagnostics));
        var span = diagnostics[0].Location.GetLineSpan();
        Assert.AreEqual(Samples.LockPath, span.Path);
        Assert.AreEqual(4, span.StartLinePosition.Line, diagnostics[0].ToString());
    }

    [TestMethod]
    public void LockedBlockWithoutVersion_IsTofu1001()
    {
        var broken = Samples.LockFile.Replace("  version = \"0.2.0\"\n", "");

        var diagnostics = Diagnose(Samples.Module(lockFile: broken));

        Assert.AreEqual("TOFU1001", diagnostics.Single().Id);
        Assert.AreEqual(12, diagnostics.Single().Location.GetLineSpan().StartLinePosition.Line);
    }

    [TestMethod]
    [DataRow("  version     = \"5.31.0\"", "  verison     = \"5.31.0\"", 2, DisplayName = "misspelt argument")]
    [DataRow("\"5.31.0\"", "\"5.31.O\"", 1, DisplayName = "letter O for zero")]
    public void LockEntryWithATypo_IsOnlyTofu1001_NotTofu1002(string correct, string typo, int errors)
    {
        var diagnostics = Diagnose(Samples.Module(lockFile: Samples.LockFile.Replace(correct, typo)));

        Assert.HasCount(errors, diagnostics, string.Join("\n", diagnostics));
        Assert.IsTrue(diagnostics.All(d => d.Id == "TOFU1001" && d.Location.GetLineSpan().Path == Samples.LockPath), string.Join("\n", diagnostics));
    }

    [TestMethod]
    public void RequiredButNotLocked_IsTofu1002_AtTheRequiredProvidersEntry()
    {
        var tf = Samples.MainTf.Replace("    echo = {", "    random = {\n      source = \"hashicorp/random\"\n    }\n    echo = {");

        AssertSingle(Diagnose(Samples.Module(mainTf: tf)), "TOFU1002", DiagnosticSeverity.Error, Samples.MainPath, 6, 4);
    }

    [TestMethod]
    public void ImpliedProviderNotLocked_IsTofu1002_AtTheResourceBlock()
    {
        var tf = Samples.MainTf + "resource \"null_resource\" \"x\" {}\n";

        AssertSingle(Diagnose(Samples.Module(mainTf: tf)), "TOFU1002", DiagnosticSeverity.Error, Samples.MainPath, 11, 9);
    }

    [TestMethod]
    public void NoLockFile_ReportsEveryProviderAsNotLocked()
    {
        var diagnostics = Diagnose(new TestFile(Samples.MainPath, Samples.MainTf));

        CollectionAssert.AreEqual(new[] { "TOFU1002", "TOFU1002" }, diagnostics.Select(d => d.Id).ToArray());
    }

    [TestMethod]
    public void LockedVersionOutsideConstraints_IsTofu1003_AtTheConstraint()
    {
        var tf = Samples.MainTf.Replace("version = \"~> 5.0\"", "version = \"~> 6.0\"");

        AssertSingle(Diagnose(Samples.Module(mainTf: tf)), "TOFU1003", DiagnosticSeverity.Error, Samples.MainPath, 4, 16);
    }

    [TestMethod]
    public void LockedButNotRequired_IsTofu1004Warning_AtTheLockBlock()
    {
        var tf = Samples.MainTf.Replace("    echo = {\n      source = \"example.com/tofumirror/echo-server\"\n    }\n", "");

        AssertSingle(Diagnose(Samples.Module(mainTf: tf)), "TOFU1004", DiagnosticSeverity.Warning, Samples.LockPath, 12, 0);
    }

    [TestMethod]
    public void MalformedConstraintInConfiguration_IsTofu1005_AtTheValue()
    {
        var tf = Samples.MainTf.Replace("version = \"~> 5.0\"", "version = \"~> five\"");

        AssertSingle(Diagnose(Samples.Module(mainTf: tf)), "TOFU1005", DiagnosticSeverity.Error, Samples.MainPath, 4, 16);
    }

    [TestMethod]
    public void MalformedAddressInConfiguration_IsTofu1005_AtTheValue()
    {
        var tf = Samples.MainTf.Replace("source  = \"hashicorp/aws\"", "source  = \"hashi corp/aws!\"");

        AssertSingle(Diagnose(Samples.Module(mainTf: tf)), "TOFU1005", DiagnosticSeverity.Error, Samples.MainPath, 3, 16);
    }

    [TestMethod]
    public void AnEmojiBeforeTheProblemOnItsLine_TakesItsTwoUtf16UnitsInTheLocation()
    {
        const string comment = "/* 🚀 */ ";
        var tf = Samples.MainTf.Replace("source  = \"hashicorp/aws\"", comment + "source  = \"hashi corp/aws!\"");

        var diagnostics = Diagnose(Samples.Module(mainTf: tf));

        AssertSingle(diagnostics, "TOFU1005", DiagnosticSeverity.Error, Samples.MainPath, 3, 16 + comment.Length);
        Assert.AreEqual(tf.IndexOf("\"hashi corp", System.StringComparison.Ordinal), diagnostics[0].Location.SourceSpan.Start);
        Assert.AreEqual("\"hashi corp/aws!\"".Length, diagnostics[0].Location.SourceSpan.Length);
    }

    [TestMethod]
    public void MalformedAddressInLockFile_IsTofu1005_AtTheLabel()
    {
        var broken = Samples.LockFile.Replace("provider \"example.com/tofumirror/echo-server\"", "provider \"example.com/tofu mirror/echo\"");
        var tf = Samples.MainTf.Replace("    echo = {\n      source = \"example.com/tofumirror/echo-server\"\n    }\n", "");

        AssertSingle(Diagnose(Samples.Module(broken, tf)), "TOFU1005", DiagnosticSeverity.Error, Samples.LockPath, 12, 9);
    }

    [TestMethod]
    public void ConfigurationSyntaxError_IsTofu1006()
    {
        var tf = Samples.MainTf.Replace("terraform {", "terraform {{");

        var diagnostics = Diagnose(Samples.Module(mainTf: tf));

        Assert.IsTrue(diagnostics.Length > 0);
        Assert.AreEqual("TOFU1006", diagnostics[0].Id);
        Assert.AreEqual(Samples.MainPath, diagnostics[0].Location.GetLineSpan().Path);
    }

    [TestMethod]
    public void Diagnostics_DoNotStopGeneration()
    {
        var tf = Samples.MainTf.Replace("version = \"~> 5.0\"", "version = \"~> 6.0\"");

        var (driver, _, diagnostics) = GeneratorHarness.Run(Samples.Module(mainTf: tf));

        Assert.AreEqual(1, diagnostics.Length);
        StringAssert.Contains(GeneratorHarness.Generated(driver, "TofuProviders.Infra.g.cs"), "HashicorpAws");
    }

    [TestMethod]
    public void FilesWithoutModuleMetadata_AreIgnored()
    {
        var (driver, _, diagnostics) = GeneratorHarness.Run(new[] { new TestFile(Samples.MainPath, Samples.MainTf, Module: null) });

        Assert.AreEqual(0, diagnostics.Length);
        Assert.IsFalse(driver.GetRunResult().GeneratedTrees.Any(t => t.FilePath.Contains("TofuProviders.")));
    }

    [TestMethod]
    public void SecondLockFileInAModule_IsTofu1001_AtItsStart()
    {
        var files = Samples.Module().Append(new TestFile("/repo/zzz/.terraform.lock.hcl", Samples.LockFile)).ToArray();

        AssertSingle(Diagnose(files), "TOFU1001", DiagnosticSeverity.Error, "/repo/zzz/.terraform.lock.hcl", 0, 0);
    }

    [TestMethod]
    public void LockFileWithoutConfiguration_IsNotChecked()
    {
        Assert.AreEqual(0, Diagnose(new TestFile(Samples.LockPath, Samples.LockFile)).Length);
    }
}
