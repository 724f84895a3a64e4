using System;
using System.IO;
using System.Linq;
using System.Reflection;
using System.Text.RegularExpressions;
using Microsoft.VisualStudio.TestTools.UnitTesting;
using TofuMirror.Model.Diagnostics;
using TofuMirror.Testing;
using TofuMirror.Diagnostics;

namespace TofuMirror.Model.Tests.Diagnostics;

[TestClass]
public sealed class DiagnosticCatalogueTests
{
    [TestMethod]
    public void Every_code_constant_has_one_catalogue_entry_and_every_entry_a_constant()
    {
        var constants = typeof(DiagnosticCodes).GetFields(BindingFlags.Public | BindingFlags.Static)
            .Concat(typeof(DiagnosticCodes.Generator).GetFields(BindingFlags.Public | BindingFlags.Static))
            .Where(f => f.IsLiteral)
            .Select(f => (string)f.GetRawConstantValue()!)
            .OrderBy(c => c, StringComparer.Ordinal)
            .ToList();
        var entries = DiagnosticCatalogue.All.Select(e => e.Code).ToList();

        Assert.AreEqual(entries.Count, entries.Distinct().Count(), "a code listed twice: " + string.Join(", ", entries));
        CollectionAssert.AreEqual(constants, entries.OrderBy(c => c, StringComparer.Ordinal).ToList());
        CollectionAssert.Contains(entries, "TOFU0000");
    }

    [TestMethod]
    public void The_documentation_lists_exactly_the_catalogue_codes_each_with_its_anchor()
    {
        var rows = DiagnosticsDocument.Rows();
        var documented = rows.Select(r => r.Code).ToList();

        Assert.AreEqual(documented.Count, documented.Distinct().Count(), "a code documented twice: " + string.Join(", ", documented));
        CollectionAssert.AreEquivalent(DiagnosticCatalogue.All.Select(e => e.Code).ToList(), documented,
            $"{DiagnosticsDocument.Path} and DiagnosticCatalogue disagree");
        foreach (var row in rows)
            Assert.AreEqual(row.Code.ToLowerInvariant(), row.Anchor, $"{row.Code} has no anchor <a id=\"{row.Code.ToLowerInvariant()}\"></a>");
    }

    [TestMethod]
    public void Every_help_link_is_an_anchor_of_the_documentation()
    {
        var anchors = DiagnosticsDocument.Rows().Select(r => DiagnosticCatalogue.DocumentPath + "#" + r.Anchor).ToHashSet();

        Assert.IsTrue(File.Exists(Path.Combine(RepoPaths.Root, DiagnosticCatalogue.DocumentPath)));
        foreach (var entry in DiagnosticCatalogue.All)
            Assert.IsTrue(anchors.Contains(entry.HelpLink), $"{entry.Code}: {entry.HelpLink} leads nowhere");
    }

    [TestMethod]
    public void The_documented_severities_are_the_catalogue_severities()
    {
        foreach (var row in DiagnosticsDocument.Rows())
        {
            var entry = DiagnosticCatalogue.Find(row.Code)!;
            var documented = row.Severity.Split('/').Select(s => s.Trim()).ToList();
            var catalogued = entry.Severities.Select(s => s == DiagnosticSeverity.Error ? "error" : "warning").ToList();
            CollectionAssert.AreEqual(catalogued, documented, $"{row.Code}: documented \"{row.Severity}\"");
        }
    }

    [TestMethod]
    public void Each_generator_code_names_the_conditions_the_documentation_gives_it_and_only_generator_codes_do()
    {
        foreach (var row in DiagnosticsDocument.Rows())
        {
            var entry = DiagnosticCatalogue.Find(row.Code)!;
            Assert.AreEqual(row.Code.StartsWith("TOFU1", StringComparison.Ordinal), entry.IsGeneratorCode, row.Code);
            if (!entry.IsGeneratorCode) continue;
            Assert.IsNotNull(row.SameConditionAs, $"{row.Code} is in a table without a \"same condition as\" column");
            CollectionAssert.AreEqual(
                entry.SameConditionAs.Select(c => c.Code).Distinct().ToList(),
                DiagnosticsDocument.CodesIn(row.SameConditionAs).ToList(),
                $"{row.Code}: documented \"{row.SameConditionAs}\"");
        }
    }

    [TestMethod]
    public void A_condition_found_in_one_input_has_one_generator_code()
    {
        var pairs = DiagnosticCatalogue.All.SelectMany(e => e.SameConditionAs.Select(c => (c, e.Code))).ToList();
        foreach (var group in pairs.GroupBy(p => p.c))
            Assert.AreEqual(1, group.Count(), $"{group.Key} maps to {string.Join(" and ", group.Select(p => p.Code))}");
        foreach (var (condition, code) in pairs)
            Assert.AreEqual(code, DiagnosticCatalogue.GeneratorCodeFor(condition.Code, condition.Origin));
        foreach (var condition in pairs.Select(p => p.c))
            Assert.IsFalse(DiagnosticCatalogue.Find(condition.Code)!.IsGeneratorCode, $"{condition.Code} is not a TOFU00xx code");
    }

    [TestMethod]
    [DataRow(DiagnosticCodes.ProviderNotLocked, DiagnosticOrigin.LockAgainstConfiguration, "TOFU1002")]
    [DataRow(DiagnosticCodes.LockedVersionNotAllowed, DiagnosticOrigin.LockAgainstConfiguration, "TOFU1003")]
    [DataRow(DiagnosticCodes.ProviderLockedButNotRequired, DiagnosticOrigin.LockAgainstConfiguration, "TOFU1004")]
    [DataRow(DiagnosticCodes.SyntaxError, DiagnosticOrigin.LockFile, "TOFU1001")]
    [DataRow(DiagnosticCodes.SyntaxError, DiagnosticOrigin.Configuration, "TOFU1006")]
    [DataRow(DiagnosticCodes.InvalidRequiredProvider, DiagnosticOrigin.LockFile, "TOFU1005")]
    [DataRow(DiagnosticCodes.InvalidCliConfig, DiagnosticOrigin.Configuration, null)]
    public void The_generator_code_of_a_condition_depends_on_where_it_was_found(string condition, DiagnosticOrigin origin, string? expected) =>
        Assert.AreEqual(expected, DiagnosticCatalogue.GeneratorCodeFor(condition, origin));

    [TestMethod]
    public void No_source_file_outside_the_catalogue_writes_a_code_the_catalogue_lacks()
    {
        var catalogue = Path.Combine(RepoPaths.Root, "src", "TofuMirror.Model", "Diagnostics");
        var literal = new Regex(@"""(TOFU\d{4})""");
        var sources = Directory.EnumerateFiles(Path.Combine(RepoPaths.Root, "src"), "*.*", SearchOption.AllDirectories)
            .Where(f => f.EndsWith(".cs", StringComparison.Ordinal) || f.EndsWith(".targets", StringComparison.Ordinal) || f.EndsWith(".props", StringComparison.Ordinal))
            .Where(f => !f.StartsWith(catalogue, StringComparison.Ordinal))
            .Where(f => !f.Split(Path.DirectorySeparatorChar).Any(part => part is "obj" or "bin"))
            .ToList();
        Assert.IsTrue(sources.Count > 50, $"scanned only {sources.Count} files under src/");

        var unknown = sources
            .SelectMany(f => literal.Matches(File.ReadAllText(f)).Select(m => (File: Path.GetRelativePath(RepoPaths.Root, f), Code: m.Groups[1].Value)))
            .Where(hit => DiagnosticCatalogue.Find(hit.Code) is null)
            .ToList();

        Assert.AreEqual(0, unknown.Count, "codes not in DiagnosticCatalogue: " + string.Join(", ", unknown));
    }

    [TestMethod]
    public void A_malformed_address_in_a_lock_file_is_an_invalid_lock_file_with_the_condition_of_an_invalid_required_provider()
    {
        var read = TofuMirror.Model.Locks.LockFileReader.Read("provider \"registry.opentofu.org/Hashicorp/aws\" {\n  version = \"5.0.0\"\n}\n", ".terraform.lock.hcl");

        var diagnostic = read.Diagnostics.Single();
        Assert.AreEqual(DiagnosticCodes.InvalidLockFile, diagnostic.Code);
        Assert.AreEqual(DiagnosticCodes.InvalidRequiredProvider, diagnostic.ConditionCode);
        StringAssert.Contains(diagnostic.ToString(), "error TOFU0002: Non-normalized provider source address");
    }
}
