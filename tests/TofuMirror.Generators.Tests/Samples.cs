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
}
