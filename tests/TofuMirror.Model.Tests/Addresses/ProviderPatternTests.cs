using Microsoft.VisualStudio.TestTools.UnitTesting;
using TofuMirror.Model.Addresses;

namespace TofuMirror.Model.Tests;

[TestClass]
public sealed class ProviderPatternTests
{
    [TestMethod]
    [DataRow("hashicorp/*", "registry.opentofu.org/hashicorp/*")]
    [DataRow("hashicorp/aws", "registry.opentofu.org/hashicorp/aws")]
    [DataRow("*/*", "registry.opentofu.org/*/*")]
    [DataRow("*/*/*", "*/*/*")]
    [DataRow("example.com/*/*", "example.com/*/*")]
    [DataRow("example.com/ns/*", "example.com/ns/*")]
    [DataRow("registry.OpenTofu.org/foobar/*", "registry.opentofu.org/foobar/*")]
    [DataRow("Example.com:443/NS/Type", "example.com/ns/type")]
    public void ParsesAndNormalises(string text, string expected)
    {
        Assert.IsTrue(ProviderPattern.TryParse(text, out var pattern, out var error), error);
        Assert.AreEqual(expected, pattern.ToString());
    }

    [TestMethod]
    [DataRow("aws", "invalid provider matching pattern \"aws\": must have either two or three slash-separated segments")]
    [DataRow("a/b/c/d", "invalid provider matching pattern \"a/b/c/d\": must have either two or three slash-separated segments")]
    [DataRow("*/hashicorp/*", "invalid provider matching pattern \"*/hashicorp/*\": hostname can be a wildcard only if both namespace and provider type are also wildcards")]
    [DataRow("*/*/aws", "invalid provider matching pattern \"*/*/aws\": hostname can be a wildcard only if both namespace and provider type are also wildcards")]
    [DataRow("*/ns/type", "invalid provider matching pattern \"*/ns/type\": hostname can be a wildcard only if both namespace and provider type are also wildcards")]
    [DataRow("host.example/*/type", "invalid provider matching pattern \"host.example/*/type\": namespace can be a wildcard only if the provider type is also a wildcard")]
    [DataRow("*/aws", "invalid provider matching pattern \"*/aws\": namespace can be a wildcard only if the provider type is also a wildcard")]
    public void RejectsWithOpenTofuMessages(string text, string expected)
    {
        Assert.IsFalse(ProviderPattern.TryParse(text, out _, out var error));
        Assert.AreEqual(expected, error);
    }

    [TestMethod]
    [DataRow("hashi*/aws")]
    [DataRow("hashicorp/a*")]
    [DataRow("host_name.example/ns/type")]
    public void RejectsPartialGlobsAndInvalidParts(string text)
    {
        Assert.IsFalse(ProviderPattern.TryParse(text, out _, out var error));
        StringAssert.Contains(error, $"provider matching pattern \"{text}\"");
    }

    [TestMethod]
    public void InvalidHostnameMessage()
    {
        Assert.IsFalse(ProviderPattern.TryParse("host_name.example/ns/type", out _, out var error));
        Assert.StartsWith("invalid hostname in provider matching pattern \"host_name.example/ns/type\": ", error);
    }

    [TestMethod]
    [DataRow("hashicorp/*", "hashicorp/aws", true)]
    [DataRow("hashicorp/*", "registry.terraform.io/hashicorp/aws", false)]
    [DataRow("hashicorp/*", "opentofu/aws", false)]
    [DataRow("*/*/*", "example.com/a/b", true)]
    [DataRow("example.com/*/*", "example.com/a/b", true)]
    [DataRow("example.com/*/*", "example.net/a/b", false)]
    [DataRow("example.com/a/*", "example.com/a/b", true)]
    [DataRow("example.com/a/b", "example.com/a/b", true)]
    [DataRow("example.com/a/b", "example.com/a/c", false)]
    [DataRow("registry.OpenTofu.org/foobar/*", "foobar/x", true)]
    public void Matches(string pattern, string provider, bool expected)
    {
        Assert.AreEqual(expected, ProviderPattern.Parse(pattern).Matches(ProviderAddress.Parse(provider)));
    }

    [TestMethod]
    [DataRow(new string[0], new string[0], "hashicorp/aws", true)]
    [DataRow(new[] { "example.com/*/*" }, new string[0], "hashicorp/aws", false)]
    [DataRow(new[] { "example.com/*/*" }, new string[0], "example.com/a/b", true)]
    [DataRow(new string[0], new[] { "example.com/*/*" }, "example.com/a/b", false)]
    [DataRow(new string[0], new[] { "example.com/*/*" }, "hashicorp/aws", true)]
    [DataRow(new[] { "example.com/*/*" }, new[] { "example.com/a/*" }, "example.com/a/b", false)]
    [DataRow(new[] { "example.com/*/*" }, new[] { "example.com/a/*" }, "example.com/b/b", true)]
    public void SelectorHandles(string[] include, string[] exclude, string provider, bool expected)
    {
        Assert.IsTrue(ProviderSelector.TryParse(include, exclude, out var selector, out var error), error);
        Assert.AreEqual(expected, selector.Handles(ProviderAddress.Parse(provider)));
    }

    [TestMethod]
    public void SelectorReportsFirstPatternError()
    {
        Assert.IsFalse(ProviderSelector.TryParse(new[] { "hashicorp/*" }, new[] { "*/hashicorp/*" }, out _, out var error));
        StringAssert.Contains(error, "hostname can be a wildcard only if");
        Assert.IsTrue(ProviderSelector.All.Handles(ProviderAddress.Parse("x/y")));
        Assert.IsTrue(ProviderSelector.TryParse(null, null, out var none, out _));
        Assert.IsTrue(none.Handles(ProviderAddress.Parse("x/y")));
    }
}
