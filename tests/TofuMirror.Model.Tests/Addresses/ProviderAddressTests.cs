using System;
using System.Linq;
using Microsoft.VisualStudio.TestTools.UnitTesting;
using TofuMirror.Model.Addresses;

namespace TofuMirror.Model.Tests;

[TestClass]
public sealed class ProviderAddressTests
{
    [TestMethod]
    [DataRow("aws", "registry.opentofu.org/hashicorp/aws")]
    [DataRow("hashicorp/aws", "registry.opentofu.org/hashicorp/aws")]
    [DataRow("opentofu/random", "registry.opentofu.org/opentofu/random")]
    [DataRow("registry.opentofu.org/hashicorp/aws", "registry.opentofu.org/hashicorp/aws")]
    [DataRow("Registry.OpenTofu.org/HashiCorp/AWS", "registry.opentofu.org/hashicorp/aws")]
    [DataRow("registry.terraform.io/hashicorp/aws", "registry.terraform.io/hashicorp/aws")]
    [DataRow("example.com:443/test/demo", "example.com/test/demo")]
    [DataRow("example.com:8443/test/demo", "example.com:8443/test/demo")]
    [DataRow("localhost:5000/test/demo", "localhost:5000/test/demo")]
    [DataRow("example.com/ほげ/ふが", "example.com/ほげ/ふが")]
    [DataRow("xn--bcher-kva.example/ns/type", "bücher.example/ns/type")]
    [DataRow("BÜCHER.example/ns/type", "bücher.example/ns/type")]
    [DataRow("example.com/ns/ÄBC", "example.com/ns/äbc")]
    [DataRow("registry.opentofu.org/-/aws", "registry.opentofu.org/-/aws")]
    [DataRow("-/aws", "registry.opentofu.org/-/aws")]
    [DataRow("terraform.io/builtin/terraform", "terraform.io/builtin/terraform")]
    [DataRow("a/b-c", "registry.opentofu.org/a/b-c")]
    [DataRow("a1/2b", "registry.opentofu.org/a1/2b")]
    public void ParsesAndNormalises(string source, string expected)
    {
        Assert.IsTrue(ProviderAddress.TryParse(source, out var address, out var error), error);
        Assert.AreEqual(expected, address.ToString());
        Assert.AreEqual(address, ProviderAddress.Parse(expected));
    }

    [TestMethod]
    [DataRow("", "Invalid provider source string")]
    [DataRow("a/b/c/d", "Invalid provider source string")]
    [DataRow("/aws", "Invalid provider source string")]
    [DataRow("hashicorp/", "Invalid provider source string")]
    [DataRow("example.com//aws", "Invalid provider source string")]
    [DataRow("hashicorp/aws_v2", "Invalid provider type")]
    [DataRow("hashicorp/-aws", "Invalid provider type")]
    [DataRow("hashicorp/aws-", "Invalid provider type")]
    [DataRow("hashicorp/a--b", "Invalid provider type")]
    [DataRow("hashicorp/a.b", "Invalid provider type")]
    [DataRow("hashicorp/a*", "Invalid provider type")]
    [DataRow("hashicorp/terraform-aws", "Invalid provider type")]
    [DataRow("hashicorp/opentofu-aws", "Invalid provider type")]
    [DataRow("hashi_corp/aws", "Invalid provider namespace")]
    [DataRow("-hashicorp/aws", "Invalid provider namespace")]
    [DataRow("example.com/-/foo", "Invalid provider namespace")]
    [DataRow("exa_mple.com/ns/foo", "Invalid provider source hostname")]
    [DataRow("example.com:99999/ns/foo", "Invalid provider source hostname")]
    [DataRow("example.com:abc/ns/foo", "Invalid provider source hostname")]
    [DataRow("-example.com/ns/foo", "Invalid provider source hostname")]
    [DataRow("example..com/ns/foo", "Invalid provider source hostname")]
    public void RejectsWithOpenTofuSummary(string source, string summary)
    {
        var error = ProviderAddress.TryParseDetailed(source, out _);
        Assert.IsNotNull(error, source);
        Assert.AreEqual(summary, error.Summary);
        Assert.IsFalse(string.IsNullOrWhiteSpace(error.Detail));
        Assert.IsFalse(ProviderAddress.TryParse(source, out _, out var text));
        Assert.StartsWith(summary + ": ", text);
        Assert.Throws<FormatException>(() => ProviderAddress.Parse(source));
    }

    [TestMethod]
    [DataRow("hashicorp/terraform-provider-aws", "hashicorp/aws")]
    [DataRow("example.com/test/terraform-provider-demo", "example.com/test/demo")]
    [DataRow("hashicorp/opentofu-provider-aws", "hashicorp/aws")]
    public void SuggestsTheTypeWithoutTheRepositoryPrefix(string source, string suggestion)
    {
        var error = ProviderAddress.TryParseDetailed(source, out _);
        Assert.IsNotNull(error);
        Assert.AreEqual("Invalid provider type", error.Summary);
        StringAssert.Contains(error.Detail, $"Did you mean \"{suggestion}\"?");
    }

    [TestMethod]
    public void DetailSaysWhatAValidSourceLooksLike()
    {
        var error = ProviderAddress.TryParseDetailed("a/b/c/d", out _)!;
        StringAssert.Contains(error.Detail, "[hostname/][namespace/]type");
    }

    [TestMethod]
    public void DisplayOmitsDefaultHost()
    {
        Assert.AreEqual("hashicorp/aws", ProviderAddress.Parse("aws").ForDisplay());
        Assert.AreEqual("example.com/test/demo", ProviderAddress.Parse("example.com/test/demo").ForDisplay());
        Assert.AreEqual("registry.terraform.io/hashicorp/aws", ProviderAddress.Parse("registry.terraform.io/hashicorp/aws").ForDisplay());
    }

    [TestMethod]
    [DataRow("registry.opentofu.org/hashicorp/aws", true)]
    [DataRow("hashicorp/aws", false)]
    [DataRow("aws", false)]
    [DataRow("registry.opentofu.org/HashiCorp/aws", false)]
    [DataRow("example.com:443/hashicorp/aws", false)]
    public void NormalizedFormCheck(string raw, bool normalized)
    {
        var address = ProviderAddress.Parse(raw);
        Assert.AreEqual(normalized, address.IsNormalizedForm(raw));
    }

    [TestMethod]
    public void LegacyAndBuiltIn()
    {
        Assert.IsTrue(ProviderAddress.Parse("-/aws").IsLegacy);
        Assert.IsFalse(ProviderAddress.Parse("-/aws").IsBuiltIn);
        Assert.IsTrue(ProviderAddress.Parse("terraform.io/builtin/terraform").IsBuiltIn);
        Assert.IsTrue(ProviderAddress.Parse("opentofu.org/builtin/terraform").IsBuiltIn);
        Assert.IsFalse(ProviderAddress.Parse("example.com/builtin/terraform").IsBuiltIn);
        Assert.IsFalse(ProviderAddress.Parse("hashicorp/aws").IsLegacy);
    }

    [TestMethod]
    public void TryCreateNormalisesParts()
    {
        Assert.IsTrue(ProviderAddress.TryCreate("Example.COM", "Test", "Demo", out var address, out _));
        Assert.AreEqual("example.com/test/demo", address.ToString());
        Assert.IsFalse(ProviderAddress.TryCreate("example.com", "te_st", "demo", out _, out _));
    }

    [TestMethod]
    public void SortsByHostnameNamespaceType()
    {
        var sorted = new[] { "registry.opentofu.org/test/foo", "example.com/z/a", "registry.opentofu.org/test/bar", "example.com/a/z", "registry.opentofu.org/a/zz" }
            .Select(ProviderAddress.Parse).OrderBy(a => a).Select(a => a.ToString()).ToArray();
        CollectionAssert.AreEqual(
            new[] { "example.com/a/z", "example.com/z/a", "registry.opentofu.org/a/zz", "registry.opentofu.org/test/bar", "registry.opentofu.org/test/foo" },
            sorted);
    }

    [TestMethod]
    public void EqualityIsByNormalisedValue()
    {
        var a = ProviderAddress.Parse("HashiCorp/AWS");
        var b = ProviderAddress.Parse("registry.opentofu.org/hashicorp/aws");
        Assert.IsTrue(a == b);
        Assert.AreEqual(a.GetHashCode(), b.GetHashCode());
        Assert.IsTrue(a != ProviderAddress.Parse("hashicorp/google"));
    }

    [TestMethod]
    public void AsciiHostnameForNetworkUse()
    {
        Assert.AreEqual("xn--bcher-kva.example:8443", ProviderNameRules.ToAsciiHostname("bücher.example:8443"));
        Assert.AreEqual("example.com", ProviderNameRules.ToAsciiHostname("example.com"));
    }
}
