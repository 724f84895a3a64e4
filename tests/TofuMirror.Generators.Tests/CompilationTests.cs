using System;
using System.IO;
using System.Linq;
using System.Reflection;
using System.Runtime.Loader;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.VisualStudio.TestTools.UnitTesting;

namespace TofuMirror.Generators.Tests;

[TestClass]
public sealed class CompilationTests
{
    [TestMethod]
    [DataRow(LanguageVersion.CSharp7_3)]
    [DataRow(LanguageVersion.CSharp8)]
    [DataRow(LanguageVersion.Latest)]
    public void GeneratedCode_CompilesWithoutWarnings(LanguageVersion version)
    {
        var (_, output, generatorDiagnostics) = GeneratorHarness.Run(Samples.Module(), version: version);

        Assert.AreEqual(0, generatorDiagnostics.Length, string.Join("\n", generatorDiagnostics));
        var problems = output.GetDiagnostics().Where(d => d.Severity >= DiagnosticSeverity.Warning).ToList();
        Assert.AreEqual(0, problems.Count, string.Join("\n", problems));
    }

    [TestMethod]
    public void Descriptors_CarryTheLockedValues_AtRunTime()
    {
        const string user = """
            using TofuMirror.Generated;
            namespace App
            {
                public static class Probe
                {
                    public static string Describe()
                    {
                        var aws = TofuProviders.Infra.HashicorpAws;
                        var echo = TofuProviders.Infra.TofumirrorEchoServer;
                        return string.Join("|", aws.Source, aws.Hostname, aws.Namespace, aws.Type, aws.Version, aws.Constraints,
                            aws.Hashes.Count, aws.H1Hashes[0], aws.ZipHashes.Count, string.Join(",", aws.Platforms), aws.DigestsKnown,
                            aws.GetPackageFolder("linux_amd64"), echo.Constraints ?? "none", TofuProviders.Infra.All.Count,
                            TofuProviders.Infra.ModuleName, echo);
                    }
                }
            }
            """;
        var driver = GeneratorHarness.Driver(Samples.Module());
        driver.RunGeneratorsAndUpdateCompilation(GeneratorHarness.Compilation(LanguageVersion.Latest, user), out var output, out _);

        using var stream = new MemoryStream();
        var emitted = output.Emit(stream);
        Assert.IsTrue(emitted.Success, string.Join("\n", emitted.Diagnostics));
        stream.Position = 0;
        var context = new AssemblyLoadContext("generated", isCollectible: true);
        try
        {
            var assembly = context.LoadFromStream(stream);
            var describe = assembly.GetType("App.Probe")!.GetMethod("Describe", BindingFlags.Public | BindingFlags.Static)!;
            Assert.AreEqual(
                "registry.opentofu.org/hashicorp/aws|registry.opentofu.org|hashicorp|aws|5.31.0|~> 5.0|2|" +
                "h1:AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=|1|linux_amd64,darwin_arm64|False|" +
                "registry.opentofu.org/hashicorp/aws/5.31.0/linux_amd64|none|2|infra|example.com/tofumirror/echo-server 0.2.0",
                (string)describe.Invoke(null, null)!);
        }
        finally
        {
            context.Unload();
        }
    }

    [TestMethod]
    public void UnknownProviderMember_DoesNotCompile()
    {
        const string user = "namespace App { public static class Use { public static object X() { return TofuMirror.Generated.TofuProviders.Infra.HashicorpAzurerm; } } }";
        var driver = GeneratorHarness.Driver(Samples.Module());
        driver.RunGeneratorsAndUpdateCompilation(GeneratorHarness.Compilation(LanguageVersion.Latest, user), out var output, out _);

        var errors = output.GetDiagnostics().Where(d => d.Severity == DiagnosticSeverity.Error).Select(d => d.Id).ToList();
        CollectionAssert.Contains(errors, "CS0117");
    }

    [TestMethod]
    public void NamespaceProperty_ChangesTheNamespace()
    {
        var files = Samples.Module();
        var driver = GeneratorHarness.Driver(files, namespaceName: "Deploy.Tofu");
        driver.RunGeneratorsAndUpdateCompilation(GeneratorHarness.Compilation(LanguageVersion.Latest,
            "namespace App { internal static class Use { internal static string X() { return Deploy.Tofu.TofuProviders.Infra.HashicorpAws.Version; } } }"),
            out var output, out _);

        var problems = output.GetDiagnostics().Where(d => d.Severity >= DiagnosticSeverity.Warning).ToList();
        Assert.AreEqual(0, problems.Count, string.Join("\n", problems));
    }

    [TestMethod]
    public void CollidingNames_StillCompileWithoutWarnings()
    {
        const string lockFile = """
            provider "registry.opentofu.org/get/type" {
              version = "1.0.0"
            }

            provider "registry.opentofu.org/hashicorp/aws" {
              version = "1.0.0"
            }

            provider "example.com/hashicorp/aws" {
              version = "2.0.0"
            }
            """;
        var files = new[]
        {
            new TestFile("/repo/a/.terraform.lock.hcl", lockFile, "hashicorp-aws"),
            new TestFile("/repo/b/.terraform.lock.hcl", lockFile, "HashicorpAws"),
            new TestFile("/repo/c/.terraform.lock.hcl", lockFile, "tofu providers"),
        };

        var (driver, output, _) = GeneratorHarness.Run(files);

        var problems = output.GetDiagnostics().Where(d => d.Severity >= DiagnosticSeverity.Warning).ToList();
        Assert.AreEqual(0, problems.Count, string.Join("\n", problems));
        CollectionAssert.AreEquivalent(
            new[] { "TofuProviderDescriptor.g.cs", "TofuProviders.HashicorpAws.g.cs", "TofuProviders.HashicorpAws2.g.cs", "TofuProviders.TofuProviders2.g.cs" },
            driver.GetRunResult().Results.Single().GeneratedSources.Select(s => s.HintName).ToArray());
        var generated = GeneratorHarness.Generated(driver, "TofuProviders.HashicorpAws.g.cs");
        StringAssert.Contains(generated, "TofuProviderDescriptor GetType2 {");
        StringAssert.Contains(generated, "TofuProviderDescriptor RegistryOpentofuOrgHashicorpAws {");
        StringAssert.Contains(generated, "TofuProviderDescriptor ExampleComHashicorpAws {");
    }
}
