using System.Collections.Generic;
using System.Collections.Immutable;
using System.IO;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.VisualStudio.TestTools.UnitTesting;
using TofuMirror.Generators.Model;
using TofuMirror.Testing;

namespace TofuMirror.Generators.Tests;

/// <summary>The generator reads a module's files as OpenTofu does: override files merged last, <c>.tofu</c> files included.</summary>
[TestClass]
public sealed class ModuleFileRulesTests
{
    private const string Folder = "/repo/overrides/";

    private static string OverridesLock(string barVersion) => $$"""
        provider "registry.opentofu.org/acme/foo" {
          version = "1.0.0"
        }

        provider "registry.opentofu.org/blorp/bar" {
          version     = "{{barVersion}}"
          constraints = "~> 2.0.0"
        }

        """;

    private static IEnumerable<TestFile> OverridesFixture() =>
        Directory.EnumerateFiles(Path.Combine(RepoPaths.Conformance, "configs", "valid-modules", "required-providers-overrides"))
            .Select(p => new TestFile(Folder + Path.GetFileName(p), File.ReadAllText(p)));

    private static ImmutableArray<Diagnostic> Diagnose(IEnumerable<TestFile> files) => GeneratorHarness.Run(files, platforms: null).Diagnostics;

    private static string Versions(string constraint) => $$"""
        terraform {
          required_providers {
            aws = {
              source  = "hashicorp/aws"
              version = "{{constraint}}"
            }
          }
        }

        """;

    private const string AwsLock = """
        provider "registry.opentofu.org/hashicorp/aws" {
          version = "5.31.0"
        }

        """;

    [TestMethod]
    public void OpenTofusRequiredProvidersOverrides_HasNoDuplicate()
    {
        var diagnostics = Diagnose(OverridesFixture().Append(new TestFile(Folder + ".terraform.lock.hcl", OverridesLock("2.0.3"))));

        Assert.AreEqual(0, diagnostics.Length, string.Join("\n", diagnostics));
    }

    [TestMethod]
    public void OpenTofusRequiredProvidersOverrides_TheOverridesConstraintIsChecked()
    {
        var diagnostics = Diagnose(OverridesFixture().Append(new TestFile(Folder + ".terraform.lock.hcl", OverridesLock("2.1.0"))));

        var diagnostic = diagnostics.Single();
        Assert.AreEqual("TOFU1003", diagnostic.Id);
        var span = diagnostic.Location.GetLineSpan();
        Assert.AreEqual(Folder + "bar_provider_override.tf", span.Path);
        Assert.AreEqual(4, span.StartLinePosition.Line);
    }

    [TestMethod]
    public void VersionsTofu_IsChecked_AndShadowsVersionsTf()
    {
        var files = new List<TestFile>
        {
            new(Folder + ".terraform.lock.hcl", AwsLock),
            new(Folder + "versions.tf", Versions("~> 4.0")),
            new(Folder + "versions.tofu", Versions("~> 5.0")),
        };
        Assert.AreEqual(0, Diagnose(files).Length, string.Join("\n", Diagnose(files)));

        files[2] = files[2] with { Text = Versions("~> 6.0") };
        var diagnostic = Diagnose(files).Single();

        Assert.AreEqual("TOFU1003", diagnostic.Id);
        Assert.AreEqual(Folder + "versions.tofu", diagnostic.Location.GetLineSpan().Path);
    }

    [TestMethod]
    public void OverrideWithoutBase_IsTofu1006_InTheOverrideFile()
    {
        var files = new[]
        {
            new TestFile(Folder + ".terraform.lock.hcl", AwsLock),
            new TestFile(Folder + "versions.tofu.json", """{ "terraform": { "required_providers": { "aws": { "source": "hashicorp/aws" } } } }"""),
            new TestFile(Folder + "main_override.tofu", "module \"network\" {\n  source = \"./network\"\n}\n"),
        };

        var diagnostic = Diagnose(files).Single();

        Assert.AreEqual("TOFU1006", diagnostic.Id);
        StringAssert.Contains(diagnostic.GetMessage(), "There is no module call named \"network\".");
        Assert.AreEqual(Folder + "main_override.tofu", diagnostic.Location.GetLineSpan().Path);
    }

    [TestMethod]
    [DataRow("main.tofu", nameof(ModuleFileKind.Configuration))]
    [DataRow("main.tofu.json", nameof(ModuleFileKind.JsonConfiguration))]
    [DataRow("override.tf.json", nameof(ModuleFileKind.JsonConfiguration))]
    [DataRow(".terraform.lock.hcl", nameof(ModuleFileKind.LockFile))]
    public void TofuFiles_AreModuleFiles(string name, string kind) =>
        Assert.AreEqual(System.Enum.Parse<ModuleFileKind>(kind), ModuleFile.KindOf(Folder + name));

    [TestMethod]
    [DataRow("main.tftest.hcl")]
    [DataRow(".hidden.tofu")]
    [DataRow("main.tofu~")]
    public void OtherFiles_AreNot(string name) =>
        Assert.IsNull(ModuleFile.KindOf(Folder + name));
}
