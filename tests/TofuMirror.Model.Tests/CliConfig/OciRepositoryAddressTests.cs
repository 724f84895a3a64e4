using Microsoft.VisualStudio.TestTools.UnitTesting;
using TofuMirror.Model.CliConfig;

namespace TofuMirror.Model.Tests.CliConfig;

[TestClass]
public sealed class OciRepositoryAddressTests
{
    [TestMethod]
    [DataRow("example.com/a/b", "example.com", "a/b")]
    [DataRow("localhost:5000/x", "localhost:5000", "x")]
    [DataRow("[::1]:5000/x-y_z.w__v", "[::1]:5000", "x-y_z.w__v")]
    [DataRow("example.com", "example.com", "")]
    public void Valid(string text, string registry, string repository)
    {
        var address = OciRepositoryAddress.Parse(text);
        Assert.AreEqual(registry, address.Registry);
        Assert.AreEqual(repository, address.Repository);
        Assert.AreEqual(text, address.ToString());
    }

    [TestMethod]
    [DataRow("example.com/A", "invalid reference: invalid repository \"A\"")]
    [DataRow("example.com/a:1.0", "invalid reference: artifact tag or digest not allowed")]
    [DataRow("example.com/a@sha256:abc", "invalid reference: artifact tag or digest not allowed")]
    [DataRow("example.com/a:bad tag", "invalid reference: invalid tag \"bad tag\"")]
    [DataRow("exa mple.com/a", "invalid reference: invalid registry \"exa mple.com\"")]
    [DataRow("host:port/a", "invalid reference: invalid registry \"host:port\"")]
    [DataRow("/a", "invalid reference: invalid registry \"\"")]
    [DataRow("example.com/a//b", "invalid reference: invalid repository \"a//b\"")]
    [DataRow("", "invalid reference: invalid registry \"\"")]
    public void Invalid(string text, string error)
    {
        Assert.IsFalse(OciRepositoryAddress.TryParse(text, out _, out var actual));
        Assert.AreEqual(error, actual);
    }

    [TestMethod]
    [DataRow("example.com", "example.com", "anything", 2)]
    [DataRow("example.com/foo", "example.com", "foo/bar", 3)]
    [DataRow("example.com/foo/bar", "example.com", "foo/bar", 4)]
    [DataRow("example.com/foo", "example.com", "foobar", 0)]
    [DataRow("example.com/foo/bar", "example.com", "foo", 0)]
    [DataRow("Example.com", "example.com", "x", 0)]
    [DataRow("example.com:443", "example.com", "x", 0)]
    [DataRow("https://example.com/", "example.com", "x", 0)]
    public void Specificity(string key, string registry, string repository, int expected) =>
        Assert.AreEqual(expected, OciCredentialsSpecificity.Match(key, registry, repository));
}
