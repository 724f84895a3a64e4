using System.Linq;
using Microsoft.VisualStudio.TestTools.UnitTesting;
using TofuMirror.Model.Checks;
using TofuMirror.Model.Locks;
using TofuMirror.Model.Modules;
using TofuMirror.Model.Addresses;
using TofuMirror.Model.Diagnostics;
using TofuMirror.Diagnostics;

namespace TofuMirror.Model.Tests.Modules;

[TestClass]
public sealed class RequiredProvidersReaderTests
{
    private static ModuleRequirements Read(params (string Path, string Text)[] files) =>
        RequiredProvidersReader.Read(files.Select(f => new SourceFile(f.Path, f.Text)));

    [TestMethod]
    public void ObjectAndLegacyForms_AreBothRead()
    {
        var module = Read(("main.tf", """
            terraform {
              required_providers {
                aws = {
                  source  = "hashicorp/aws"
                  version = "~> 5.0"
                  configuration_aliases = [aws.west]
                }
                random = ">= 3.1"
                corp = { source = "example.com/corp/thing" }
              }
            }
            """));

        Assert.AreEqual(0, module.Diagnostics.Count, string.Join("\n", module.Diagnostics));
        CollectionAssert.AreEqual(
            new[] { "example.com/corp/thing", "registry.opentofu.org/hashicorp/aws", "registry.opentofu.org/hashicorp/random" },
            module.Providers.Select(p => p.ToString()).ToList());
        Assert.AreEqual("~> 5.0", module.For(ProviderAddress.Parse("hashicorp/aws")).Single().Constraints!.ToNormalizedString());
        Assert.AreEqual(">= 3.1.0", module.For(ProviderAddress.Parse("hashicorp/random")).Single().Constraints!.ToNormalizedString());
        Assert.IsNull(module.For(ProviderAddress.Parse("example.com/corp/thing")).Single().Constraints);
    }

    [TestMethod]
    public void UndeclaredProviders_AreImpliedFromProviderResourceAndDataBlocks()
    {
        var module = Read(("main.tf", """
            provider "google" {}
            resource "null_resource" "a" {}
            data "external" "b" {}
            resource "aws_instance" "c" {
              provider = awsalt.west
            }
            resource "terraform_data" "d" {}
            """));

        CollectionAssert.AreEqual(
            new[] { "awsalt", "external", "google", "null" },
            module.Providers.Select(p => p.Type).ToList());
        Assert.IsTrue(module.Requirements.All(r => r.IsImplied));
    }

    [TestMethod]
    public void ImpliedProvider_UsesTheDeclaredSourceOfItsLocalName()
    {
        var module = Read(
            ("versions.tf", "terraform {\n  required_providers {\n    aws = { source = \"example.com/corp/aws\" }\n  }\n}\n"),
            ("main.tf", "resource \"aws_instance\" \"x\" {}\n"));

        Assert.AreEqual("example.com/corp/aws", module.Providers.Single().ToString());
    }

    [TestMethod]
    public void JsonSyntax_IsReadLikeNativeSyntax()
    {
        var module = Read(("main.tf.json", """
            {
              "terraform": [{ "required_providers": { "aws": { "source": "hashicorp/aws", "version": "~> 5.0" } } }],
              "resource": { "random_id": { "x": {} } },
              "module": { "net": { "source": "./modules/net" } }
            }
            """));

        Assert.AreEqual(0, module.Diagnostics.Count, string.Join("\n", module.Diagnostics));
        CollectionAssert.AreEqual(new[] { "aws", "random" }, module.Providers.Select(p => p.Type).ToList());
        CollectionAssert.AreEqual(new[] { "./modules/net" }, module.LocalModuleSources.ToList());
    }

    [TestMethod]
    public void BadSourceAndConstraint_PointAtTheirValues()
    {
        var module = Read(("main.tf", """
            terraform {
              required_providers {
                aws = { source = "hashicorp/terraform-provider-aws" }
                gcp = { source = "hashicorp/google", version = "~> banana" }
              }
            }
            """));

        var errors = module.Diagnostics.OrderBy(d => d.Subject!.Value.Start.Line).ToList();
        Assert.AreEqual(2, errors.Count);
        Assert.AreEqual(3, errors[0].Subject!.Value.Start.Line);
        Assert.AreEqual(DiagnosticCodes.InvalidRequiredProvider, errors[0].Code);
        StringAssert.Contains(errors[0].Detail, "hashicorp/aws");
        Assert.AreEqual(4, errors[1].Subject!.Value.Start.Line);
        Assert.AreEqual("Invalid version constraint", errors[1].Summary);
    }

    [TestMethod]
    public void DuplicateLocalName_IsAnError()
    {
        var module = Read(
            ("a.tf", "terraform {\n  required_providers {\n    aws = { source = \"hashicorp/aws\" }\n  }\n}\n"),
            ("b.tf", "terraform {\n  required_providers {\n    aws = { source = \"hashicorp/aws\" }\n  }\n}\n"));

        var error = module.Diagnostics.Single();
        Assert.AreEqual("Duplicate required provider", error.Summary);
        Assert.AreEqual("b.tf", error.Subject!.Value.FileName);
        StringAssert.Contains(error.Detail, "a.tf:3:5");
    }

    [TestMethod]
    public void Checker_FindsUnlockedDisallowedAndUnusedProviders()
    {
        var module = Read(("main.tf", """
            terraform {
              required_providers {
                aws    = { source = "hashicorp/aws", version = "~> 5.0" }
                random = { source = "hashicorp/random", version = ">= 3.0" }
              }
            }
            resource "null_resource" "x" {}
            """));
        var lockFile = LockFileReader.Read("""
            provider "registry.opentofu.org/hashicorp/aws" {
              version = "4.67.0"
            }
            provider "registry.opentofu.org/hashicorp/random" {
              version = "3.6.0"
            }
            provider "registry.opentofu.org/hashicorp/gone" {
              version = "1.0.0"
            }
            """, ".terraform.lock.hcl").LockFile;

        var diagnostics = LockConsistencyChecker.Check(module, lockFile, ".terraform.lock.hcl");

        var byCode = diagnostics.ToDictionary(d => d.Code!, d => d);
        Assert.AreEqual(3, diagnostics.Count);
        Assert.AreEqual(3, byCode[DiagnosticCodes.LockedVersionNotAllowed].Subject!.Value.Start.Line);
        Assert.AreEqual("main.tf", byCode[DiagnosticCodes.LockedVersionNotAllowed].Subject!.Value.FileName);
        Assert.AreEqual(7, byCode[DiagnosticCodes.ProviderNotLocked].Subject!.Value.Start.Line);
        Assert.AreEqual(DiagnosticSeverity.Warning, byCode[DiagnosticCodes.ProviderLockedButNotRequired].Severity);
        Assert.AreEqual(7, byCode[DiagnosticCodes.ProviderLockedButNotRequired].Subject!.Value.Start.Line);
    }
    [TestMethod]
    public void Checker_WithALockFileThatHasErrors_DoesNotCallATypoedEntryNotLocked()
    {
        var module = Read(("main.tf", "terraform {\n  required_providers {\n    aws = { source = \"hashicorp/aws\", version = \"~> 5.0\" }\n  }\n}\n"));
        var read = LockFileReader.Read("provider \"registry.opentofu.org/hashicorp/aws\" {\n  version = \"5.1.O\"\n}\n", ".terraform.lock.hcl");
        Assert.IsTrue(read.HasErrors);

        Assert.IsEmpty(LockConsistencyChecker.Check(module, read.LockFile, ".terraform.lock.hcl", lockFileHasErrors: true));
        Assert.AreEqual(DiagnosticCodes.ProviderNotLocked,
            LockConsistencyChecker.Check(module, read.LockFile, ".terraform.lock.hcl", lockFileHasErrors: false).Single().Code);
    }

    [TestMethod]
    public void Checker_DisallowedVersion_PointsAtTofuMirrorLockNotTofuInit()
    {
        var module = Read(("main.tf", "terraform {\n  required_providers {\n    aws = { source = \"hashicorp/aws\", version = \"< 5.0\" }\n  }\n}\n"));
        var lockFile = LockFileReader.Read("provider \"registry.opentofu.org/hashicorp/aws\" {\n  version = \"5.1.0\"\n}\n", ".terraform.lock.hcl").LockFile;

        var detail = LockConsistencyChecker.Check(module, lockFile, ".terraform.lock.hcl").Single().Detail!;

        StringAssert.Contains(detail, "run `tofu-mirror lock`: it replaces the locked version with the newest version in the mirror that the constraints allow, which may be lower");
        Assert.IsFalse(detail.Contains("tofu init", System.StringComparison.Ordinal), detail);
    }
}
