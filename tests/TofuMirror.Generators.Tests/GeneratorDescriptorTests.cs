using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text.RegularExpressions;
using Microsoft.CodeAnalysis;
using Microsoft.VisualStudio.TestTools.UnitTesting;
using TofuMirror.Model.Checks;
using TofuMirror.Model.Diagnostics;
using TofuMirror.Model.Locks;
using TofuMirror.Model.Modules;
using TofuMirror.Testing;

namespace TofuMirror.Generators.Tests;

/// <summary>The TOFU1xxx descriptors come from the diagnostic catalogue, and each reports the condition docs/diagnostics.md says.</summary>
[TestClass]
public sealed class GeneratorDescriptorTests
{
    private static readonly string GeneratorFolder = Path.Combine(RepoPaths.Root, "src", "TofuMirror.Generators");

    [TestMethod]
    public void There_is_one_descriptor_per_generator_code_and_severity_titled_and_linked_from_the_catalogue()
    {
        var expected = DiagnosticCatalogue.All.Where(c => c.IsGeneratorCode)
            .SelectMany(c => c.Severities.Select(s => c.Code + " " + s.ToString()))
            .OrderBy(s => s, System.StringComparer.Ordinal).ToList();
        var actual = GeneratorDiagnostics.All.Select(d => d.Id + " " + d.DefaultSeverity)
            .OrderBy(s => s, System.StringComparer.Ordinal).ToList();
        CollectionAssert.AreEqual(expected, actual);

        foreach (var descriptor in GeneratorDiagnostics.All)
        {
            var entry = DiagnosticCatalogue.Find(descriptor.Id)!;
            Assert.AreEqual("docs/diagnostics.md#" + descriptor.Id.ToLowerInvariant(), descriptor.HelpLinkUri, descriptor.Id);
            Assert.AreEqual(entry.Title, descriptor.Title.ToString(), descriptor.Id);
            Assert.IsTrue(descriptor.IsEnabledByDefault, descriptor.Id);
        }
    }

    [TestMethod]
    public void The_release_file_lists_every_generator_code_with_its_default_severity()
    {
        var rows = File.ReadAllLines(Path.Combine(GeneratorFolder, "AnalyzerReleases.Unshipped.md"))
            .Select(line => Regex.Match(line, @"^(TOFU\d{4}) \| TofuMirror \| (\w+) \|"))
            .Where(m => m.Success)
            .Select(m => m.Groups[1].Value + " " + m.Groups[2].Value)
            .ToList();
        var expected = DiagnosticCatalogue.All.Where(c => c.IsGeneratorCode).Select(c => c.Code + " " + c.DefaultSeverity).ToList();

        CollectionAssert.AreEqual(expected, rows);
        Assert.IsFalse(File.ReadAllText(Path.Combine(GeneratorFolder, "AnalyzerReleases.Shipped.md")).Contains("TOFU", System.StringComparison.Ordinal),
            "nothing has been released yet");
    }

    [TestMethod]
    public void A_warning_is_reported_with_a_warning_descriptor_and_its_help_link()
    {
        var lockFile = Samples.LockFile + "module \"network\" {\n}\n";

        var diagnostic = GeneratorHarness.Run(Samples.Module(lockFile)).Diagnostics.Single();

        Assert.AreEqual("TOFU1001", diagnostic.Id);
        Assert.AreEqual(DiagnosticSeverity.Warning, diagnostic.Severity);
        Assert.AreEqual(DiagnosticSeverity.Warning, diagnostic.Descriptor.DefaultSeverity, "no severity override");
        Assert.AreEqual("docs/diagnostics.md#tofu1001", diagnostic.Descriptor.HelpLinkUri);
    }

    [TestMethod]
    public void MalformedConstraintsInLockFile_IsTofu1005_ByItsCondition()
    {
        var broken = Samples.LockFile.Replace("constraints = \"~> 5.0\"", "constraints = \"~>5.0\"");

        var diagnostic = GeneratorHarness.Run(Samples.Module(broken)).Diagnostics.Single();

        Assert.AreEqual("TOFU1005", diagnostic.Id, diagnostic.ToString());
        StringAssert.Contains(diagnostic.GetMessage(), "normalized form");
    }

    /// <summary>
    /// The same broken module read the CLI's way (Model readers and checker, as <c>tofu-mirror check</c>) and the
    /// generator's way: the generator's code is the one docs/diagnostics.md gives the CLI's code.
    /// </summary>
    [TestMethod]
    [DataRow("\"5.31.0\"\n  constraints", "\"5.31.0\n  constraints", null, "TOFU1001", DisplayName = "lock file syntax error")]
    [DataRow("  version = \"0.2.0\"\n", "", null, "TOFU1001", DisplayName = "lock block without version")]
    [DataRow(null, null, "    echo = {", "TOFU1002", DisplayName = "required but not locked")]
    [DataRow(null, null, "version = \"~> 6.0\"", "TOFU1003", DisplayName = "locked version not allowed")]
    [DataRow(null, null, "", "TOFU1004", DisplayName = "locked but not required")]
    [DataRow(null, null, "version = \"~> five\"", "TOFU1005", DisplayName = "malformed constraint in .tf")]
    [DataRow("provider \"example.com/tofumirror/echo-server\"", "provider \"example.com/tofu mirror/echo\"", "", "TOFU1005", DisplayName = "malformed address in lock file")]
    [DataRow(null, null, "terraform {{", "TOFU1006", DisplayName = ".tf syntax error")]
    public void The_generator_code_is_the_one_documented_for_the_CLI_code_of_the_same_problem(string? lockFrom, string? lockTo, string? tfChange, string generatorCode)
    {
        var lockFile = lockFrom is null ? Samples.LockFile : Samples.LockFile.Replace(lockFrom, lockTo);
        var tf = tfChange switch
        {
            null => Samples.MainTf,
            "" => Samples.MainTf.Replace("    echo = {\n      source = \"example.com/tofumirror/echo-server\"\n    }\n", ""),
            "    echo = {" => Samples.MainTf.Replace("    echo = {", "    random = {\n      source = \"hashicorp/random\"\n    }\n    echo = {"),
            "version = \"~> 6.0\"" or "version = \"~> five\"" => Samples.MainTf.Replace("version = \"~> 5.0\"", tfChange),
            _ => Samples.MainTf.Replace("terraform {", tfChange),
        };
        Assert.AreNotEqual(Samples.LockFile + Samples.MainTf, lockFile + tf, "the case changes nothing");

        var reported = GeneratorHarness.Run(Samples.Module(lockFile, tf)).Diagnostics.Select(d => d.Id).Distinct().ToList();
        var conditions = CliConditions(lockFile, tf);

        CollectionAssert.AreEqual(new[] { generatorCode }, reported);
        var documented = DocumentedSameConditionAs(generatorCode);
        Assert.IsTrue(conditions.Count > 0);
        foreach (var condition in conditions)
            Assert.IsTrue(documented.Contains(condition),
                $"the CLI reports the condition {condition}, docs/diagnostics.md gives {generatorCode} the conditions {string.Join(", ", documented)}");
    }

    /// <summary>The conditions of what the CLI reports: its codes, except where a diagnostic names another condition (a malformed address in the lock file).</summary>
    private static List<string> CliConditions(string lockText, string tf)
    {
        var lockRead = LockFileReader.Read(lockText, Samples.LockPath);
        var requirements = RequiredProvidersReader.Read(new[] { new SourceFile(Samples.MainPath, tf) });
        var diagnostics = lockRead.Diagnostics.Concat(requirements.Diagnostics).ToList();
        if (diagnostics.Count == 0) diagnostics.AddRange(LockConsistencyChecker.Check(requirements, lockRead.LockFile, ".terraform.lock.hcl"));
        return diagnostics.Select(d => d.ConditionCode ?? d.Code!).Distinct().ToList();
    }

    private static IReadOnlyList<string> DocumentedSameConditionAs(string generatorCode)
    {
        var row = File.ReadAllLines(Path.Combine(RepoPaths.Root, "docs", "diagnostics.md"))
            .Single(line => line.StartsWith($"| <a id=\"{generatorCode.ToLowerInvariant()}\"></a>{generatorCode} |", System.StringComparison.Ordinal));
        var sameConditionAs = row.Split('|')[3];
        return Regex.Matches(sameConditionAs, @"TOFU\d{4}").Select(m => m.Value).ToList();
    }
}
