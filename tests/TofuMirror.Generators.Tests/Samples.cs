namespace TofuMirror.Generators.Tests;

/// <summary>A small module (two providers) used by several tests; line numbers matter to the diagnostic tests.</summary>
internal static class Samples
{
    public const string LockPath = "/repo/infra/.terraform.lock.hcl";
    public const string MainPath = "/repo/infra/main.tf";

    public const string LockFile = """
        # This file is maintained automatically by "tofu init".
        # Manual edits may be lost in future updates.

        provider "registry.opentofu.org/hashicorp/aws" {
          version     = "5.31.0"
          constraints = "~> 5.0"
          hashes = [
            "h1:AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=",
            "zh:0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef",
          ]
        }

        provider "example.com/tofumirror/echo-server" {
          version = "0.2.0"
          hashes = [
            "h1:BBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBB=",
          ]
        }

        """;

    public const string MainTf = """
        terraform {
          required_providers {
            aws = {
              source  = "hashicorp/aws"
              version = "~> 5.0"
            }
            echo = {
              source = "example.com/tofumirror/echo-server"
            }
          }
        }

        """;

    public static TestFile[] Module(string lockFile = LockFile, string mainTf = MainTf) =>
        new[] { new TestFile(LockPath, lockFile), new TestFile(MainPath, mainTf) };

    public const string ManifestPath = "/repo/obj/tofu/tofu-providers.json";

    /// <summary>A restore manifest (format 1) with two platforms of aws for the infra module and one package of another module.</summary>
    public const string Manifest = """
        {
          "formatVersion": 1,
          "outputDirectory": "/repo/obj/tofu/providers",
          "cliConfigPath": "/repo/obj/tofu/providers/tofu.rc",
          "packages": [
            {
              "module": "/repo/infra",
              "provider": "registry.opentofu.org/hashicorp/aws",
              "version": "5.31.0",
              "platform": "linux_amd64",
              "repository": "mirror.example.com/providers/hashicorp/aws",
              "tag": "5.31.0",
              "indexDigest": "sha256:1111111111111111111111111111111111111111111111111111111111111111",
              "manifestDigest": "sha256:2222222222222222222222222222222222222222222222222222222222222222",
              "layerDigest": "sha256:3333333333333333333333333333333333333333333333333333333333333333",
              "size": 1234,
              "h1": "h1:AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=",
              "zh": "zh:3333333333333333333333333333333333333333333333333333333333333333",
              "path": "/repo/obj/tofu/providers/registry.opentofu.org/hashicorp/aws/5.31.0/linux_amd64"
            },
            {
              "module": "/repo/infra/",
              "provider": "registry.opentofu.org/hashicorp/aws",
              "version": "5.31.0",
              "platform": "darwin_arm64",
              "repository": "mirror.example.com/providers/hashicorp/aws",
              "tag": "5.31.0",
              "indexDigest": "sha256:1111111111111111111111111111111111111111111111111111111111111111",
              "manifestDigest": "sha256:4444444444444444444444444444444444444444444444444444444444444444",
              "layerDigest": "sha256:5555555555555555555555555555555555555555555555555555555555555555",
              "size": null,
              "h1": null,
              "zh": null,
              "path": "/repo/obj/tofu/providers/registry.opentofu.org/hashicorp/aws/5.31.0/darwin_arm64"
            },
            {
              "module": "/repo/other",
              "provider": "example.com/tofumirror/echo-server",
              "version": "0.2.0",
              "platform": "linux_amd64",
              "repository": "mirror.example.com/providers/tofumirror/echo-server",
              "tag": "0.2.0",
              "indexDigest": "sha256:6666666666666666666666666666666666666666666666666666666666666666",
              "manifestDigest": "sha256:7777777777777777777777777777777777777777777777777777777777777777",
              "layerDigest": "sha256:8888888888888888888888888888888888888888888888888888888888888888",
              "size": 1,
              "h1": null,
              "zh": null,
              "path": "/repo/obj/tofu/providers/x"
            }
          ]
        }
        """;

    public static TestFile[] ModuleWithManifest(string manifest = Manifest) =>
        new[] { new TestFile(LockPath, LockFile), new TestFile(MainPath, MainTf), new TestFile(ManifestPath, manifest, Module: null) };
}
