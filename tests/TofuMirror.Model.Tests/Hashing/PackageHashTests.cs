using System;
using System.Linq;
using Microsoft.VisualStudio.TestTools.UnitTesting;
using TofuMirror.Model.Hashing;

namespace TofuMirror.Model.Tests;

[TestClass]
public sealed class PackageHashTests
{
    [TestMethod]
    [DataRow("h1:U5RVDcr6irM28qBuZN9gx81apIb82jbXmljb032GLR4=", "h1", "U5RVDcr6irM28qBuZN9gx81apIb82jbXmljb032GLR4=", true)]
    [DataRow("zh:b2dc41", "zh", "b2dc41", true)]
    [DataRow("test:abc", "test", "abc", false)]
    [DataRow("x:", "x", "", false)]
    [DataRow("a:b:c", "a", "b:c", false)]
    public void Parses(string text, string scheme, string value, bool supported)
    {
        Assert.IsTrue(PackageHash.TryParse(text, out var hash, out var error), error);
        Assert.AreEqual(scheme, hash.Scheme);
        Assert.AreEqual(value, hash.Value);
        Assert.AreEqual(supported, hash.IsSupportedScheme);
        Assert.AreEqual(text, hash.ToString());
    }

    [TestMethod]
    [DataRow("abc")]
    [DataRow(":abc")]
    [DataRow("")]
    public void RejectsStringsWithoutScheme(string text)
    {
        Assert.IsFalse(PackageHash.TryParse(text, out _, out var error));
        Assert.StartsWith("Invalid provider hash string", error);
        Assert.Throws<FormatException>(() => PackageHash.Parse(text));
    }

    [TestMethod]
    public void SortedUniqueIsPlainStringOrder()
    {
        var sorted = PackageHashes.SortedUnique(PackageHashes.ParseAll(new[] { "zh:01", "h1:b", "h1:a", "test:x", "zh:01" }));
        CollectionAssert.AreEqual(new[] { "h1:a", "h1:b", "test:x", "zh:01" }, sorted.Select(h => h.ToString()).ToArray());
    }

    [TestMethod]
    [DataRow(new[] { "h1:a", "zh:b" }, new[] { "h1:a" }, true)]
    [DataRow(new[] { "h1:a", "zh:b" }, new[] { "zh:b", "h1:other" }, true)]
    [DataRow(new[] { "h1:a", "zh:b" }, new[] { "h1:c", "zh:d" }, false)]
    [DataRow(new[] { "test:a" }, new[] { "h1:c" }, true)]
    [DataRow(new string[0], new[] { "h1:c" }, true)]
    [DataRow(new[] { "test:a", "h1:x" }, new[] { "test:a" }, false)]
    [DataRow(new[] { "h1:A" }, new[] { "h1:a" }, false)]
    public void AnyMatchFollowsOpenTofuRules(string[] recorded, string[] computed, bool expected)
    {
        Assert.AreEqual(expected, PackageHashes.AnyMatch(PackageHashes.ParseAll(recorded), PackageHashes.ParseAll(computed)));
    }

    [TestMethod]
    public void RequiresCheckOnlyWithKnownSchemes()
    {
        Assert.IsFalse(PackageHashes.RequiresCheck(PackageHashes.ParseAll(new[] { "test:a" })));
        Assert.IsTrue(PackageHashes.RequiresCheck(PackageHashes.ParseAll(new[] { "test:a", "zh:b" })));
        CollectionAssert.AreEqual(new[] { "zh:b" }, PackageHashes.Preferred(PackageHashes.ParseAll(new[] { "test:a", "zh:b" })).Select(h => h.ToString()).ToArray());
    }
}
