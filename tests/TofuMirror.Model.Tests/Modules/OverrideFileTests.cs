using System.IO;
using System.Linq;
using Microsoft.VisualStudio.TestTools.UnitTesting;
using TofuMirror.Model.Modules;
using TofuMirror.Testing;
using TofuMirror.Model.Diagnostics;

namespace TofuMirror.Model.Tests.Modules;

[TestClass]
public sealed class OverrideFileTests
{
    private static ModuleRequirements Read(params (string Path, string Text)[] files) =>
        RequiredProvidersReader.Read(files.Select(f => new SourceFile(f.Path, f.Text)));

    private static string Required(string localName, string source, string? version = null) =>
        "terraform {\n  required_providers {\n    " + localName + " = { source = \"" + source + "\""
        + (version is null ? "" : ", version = \"" + version + "\"") + " }\n  }\n}\n";

    private static ModuleRequirements ReadFixture(string fixture) =>
        RequiredProvidersReader.Read(Directory.EnumerateFiles(Path.Combine(RepoPaths.Conformance, "configs", fixture))
            .Select(p => new SourceFile(p, File.ReadAllText(p))));

    [TestMethod]
    public void OpenTofuFixture_RequiredProvidersOverride_ReplacesTheEntry()
    {
        var module = ReadFixture(Path.Combine("valid-modules", "required-providers-overrides"));

        Assert.AreEqual(0, module.Diagnostics.Count, string.Join("\n", module.Diagnostics));
        CollectionAssert.AreEqual(
            new[] { "registry.opentofu.org/acme/foo", "registry.opentofu.org/blorp/bar" },
            module.Providers.Select(p => p.ToString()).ToArray());
        var bar = module.Requirements.Single(r => r.LocalName == "bar");
        Assert.AreEqual("~> 2.0.0", bar.Constraints!.ToNormalizedString());
        Assert.AreEqual("bar_provider_override.tf", Path.GetFileName(bar.Range.FileName));
        Assert.IsFalse(module.Requirements.Any(r => r.IsImplied));
    }

    [TestMethod]
    public void OverrideEntry_ReplacesSourceAndVersionTogether()
    {
        var module = Read(
            ("versions.tf", """
                terraform {
                  required_providers {
                    aws = { source = "hashicorp/aws", version = "~> 5.0" }
                  }
                }
                """),
            ("override.tf.json", """{ "terraform": { "required_providers": { "aws": { "source": "corp/aws" } } } }"""));

        Assert.AreEqual(0, module.Diagnostics.Count, string.Join("\n", module.Diagnostics));
        var aws = module.Requirements.Single();
        Assert.AreEqual("registry.opentofu.org/corp/aws", aws.Address.ToString());
        Assert.IsNull(aws.Constraints, "an override replaces the whole entry, version included");
    }

    [TestMethod]
    public void OverrideFiles_AreMergedLast_WhateverTheirName()
    {
        // "a_override.tf" sorts before "b.tf", but override files are merged after every primary file.
        var module = Read(
            ("a_override.tf", Required("aws", "corp/aws")),
            ("b.tf", Required("aws", "hashicorp/aws")));

        Assert.AreEqual(0, module.Diagnostics.Count, string.Join("\n", module.Diagnostics));
        Assert.AreEqual("registry.opentofu.org/corp/aws", module.Requirements.Single().Address.ToString());
    }

    [TestMethod]
    public void OverrideEntry_WithoutPrimaryEntry_IsAdded()
    {
        // OpenTofu adds a required_providers entry an override names; only blocks (resources, modules, aliases) need a base.
        var module = Read(
            ("main.tf", """resource "aws_instance" "a" {}"""),
            ("override.tf", Required("aws", "corp/aws", "1.2.3")));

        Assert.AreEqual(0, module.Diagnostics.Count, string.Join("\n", module.Diagnostics));
        var aws = module.Requirements.Single();
        Assert.AreEqual("registry.opentofu.org/corp/aws", aws.Address.ToString());
        Assert.IsFalse(aws.IsImplied);
    }

    [TestMethod]
    public void TwoPrimaryFiles_StillMayNotRequireTheSameName()
    {
        var module = Read(
            ("a.tf", Required("aws", "hashicorp/aws")),
            ("b.tofu", Required("aws", "hashicorp/aws")));

        var error = module.Diagnostics.Single();
        Assert.AreEqual(DiagnosticCodes.InvalidModuleConfig, error.Code);
        Assert.AreEqual("b.tofu", error.Subject!.Value.FileName);
    }

    [TestMethod]
    public void ResourceOverride_ChangesItsProvider()
    {
        var module = Read(
            ("main.tf", """
                resource "aws_instance" "web" {}
                data "aws_ami" "image" {}
                """),
            ("main_override.tf", """
                resource "aws_instance" "web" {
                  provider = awsalt.west
                }
                """));

        Assert.AreEqual(0, module.Diagnostics.Count, string.Join("\n", module.Diagnostics));
        CollectionAssert.AreEquivalent(new[] { "aws", "awsalt" }, module.Providers.Select(p => p.Type).ToArray());
        // The implied requirement still points at the primary block.
        Assert.AreEqual("main.tf", module.Requirements.Single(r => r.LocalName == "awsalt").Range.FileName);
    }

    [TestMethod]
    public void ResourceOverride_WithoutBase_IsOpenTofusError()
    {
        var module = Read(
            ("main.tf", """resource "aws_instance" "web" {}"""),
            ("override.tf", """
                resource "aws_instance" "webb" {}
                data "aws_ami" "image" {}
                """),
            ("override.tf.json", """{ "resource": { "aws_instance": { "api": { "provider": "corp" } } } }"""));

        var errors = module.Diagnostics.OrderBy(d => d.Subject!.Value.FileName, System.StringComparer.Ordinal).ThenBy(d => d.Subject!.Value.Start.Line).ToList();
        Assert.AreEqual(3, errors.Count, string.Join("\n", errors));
        Assert.IsTrue(errors.All(e => e.Code == DiagnosticCodes.InvalidModuleConfig));
        Assert.AreEqual("Missing resource to override", errors[0].Summary);
        StringAssert.Contains(errors[0].Detail, "There is no aws_instance resource named \"webb\".");
        Assert.AreEqual(1, errors[0].Subject!.Value.Start.Line);
        Assert.AreEqual("Missing data resource to override", errors[1].Summary);
        StringAssert.Contains(errors[1].Detail, "There is no aws_ami data resource named \"image\".");
        Assert.AreEqual("override.tf.json", errors[2].Subject!.Value.FileName);
        // A failed override changes nothing: "corp" is not required.
        CollectionAssert.AreEqual(new[] { "aws" }, module.Providers.Select(p => p.Type).ToArray());
    }

    [TestMethod]
    public void ModuleOverride_ChangesItsSource_OrIsAnErrorWithoutBase()
    {
        var module = Read(
            ("main.tf", """
                module "net" { source = "./net" }
                module "dns" { source = "example/dns/aws" }
                module "kept" { source = "./kept" }
                """),
            ("override.tf", """
                module "net" { source = "example/net/aws" }
                module "dns" { source = "./dns" }
                module "kept" { version = "1.0.0" }
                module "missing" { source = "./missing" }
                """));

        CollectionAssert.AreEqual(new[] { "./dns", "./kept" }, module.LocalModuleSources.ToArray());
        var error = module.Diagnostics.Single();
        Assert.AreEqual("Missing module call to override", error.Summary);
        StringAssert.Contains(error.Detail, "There is no module call named \"missing\".");
        Assert.AreEqual(4, error.Subject!.Value.Start.Line);
    }

    [TestMethod]
    public void DuplicateModuleCall_InPrimaryFiles_IsOpenTofusError()
    {
        var module = Read(
            ("a.tf", """module "net" { source = "./net" }"""),
            ("b.tofu.json", """{ "module": { "net": { "source": "./network" } } }"""));

        var error = module.Diagnostics.Single();
        Assert.AreEqual(DiagnosticCodes.InvalidModuleConfig, error.Code);
        Assert.AreEqual("Duplicate module call", error.Summary);
        StringAssert.Contains(error.Detail, "A module call named \"net\" was already defined at a.tf:1:8");
        Assert.AreEqual("b.tofu.json", error.Subject!.Value.FileName);
    }

    [TestMethod]
    public void ProviderOverride_DefaultMayBeAdded_AliasNeedsABase()
    {
        var module = Read(
            ("main.tf", """provider "aws" { alias = "west" }"""),
            ("override.tf", """
                provider "google" {}
                provider "aws" { alias = "west" }
                provider "aws" { alias = "east" }
                """));

        var error = module.Diagnostics.Single();
        Assert.AreEqual("Missing base provider configuration for override", error.Summary);
        StringAssert.Contains(error.Detail, "There is no aws provider configuration with the alias \"east\".");
        Assert.AreEqual(3, error.Subject!.Value.Start.Line);
        CollectionAssert.AreEquivalent(new[] { "aws", "google" }, module.Providers.Select(p => p.Type).ToArray());
    }

    [TestMethod]
    public void VersionsTofu_IsReadLikeVersionsTf()
    {
        const string Versions = """
            terraform {
              required_providers {
                aws = { source = "hashicorp/aws", version = "~> 5.0" }
              }
            }
            """;
        var fromTf = Read(("m/main.tf", """resource "aws_instance" "a" {}"""), ("m/versions.tf", Versions));
        var fromTofu = Read(("m/main.tf", """resource "aws_instance" "a" {}"""), ("m/versions.tofu", Versions));

        Assert.AreEqual(0, fromTofu.Diagnostics.Count, string.Join("\n", fromTofu.Diagnostics));
        var expected = fromTf.Requirements.Single();
        var actual = fromTofu.Requirements.Single();
        Assert.AreEqual(expected.Address, actual.Address);
        Assert.AreEqual(expected.Constraints!.ToNormalizedString(), actual.Constraints!.ToNormalizedString());
        Assert.IsFalse(actual.IsImplied);
        Assert.AreEqual("m/versions.tofu", actual.Range.FileName);
    }

    [TestMethod]
    public void TofuFile_ShadowsItsTfTwin()
    {
        var module = Read(
            ("m/versions.tf", Required("aws", "hashicorp/aws", "~> 4.0")),
            ("m/versions.tofu", Required("aws", "opentofu/aws", "~> 5.0")),
            ("m/versions.tf.json", """{ "terraform": { "required_providers": { "null": { "source": "hashicorp/null" } } } }"""),
            ("m/README.md", "not configuration"));

        Assert.AreEqual(0, module.Diagnostics.Count, string.Join("\n", module.Diagnostics));
        CollectionAssert.AreEqual(
            new[] { "registry.opentofu.org/hashicorp/null", "registry.opentofu.org/opentofu/aws" },
            module.Providers.Select(p => p.ToString()).ToArray());
    }

    [TestMethod]
    public void OpenTofuFixtures_TofuFiles_ImplyTheirProviders()
    {
        var both = ReadFixture("tofu-and-tf-files");
        var tofuOnly = ReadFixture("tofu-only-files");

        Assert.AreEqual(0, both.Diagnostics.Count, string.Join("\n", both.Diagnostics));
        Assert.AreEqual(0, tofuOnly.Diagnostics.Count, string.Join("\n", tofuOnly.Diagnostics));
        CollectionAssert.AreEqual(new[] { "aws", "test", "tf" }, both.Providers.Select(p => p.Type).ToArray());
        CollectionAssert.AreEqual(new[] { "aws", "test" }, tofuOnly.Providers.Select(p => p.Type).ToArray());
        // The aws requirement comes from resources.tofu: resources.tf is shadowed.
        Assert.AreEqual("resources.tofu", Path.GetFileName(both.Requirements.Single(r => r.LocalName == "aws").Range.FileName));
    }
}
