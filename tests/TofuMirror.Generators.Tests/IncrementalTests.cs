using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.VisualStudio.TestTools.UnitTesting;

namespace TofuMirror.Generators.Tests;

/// <summary>Caching proven with the driver's tracked steps: which stages re-ran after an edit.</summary>
[TestClass]
public sealed class IncrementalTests
{
    private static readonly string[] Stages =
    {
        TrackingNames.Files, TrackingNames.Modules, TrackingNames.Analysis, TrackingNames.Specs,
        TrackingNames.Diagnostics, TrackingNames.Options, TrackingNames.Manifest,
        TrackingNames.LockedHashes, TrackingNames.Platforms, TrackingNames.HashDiagnostics, TrackingNames.Templates,
    };

    private static bool AllCached(GeneratorDriver driver, string stage) =>
        Reasons(driver, stage).All(r => r is IncrementalStepRunReason.Cached or IncrementalStepRunReason.Unchanged);

    /// <summary>The sample manifest with aws's linux_amd64 h1 replaced by one the lock file does not record.</summary>
    private static readonly string ManifestWithForeignHash =
        Samples.Manifest.Replace("\"h1\": \"h1:AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=\"", "\"h1\": \"h1:ZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZ=\"");

    private static IReadOnlyList<IncrementalStepRunReason> Reasons(GeneratorDriver driver, string stage) =>
        driver.GetRunResult().Results.Single().TrackedSteps[stage]
            .SelectMany(step => step.Outputs)
            .Select(output => output.Reason)
            .ToList();

    private static (GeneratorDriver Driver, Compilation Compilation, ImmutableArray<AdditionalText> Texts) FirstRun(TestFile[] files)
    {
        var compilation = GeneratorHarness.Compilation(LanguageVersion.Latest, GeneratorHarness.UserCode);
        var (driver, texts) = GeneratorHarness.DriverWithTexts(files);
        return (driver.RunGenerators(compilation), compilation, texts);
    }

    [TestMethod]
    public void EditingUnrelatedCSharp_LeavesEveryStageCached()
    {
        var (driver, compilation, _) = FirstRun(Samples.ModuleWithManifest());
        var edited = compilation.AddSyntaxTrees(CSharpSyntaxTree.ParseText("namespace App { internal static class Other { } }",
            new CSharpParseOptions(LanguageVersion.Latest), path: "/app/Other.cs"));

        driver = driver.RunGenerators(edited);

        foreach (var stage in Stages)
        {
            var reasons = Reasons(driver, stage);
            Assert.IsTrue(reasons.Count > 0, stage);
            Assert.IsTrue(reasons.All(r => r is IncrementalStepRunReason.Cached or IncrementalStepRunReason.Unchanged),
                $"{stage}: {string.Join(", ", reasons)}");
        }
        var outputs = driver.GetRunResult().Results.Single().TrackedOutputSteps.SelectMany(s => s.Value).SelectMany(s => s.Outputs);
        Assert.IsTrue(outputs.All(o => o.Reason is IncrementalStepRunReason.Cached or IncrementalStepRunReason.Unchanged));
    }

    [TestMethod]
    public void EditingTheLockFile_RegeneratesTheModule()
    {
        var (driver, compilation, texts) = FirstRun(Samples.Module());
        var oldText = texts.Single(t => t.Path == Samples.LockPath);

        driver = driver.ReplaceAdditionalText(oldText, new GeneratorHarness.InMemoryText(Samples.LockPath, Samples.LockFile.Replace("5.31.0", "5.32.1")));
        driver = driver.RunGenerators(compilation);

        CollectionAssert.Contains(Reasons(driver, TrackingNames.Analysis).ToList(), IncrementalStepRunReason.Modified);
        CollectionAssert.Contains(Reasons(driver, TrackingNames.Specs).ToList(), IncrementalStepRunReason.Modified);
        StringAssert.Contains(GeneratorHarness.Generated(driver, "TofuProviders.Infra.g.cs"), "\"5.32.1\"");
    }

    [TestMethod]
    public void ShiftingLinesInATfFile_ReparsesButDoesNotRegenerateCode()
    {
        var tf = Samples.MainTf.Replace("version = \"~> 5.0\"", "version = \"~> 6.0\"");
        var (driver, compilation, texts) = FirstRun(Samples.Module(mainTf: tf));
        var oldText = texts.Single(t => t.Path == Samples.MainPath);

        driver = driver.ReplaceAdditionalText(oldText, new GeneratorHarness.InMemoryText(Samples.MainPath, "# a comment\n" + tf));
        driver = driver.RunGenerators(compilation);

        CollectionAssert.Contains(Reasons(driver, TrackingNames.Analysis).ToList(), IncrementalStepRunReason.Modified);
        CollectionAssert.AreEqual(new[] { IncrementalStepRunReason.Unchanged }, Reasons(driver, TrackingNames.Specs).ToArray());
        CollectionAssert.AreEqual(new[] { IncrementalStepRunReason.Modified }, Reasons(driver, TrackingNames.Diagnostics).ToArray());
        CollectionAssert.AreEqual(new[] { IncrementalStepRunReason.Unchanged }, Reasons(driver, TrackingNames.LockedHashes).ToArray());
        Assert.IsTrue(AllCached(driver, TrackingNames.HashDiagnostics));
        var diagnostic = driver.GetRunResult().Diagnostics.Single();
        Assert.AreEqual(5, diagnostic.Location.GetLineSpan().StartLinePosition.Line);
    }

    [TestMethod]
    public void EditingManifestHashes_RechecksPlatformsWithoutReparsingHcl()
    {
        var (driver, compilation, texts) = FirstRun(Samples.ModuleWithManifest());
        var oldText = texts.Single(t => t.Path == Samples.ManifestPath);

        driver = driver.ReplaceAdditionalText(oldText, new GeneratorHarness.InMemoryText(Samples.ManifestPath, ManifestWithForeignHash));
        driver = driver.RunGenerators(compilation);

        Assert.IsTrue(AllCached(driver, TrackingNames.Analysis));
        Assert.IsTrue(AllCached(driver, TrackingNames.LockedHashes));
        CollectionAssert.AreEqual(new[] { IncrementalStepRunReason.Modified }, Reasons(driver, TrackingNames.HashDiagnostics).ToArray());
        var error = driver.GetRunResult().Diagnostics.Single(d => d.Severity == DiagnosticSeverity.Error);
        Assert.AreEqual("TOFU1007", error.Id);
        Assert.AreEqual(3, error.Location.GetLineSpan().StartLinePosition.Line);
    }

    [TestMethod]
    public void ShiftingLinesInTheLockFile_MovesTheHashDiagnosticButDoesNotRegenerateCode()
    {
        var (driver, compilation, texts) = FirstRun(Samples.ModuleWithManifest(ManifestWithForeignHash));
        var oldText = texts.Single(t => t.Path == Samples.LockPath);

        driver = driver.ReplaceAdditionalText(oldText, new GeneratorHarness.InMemoryText(Samples.LockPath, "# moved\n" + Samples.LockFile));
        driver = driver.RunGenerators(compilation);

        CollectionAssert.AreEqual(new[] { IncrementalStepRunReason.Unchanged }, Reasons(driver, TrackingNames.Specs).ToArray());
        CollectionAssert.AreEqual(new[] { IncrementalStepRunReason.Modified }, Reasons(driver, TrackingNames.LockedHashes).ToArray());
        CollectionAssert.AreEqual(new[] { IncrementalStepRunReason.Modified }, Reasons(driver, TrackingNames.HashDiagnostics).ToArray());
        var error = driver.GetRunResult().Diagnostics.Single(d => d.Severity == DiagnosticSeverity.Error);
        Assert.AreEqual(4, error.Location.GetLineSpan().StartLinePosition.Line);
    }

    [TestMethod]
    public void ChangingTofuPlatformsOnly_RechecksHashesWithoutReparsingHcl()
    {
        var compilation = GeneratorHarness.Compilation(LanguageVersion.Latest, GeneratorHarness.UserCode);
        var driver = GeneratorHarness.Driver(Samples.ModuleWithManifest(ManifestWithForeignHash), platforms: "darwin_arm64").RunGenerators(compilation);
        Assert.AreEqual(0, driver.GetRunResult().Diagnostics.Count(d => d.Severity == DiagnosticSeverity.Error));

        driver = GeneratorHarness.WithOptions(driver, Samples.ModuleWithManifest(ManifestWithForeignHash), "darwin_arm64;linux_amd64").RunGenerators(compilation);

        Assert.IsTrue(AllCached(driver, TrackingNames.Analysis));
        CollectionAssert.AreEqual(new[] { IncrementalStepRunReason.Modified }, Reasons(driver, TrackingNames.HashDiagnostics).ToArray());
        Assert.AreEqual("TOFU1007", driver.GetRunResult().Diagnostics.Single(d => d.Severity == DiagnosticSeverity.Error).Id);
    }

    [TestMethod]
    public void EditingTheManifest_RegeneratesCodeWithoutReparsingHcl()
    {
        var (driver, compilation, texts) = FirstRun(Samples.ModuleWithManifest());
        var oldText = texts.Single(t => t.Path == Samples.ManifestPath);

        driver = driver.ReplaceAdditionalText(oldText, new GeneratorHarness.InMemoryText(Samples.ManifestPath,
            Samples.Manifest.Replace("sha256:2222", "sha256:9999")));
        driver = driver.RunGenerators(compilation);

        CollectionAssert.Contains(Reasons(driver, TrackingNames.Manifest).ToList(), IncrementalStepRunReason.Modified);
        Assert.IsTrue(Reasons(driver, TrackingNames.Analysis).All(r => r is IncrementalStepRunReason.Cached or IncrementalStepRunReason.Unchanged));
        StringAssert.Contains(GeneratorHarness.Generated(driver, "TofuProviders.Infra.g.cs"), "sha256:9999");
    }

    [TestMethod]
    public void ChangingTheRepositoryTemplate_RegeneratesCodeWithoutReparsingHcl()
    {
        static TestFile[] Files(string template) => Samples.Module().Select(f => f with { Template = template }).ToArray();
        var compilation = GeneratorHarness.Compilation(LanguageVersion.Latest, GeneratorHarness.UserCode);
        var driver = GeneratorHarness.Driver(Files("a.example.com/${hostname}/${namespace}/${type}")).RunGenerators(compilation);

        driver = GeneratorHarness.WithOptions(driver, Files("b.example.com/${hostname}/${namespace}/${type}"), "linux_amd64;darwin_arm64")
            .RunGenerators(compilation);

        CollectionAssert.AreEqual(new[] { IncrementalStepRunReason.Modified }, Reasons(driver, TrackingNames.Templates).ToArray());
        Assert.IsTrue(AllCached(driver, TrackingNames.Analysis));
        Assert.IsTrue(AllCached(driver, TrackingNames.HashDiagnostics));
        StringAssert.Contains(GeneratorHarness.Generated(driver, "TofuProviders.Infra.g.cs"), "\"b.example.com/registry.opentofu.org/hashicorp/aws\"");
    }
}
