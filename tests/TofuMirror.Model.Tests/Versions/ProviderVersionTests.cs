using System;
using System.Linq;
using Microsoft.VisualStudio.TestTools.UnitTesting;
using TofuMirror.Model.Versions;

namespace TofuMirror.Model.Tests;

[TestClass]
public sealed class ProviderVersionTests
{
    [TestMethod]
    [DataRow("1.2.3", "1.2.3")]
    [DataRow("1.0", "1.0.0")]
    [DataRow("1", "1.0.0")]
    [DataRow("1.02", "1.2.0")]
    [DataRow("0.0.0", "0.0.0")]
    [DataRow("1.0.0-beta1", "1.0.0-beta1")]
    [DataRow("1.0.0-rc.1+build.5", "1.0.0-rc.1+build.5")]
    [DataRow("1.0.0+build.5", "1.0.0+build.5")]
    [DataRow("1.0-beta", "1.0.0-beta")]
    [DataRow("2.0.0-x-y", "2.0.0-x-y")]
    public void ParsesLeniently(string text, string expected)
    {
        Assert.IsTrue(ProviderVersion.TryParse(text, out var version, out var error), error);
        Assert.AreEqual(expected, version.ToString());
    }

    [TestMethod]
    [DataRow("")]
    [DataRow("v1.0.0")]
    [DataRow("latest")]
    [DataRow("1.0.0.0")]
    [DataRow("1..0")]
    [DataRow("1.0.")]
    [DataRow("1.x")]
    [DataRow("1.0.0-")]
    [DataRow("1.0.0+")]
    [DataRow("1.0.0-beta..1")]
    [DataRow("1.0.0-beta_1")]
    [DataRow(" 1.0.0")]
    [DataRow("-1.0.0")]
    public void RejectsNonVersions(string text)
    {
        Assert.IsFalse(ProviderVersion.TryParse(text, out _, out var error));
        StringAssert.Contains(error, "invalid version");
        Assert.Throws<FormatException>(() => ProviderVersion.Parse(text));
    }

    [TestMethod]
    [DataRow("1.0.0", true)]
    [DataRow("1.0.0-beta1", true)]
    [DataRow("1.0.0+meta", true)]
    [DataRow("v1.0.0", false)]
    [DataRow("1.0", false)]
    [DataRow("1", false)]
    [DataRow("1.02", false)]
    [DataRow("01.0.0", false)]
    public void CanonicalForLockFiles(string text, bool canonical)
    {
        Assert.AreEqual(canonical, ProviderVersion.IsCanonical(text));
    }

    [TestMethod]
    public void PrecedenceFollowsSemver()
    {
        var ordered = new[] { "1.0.0-alpha", "1.0.0-alpha.1", "1.0.0-alpha.beta", "1.0.0-beta", "1.0.0-beta.2", "1.0.0-beta.11", "1.0.0-rc.1", "1.0.0", "1.0.1", "1.1.0", "2.0.0", "10.0.0" };
        var shuffled = ordered.Reverse().Select(ProviderVersion.Parse).OrderBy(v => v).Select(v => v.ToString()).ToArray();
        CollectionAssert.AreEqual(ordered, shuffled);
        for (var i = 1; i < ordered.Length; i++)
        {
            Assert.IsTrue(ProviderVersion.Parse(ordered[i - 1]) < ProviderVersion.Parse(ordered[i]), ordered[i]);
        }
    }

    [TestMethod]
    public void MetadataIsIgnoredForPrecedenceButKeptInValue()
    {
        var plain = ProviderVersion.Parse("1.0.0");
        var built = ProviderVersion.Parse("1.0.0+build.5");
        Assert.AreEqual(0, plain.ComparePrecedence(built));
        Assert.IsTrue(plain.SamePrecedence(built));
        Assert.AreNotEqual(plain, built);
        Assert.AreNotEqual(0, plain.CompareTo(built));
        Assert.AreEqual(ProviderVersion.Parse("1.0"), plain);
        Assert.AreEqual(ProviderVersion.Parse("1.0").GetHashCode(), plain.GetHashCode());
    }

    [TestMethod]
    [DataRow("1.0.0", "1.0.0")]
    [DataRow("1.0.0+build.5", "1.0.0_build.5")]
    [DataRow("2.1.0-rc.1+linux.x", "2.1.0-rc.1_linux.x")]
    public void OciTags(string version, string tag)
    {
        Assert.AreEqual(tag, ProviderVersion.Parse(version).ToOciTag());
        Assert.IsTrue(ProviderVersion.FromOciTag(tag, out var parsed));
        Assert.AreEqual(version, parsed.ToString());
    }

    [TestMethod]
    public void OciTagListFromConformanceCase14()
    {
        var tags = new[] { "1.0.0", "1.0.0_build.5", "latest", "v2.0.0", "linux_amd64", "v3.6.0" };
        var versions = tags.Select(t => ProviderVersion.FromOciTag(t, out var v) ? v.ToString() : null).Where(v => v is not null).ToArray();
        CollectionAssert.AreEqual(new[] { "1.0.0", "1.0.0+build.5" }, versions);
    }

    [TestMethod]
    public void ShortOciTagsAreZeroFilled()
    {
        Assert.IsTrue(ProviderVersion.FromOciTag("1.0", out var v));
        Assert.AreEqual("1.0.0", v.ToString());
    }

    [TestMethod]
    public void VersionWithMetadataResolvesItsTagCase15()
    {
        Assert.AreEqual("1.0.0_build.5", ProviderVersion.Parse("1.0.0+build.5").ToOciTag());
    }
}
