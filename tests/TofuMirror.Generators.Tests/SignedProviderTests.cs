using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.VisualStudio.TestTools.UnitTesting;

namespace TofuMirror.Generators.Tests;

/// <summary>TOFU1008 and the descriptors' SigningKeyId: what the restore manifest says about signed packages.</summary>
[TestClass]
public sealed class SignedProviderTests
{
    private const string Aws = "registry.opentofu.org/hashicorp/aws";
    private const string Echo = "example.com/tofumirror/echo-server";
    private const string KeyId = "34365D9472D7468F";

    private static readonly Dictionary<string, string> RequireSigned = new() { ["build_property.TofuRequireSignedProviders"] = "true" };

    private static string Manifest(params (string Provider, string Version, string Platform, string? SigningKeyId)[] packages) =>
        "{\n  \"formatVersion\": 1,\n  \"outputDirectory\": \"/repo/obj/tofu/providers\",\n  \"cliConfigPath\": null,\n  \"packages\": [\n"
        + string.Join(",\n", packages.Select(p =>
            $"    {{ \"module\": \"/repo/infra\", \"provider\": \"{p.Provider}\", \"version\": \"{p.Version}\", \"platform\": \"{p.Platform}\", "
            + "\"repository\": null, \"tag\": null, \"indexDigest\": null, \"manifestDigest\": null, \"layerDigest\": null, \"size\": null, "
            + $"\"h1\": null, \"zh\": null, \"path\": null, \"signingKeyId\": {(p.SigningKeyId is null ? "null" : "\"" + p.SigningKeyId + "\"")} }}"))
        + "\n  ]\n}\n";

    private static readonly string MixedManifest = Manifest(
        (Aws, "5.31.0", "linux_amd64", KeyId), (Aws, "5.31.0", "darwin_arm64", KeyId),
        (Echo, "0.2.0", "linux_amd64", null), (Echo, "0.2.0", "darwin_arm64", KeyId));

    [TestMethod]
    public void WithRequireSignedAnUnsignedPackageIsTofu1008AtItsProviderBlock()
    {
        var (_, diagnostics) = GeneratorHarness.RunWithProperties(Samples.ModuleWithManifest(MixedManifest), "linux_amd64;darwin_arm64", RequireSigned);

        var error = diagnostics.Single(d => d.Id == "TOFU1008");
        Assert.AreEqual(DiagnosticSeverity.Error, error.Severity);
        Assert.AreEqual(Samples.LockPath, error.Location.GetLineSpan().Path);
        Assert.AreEqual(12, error.Location.GetLineSpan().StartLinePosition.Line, "the echo-server block");
        var message = error.GetMessage(CultureInfo.InvariantCulture);
        StringAssert.Contains(message, Echo + " 0.2.0 for linux_amd64");
        Assert.IsFalse(message.Contains("darwin_arm64"), message);
    }

    [TestMethod]
    public void WithoutRequireSignedUnsignedPackagesAreFine()
    {
        var (_, diagnostics) = GeneratorHarness.RunWithProperties(Samples.ModuleWithManifest(MixedManifest), "linux_amd64;darwin_arm64", new Dictionary<string, string>());

        Assert.IsFalse(diagnostics.Any(d => d.Id == "TOFU1008"), string.Join("\n", diagnostics));
    }

    [TestMethod]
    public void AManifestOfAnOlderRestoreWithoutTheFieldCountsAsUnsigned()
    {
        var manifest = MixedManifest.Replace($", \"signingKeyId\": \"{KeyId}\"", "").Replace(", \"signingKeyId\": null", "");

        var (_, diagnostics) = GeneratorHarness.RunWithProperties(Samples.ModuleWithManifest(manifest), "linux_amd64;darwin_arm64", RequireSigned);

        Assert.AreEqual(2, diagnostics.Count(d => d.Id == "TOFU1008"), string.Join("\n", diagnostics));
    }

    [TestMethod]
    public void DescriptorsCarryTheSigningKeyId()
    {
        const string probe = """
            using TofuMirror.Generated;
            namespace App
            {
                public static class Probe
                {
                    public static string Describe()
                    {
                        var aws = TofuProviders.Infra.HashicorpAws.Packages;
                        var echo = TofuProviders.Infra.TofumirrorEchoServer.Packages;
                        return string.Join(",", System.Linq.Enumerable.Select(System.Linq.Enumerable.Concat(aws, echo), p => p.Platform + "=" + (p.SigningKeyId ?? "null")));
                    }
                }
            }
            """;
        var (result, _) = GeneratorHarness.RunProbe(Samples.ModuleWithManifest(MixedManifest), probe);

        CollectionAssert.AreEquivalent(
            new[] { "linux_amd64=" + KeyId, "darwin_arm64=" + KeyId, "linux_amd64=null", "darwin_arm64=" + KeyId },
            result.Split(','));
    }
}
