using System.IO;
using System.Linq;
using System.Reflection;
using System.Runtime.Loader;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.VisualStudio.TestTools.UnitTesting;

namespace TofuMirror.Generators.Tests;

/// <summary>OCI coordinates from the restore manifest; without a usable manifest the descriptors say they are unknown.</summary>
[TestClass]
public sealed class ManifestTests
{
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
                    var linux = aws.FindPackage("linux_amd64");
                    return string.Join("|", aws.DigestsKnown, aws.Repository ?? "-", aws.Tag ?? "-", aws.IndexDigest ?? "-",
                        aws.Packages.Count, linux == null ? "-" : linux.ManifestDigest, linux == null ? "-" : linux.LayerDigest,
                        aws.FindPackage("windows_amd64") == null, echo.DigestsKnown, echo.Packages.Count,
                        TofuProviders.Infra.CliConfigPath ?? "-", TofuProviders.Infra.ProvidersDirectory ?? "-");
                }
            }
        }
        """;

    private static string Describe(TestFile[] files)
    {
        var driver = GeneratorHarness.Driver(files);
        driver.RunGeneratorsAndUpdateCompilation(GeneratorHarness.Compilation(LanguageVersion.Latest, Probe), out var output, out var diagnostics);
        AssertOnlyEchoServerNotRestored(diagnostics);
        using var stream = new MemoryStream();
        var emitted = output.Emit(stream);
        Assert.IsTrue(emitted.Success, string.Join("\n", emitted.Diagnostics));
        stream.Position = 0;
        var context = new AssemblyLoadContext("manifest", isCollectible: true);
        try
        {
            var method = context.LoadFromStream(stream).GetType("App.Probe")!.GetMethod("Describe", BindingFlags.Public | BindingFlags.Static)!;
            return (string)method.Invoke(null, null)!;
        }
        finally
        {
            context.Unload();
        }
    }

    [TestMethod]
    public void Manifest_FillsDigestsOfTheModulesPackages()
    {
        Assert.AreEqual(
            "True|mirror.example.com/providers/hashicorp/aws|5.31.0|sha256:1111111111111111111111111111111111111111111111111111111111111111|2|" +
            "sha256:2222222222222222222222222222222222222222222222222222222222222222|sha256:3333333333333333333333333333333333333333333333333333333333333333|" +
            "True|False|0|/repo/obj/tofu/providers/tofu.rc|/repo/obj/tofu/providers",
            Describe(Samples.ModuleWithManifest()));
    }

    [TestMethod]
    public void NoManifest_DigestsUnknown()
    {
        Assert.AreEqual("False|-|-|-|0|-|-|True|False|0|-|-", Describe(Samples.Module()));
    }

    [TestMethod]
    [DataRow("{ not json")]
    [DataRow("{ \"formatVersion\": 2, \"packages\": [] }")]
    [DataRow("[]")]
    public void UnusableManifest_IsTreatedAsAbsent(string manifest)
    {
        Assert.AreEqual("False|-|-|-|0|-|-|True|False|0|-|-", Describe(Samples.ModuleWithManifest(manifest)));
    }

    [TestMethod]
    public void ModuleClassWithManifest_MatchesSnapshot()
    {
        var (driver, _, _) = GeneratorHarness.Run(Samples.ModuleWithManifest());

        Snapshot.Verify("TofuProviders.Infra.WithManifest", GeneratorHarness.Generated(driver, "TofuProviders.Infra.g.cs"));
    }

    [TestMethod]
    [DataRow(LanguageVersion.CSharp7_3)]
    [DataRow(LanguageVersion.Latest)]
    public void WithManifest_CompilesWithoutWarnings(LanguageVersion version)
    {
        var (_, output, diagnostics) = GeneratorHarness.Run(Samples.ModuleWithManifest(), version: version);

        AssertOnlyEchoServerNotRestored(diagnostics);
        var problems = output.GetDiagnostics().Where(d => d.Severity >= DiagnosticSeverity.Warning).ToList();
        Assert.AreEqual(0, problems.Count, string.Join("\n", problems));
    }

    /// <summary>
    /// The sample manifest restored aws but not echo-server, so TOFU1007 warns that echo-server's checksums for the
    /// listed platforms are unknown; nothing else may be reported.
    /// </summary>
    private static void AssertOnlyEchoServerNotRestored(System.Collections.Immutable.ImmutableArray<Diagnostic> diagnostics) =>
        Assert.IsTrue(diagnostics.All(d => d.Id == "TOFU1007" && d.Severity == DiagnosticSeverity.Warning
                && d.GetMessage(System.Globalization.CultureInfo.InvariantCulture).Contains("echo-server")),
            string.Join("\n", diagnostics));
}
