using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.VisualStudio.TestTools.UnitTesting;
using TofuMirror.Generators.Templates;

namespace TofuMirror.Generators.Tests;

/// <summary>Repository and tag from the module's repository template when the restore manifest has no entry.</summary>
[TestClass]
public sealed class TemplateTests
{
    private const string Template = "mirror.example.com/${hostname}/${namespace}/${type}";

    private const string Probe = """
        using TofuMirror.Generated;
        namespace App
        {
            public static class Probe
            {
                public static string Describe()
                {
                    var aws = TofuProviders.Infra.HashicorpAws;
                    var echo = TofuProviders.Infra.TofumirrorEchoServer;
                    return string.Join("|", aws.Repository ?? "-", aws.Tag ?? "-", aws.IndexDigest ?? "-", aws.DigestsKnown,
                        echo.Repository ?? "-", echo.Tag ?? "-", echo.IndexDigest ?? "-", echo.DigestsKnown);
                }
            }
        }
        """;

    private static TestFile[] WithTemplate(TestFile[] files, string? template) =>
        files.Select(f => f.Module is null ? f : f with { Template = template }).ToArray();

    private static string Describe(TestFile[] files)
    {
        var (result, diagnostics) = GeneratorHarness.RunProbe(files, Probe);
        Assert.IsTrue(diagnostics.All(d => d.Severity < DiagnosticSeverity.Error), string.Join("\n", diagnostics));
        return result;
    }

    [TestMethod]
    [DataRow("example.com/${hostname}/${namespace}/${type}", "registry.opentofu.org/hashicorp/aws", "example.com/registry.opentofu.org/hashicorp/aws")]
    [DataRow("localhost:5000/mirror/${hostname}/${namespace}/${type}", "example.com/tofumirror/echo-server", "localhost:5000/mirror/example.com/tofumirror/echo-server")]
    [DataRow("ghcr.io/${ {\"registry.opentofu.org\": \"tofu\", \"example.com\": \"x\"}[hostname] }/${namespace}/${type}", "registry.opentofu.org/hashicorp/aws", "ghcr.io/tofu/hashicorp/aws")]
    [DataRow("  example.net/p/${hostname}/${namespace}/${type}  ", "registry.opentofu.org/hashicorp/aws", "example.net/p/registry.opentofu.org/hashicorp/aws")]
    public void Expander_FollowsOciMirrorTemplateRules(string template, string source, string expected)
    {
        Assert.AreEqual(expected, RepositoryTemplateExpander.Load(template).Repository(source));
    }

    [TestMethod]
    [DataRow(null, DisplayName = "unset")]
    [DataRow("", DisplayName = "empty")]
    [DataRow("oci-layout:/mirror/${hostname}/${namespace}/${type}", DisplayName = "oci-layout folder")]
    [DataRow("ghcr.io/acme/${namespace}/${type}", DisplayName = "hostname missing (no include patterns)")]
    [DataRow("ghcr.io/${version}/${hostname}/${namespace}/${type}", DisplayName = "unknown symbol")]
    [DataRow("ghcr.io/${hostname", DisplayName = "syntax error")]
    [DataRow("example.com/${hostname}/${namespace}/${type}:1.0", DisplayName = "tag suffix")]
    [DataRow("${hostname}${namespace == \"\" ? \"\" : \"\"}${type == \"\" ? \"\" : \"\"}", DisplayName = "registry only")]
    [DataRow("example.com/${ {\"example.com\": \"x\"}[hostname] }/${namespace}/${type}", DisplayName = "fails for this provider only")]
    [DataRow("example.com/${upper(hostname)}/${namespace}/${type}", DisplayName = "function call")]
    [DataRow("Example.com/X/${hostname}/${namespace}/${type}", DisplayName = "uppercase repository")]
    public void Expander_UnknownWhenTheTemplateCannotGiveARepository(string? template)
    {
        Assert.IsNull(RepositoryTemplateExpander.Load(template).Repository("registry.opentofu.org/hashicorp/aws"));
    }

    [TestMethod]
    [DataRow("5.31.0", "5.31.0")]
    [DataRow("1.0.0-beta.1", "1.0.0-beta.1")]
    [DataRow("not-a-version", null)]
    public void Tag_IsTheVersionsOciTag(string version, string? expected)
    {
        Assert.AreEqual(expected, RepositoryTemplateExpander.Tag(version));
    }

    [TestMethod]
    public void TemplateSet_NoManifest_RepositoryAndTagFromTemplate_DigestsUnknown()
    {
        Assert.AreEqual(
            "mirror.example.com/registry.opentofu.org/hashicorp/aws|5.31.0|-|False|mirror.example.com/example.com/tofumirror/echo-server|0.2.0|-|False",
            Describe(WithTemplate(Samples.Module(), Template)));
    }

    [TestMethod]
    public void TemplateUnset_NoManifest_Unknown()
    {
        Assert.AreEqual("-|-|-|False|-|-|-|False", Describe(Samples.Module()));
    }

    [TestMethod]
    [DataRow("oci-layout:/mirror/${hostname}/${namespace}/${type}")]
    [DataRow("ghcr.io/acme/${namespace}/${type}")]
    [DataRow("${")]
    public void UnusableTemplate_Unknown_NoDiagnostic(string template)
    {
        var files = WithTemplate(Samples.Module(), template);

        Assert.AreEqual("-|-|-|False|-|-|-|False", Describe(files));
        Assert.AreEqual(0, GeneratorHarness.Run(files).Diagnostics.Length);
    }

    [TestMethod]
    public void ManifestWinsOverTemplate_TemplateFillsProvidersTheManifestLacks()
    {
        Assert.AreEqual(
            "mirror.example.com/providers/hashicorp/aws|5.31.0|sha256:1111111111111111111111111111111111111111111111111111111111111111|True|" +
            "mirror.example.com/example.com/tofumirror/echo-server|0.2.0|-|False",
            Describe(WithTemplate(Samples.ModuleWithManifest(), Template)));
    }

    [TestMethod]
    public void TemplateOfAnotherModule_IsNotUsed()
    {
        var files = Samples.Module().Append(new TestFile("/repo/other/main.tf", "", Module: "other", Template: Template)).ToArray();

        var (driver, _, _) = GeneratorHarness.Run(files);

        StringAssert.Contains(GeneratorHarness.Generated(driver, "TofuProviders.Other.g.cs"), "ModuleName = \"other\"");
        Assert.AreEqual("-|-|-|False|-|-|-|False", Describe(files));
    }

    [TestMethod]
    public void ModuleClassWithTemplate_MatchesSnapshot()
    {
        var (driver, _, _) = GeneratorHarness.Run(WithTemplate(Samples.Module(), Template));

        Snapshot.Verify("TofuProviders.Infra.WithTemplate", GeneratorHarness.Generated(driver, "TofuProviders.Infra.g.cs"));
    }

    [TestMethod]
    [DataRow(LanguageVersion.CSharp7_3)]
    [DataRow(LanguageVersion.Latest)]
    public void WithTemplate_CompilesWithoutWarnings(LanguageVersion version)
    {
        var (_, output, diagnostics) = GeneratorHarness.Run(WithTemplate(Samples.Module(), Template), version: version);

        Assert.AreEqual(0, diagnostics.Length);
        var problems = output.GetDiagnostics().Where(d => d.Severity >= DiagnosticSeverity.Warning).ToList();
        Assert.AreEqual(0, problems.Count, string.Join("\n", problems));
    }
}
