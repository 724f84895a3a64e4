using System;
using System.Linq;
using Microsoft.VisualStudio.TestTools.UnitTesting;
using TofuMirror.Model.Versions;

namespace TofuMirror.Model.Tests;

[TestClass]
public sealed class VersionConstraintsTests
{
    [TestMethod]
    [DataRow(">= 1.0", ">= 1.0.0")]
    [DataRow("<3, >=2", ">= 2.0.0, < 3.0.0")]
    [DataRow("< 3.0.0, >= 2.0.0", ">= 2.0.0, < 3.0.0")]
    [DataRow("~>1", "~> 1.0")]
    [DataRow("~> 1", "~> 1.0")]
    [DataRow("~> 1.2", "~> 1.2")]
    [DataRow("~> 1.2.0", "~> 1.2.0")]
    [DataRow("=1.2.0", "1.2.0")]
    [DataRow("1.2", "1.2.0")]
    [DataRow("= 1.2.0-beta1", "1.2.0-beta1")]
    [DataRow(">= 1.0.0, >= 1.0, >=1", ">= 1.0.0")]
    [DataRow("~> 1.0, ~> 1", "~> 1.0")]
    [DataRow("~> 1.0.0, ~> 1.0", "~> 1.0.0, ~> 1.0")]
    [DataRow("!= 1.0.0, < 1.0.0, <= 1.0.0, ~> 1.0, ~> 1.0.0, 1.0.0, >= 1.0.0, > 1.0.0", "> 1.0.0, >= 1.0.0, 1.0.0, ~> 1.0.0, ~> 1.0, <= 1.0.0, < 1.0.0, != 1.0.0")]
    [DataRow("< 2, > 1, != 1.5", "> 1.0.0, != 1.5.0, < 2.0.0")]
    [DataRow("  >=  1.0.0  ,  <2.0.0  ", ">= 1.0.0, < 2.0.0")]
    [DataRow(">= 1.0.0-beta", ">= 1.0.0-beta")]
    [DataRow("= 1.0.0+build", "1.0.0+build")]
    public void NormalisedString(string text, string expected)
    {
        Assert.IsTrue(VersionConstraints.TryParse(text, out var constraints, out var error), error);
        Assert.AreEqual(expected, constraints.ToNormalizedString());
        Assert.IsTrue(VersionConstraints.IsNormalized(expected));
        Assert.AreEqual(expected == text, VersionConstraints.IsNormalized(text));
    }

    [TestMethod]
    [DataRow("")]
    [DataRow("   ")]
    [DataRow(">=")]
    [DataRow(">= 1.0,")]
    [DataRow(">= v1.0")]
    [DataRow("=> 1.0")]
    [DataRow("1.0.0.0")]
    [DataRow("~> 1.x")]
    public void RejectsInvalid(string text)
    {
        Assert.IsFalse(VersionConstraints.TryParse(text, out _, out var error));
        Assert.IsFalse(string.IsNullOrEmpty(error));
        Assert.Throws<FormatException>(() => VersionConstraints.Parse(text));
    }

    [TestMethod]
    [DataRow("~> 1.2", "1.2.0", true)]
    [DataRow("~> 1.2", "1.9.9", true)]
    [DataRow("~> 1.2", "2.0.0", false)]
    [DataRow("~> 1.2", "1.1.9", false)]
    [DataRow("~> 1.2.3", "1.2.3", true)]
    [DataRow("~> 1.2.3", "1.2.99", true)]
    [DataRow("~> 1.2.3", "1.3.0", false)]
    [DataRow("~> 1", "1.9.0", true)]
    [DataRow("~> 1", "2.0.0", false)]
    [DataRow("~> 0", "0.9.0", true)]
    [DataRow("~> 0", "1.0.0", false)]
    [DataRow("1.2", "1.2.0", true)]
    [DataRow("1.2", "1.2.1", false)]
    [DataRow("= 1.2.0", "1.2.0+build", true)]
    [DataRow("!= 1.2.0", "1.2.0", false)]
    [DataRow("!= 1.2.0", "1.2.1", true)]
    [DataRow("> 1.2.0", "1.2.0", false)]
    [DataRow(">= 1.2.0", "1.2.0", true)]
    [DataRow("< 1.2.0", "1.2.0", false)]
    [DataRow("<= 1.2.0", "1.2.0", true)]
    [DataRow(">= 1.0.0, < 2.0.0", "1.5.0", true)]
    [DataRow(">= 1.0.0, < 2.0.0", "2.0.0", false)]
    [DataRow(">= 1.0.0", "1.1.0-beta1", false)]
    [DataRow(">= 1.0.0-beta1", "1.0.0-beta1", false)]
    [DataRow(">= 1.0.0-beta1", "1.0.0-beta2", false)]
    [DataRow(">= 1.0.0-beta1", "1.0.0", true)]
    [DataRow("= 1.0.0-beta1", "1.0.0-beta1", true)]
    [DataRow("1.0.0-beta1", "1.0.0-beta1", true)]
    [DataRow("1.0.0-beta1, >= 0.9", "1.0.0-beta1", true)]
    [DataRow("= 1.0.0-beta1, < 1.0.0-alpha", "1.0.0-beta1", false)]
    [DataRow("~> 1.0", "1.1.0-rc1", false)]
    public void Allows(string constraints, string version, bool expected)
    {
        Assert.AreEqual(expected, VersionConstraints.Parse(constraints).Allows(ProviderVersion.Parse(version)));
    }

    [TestMethod]
    public void NoConstraintsAllowReleasesOnly()
    {
        Assert.IsTrue(VersionConstraints.None.Allows(ProviderVersion.Parse("0.0.1")));
        Assert.IsFalse(VersionConstraints.None.Allows(ProviderVersion.Parse("1.0.0-beta")));
        Assert.AreEqual(string.Empty, VersionConstraints.None.ToNormalizedString());
        Assert.IsTrue(VersionConstraints.None.IsEmpty);
    }

    [TestMethod]
    public void SelectsNewestReleaseCase56()
    {
        var available = new[] { "1.1.0-beta1", "1.0.5" }.Select(ProviderVersion.Parse);
        Assert.AreEqual("1.0.5", VersionConstraints.Parse(">= 1.0.0").SelectNewest(available)?.ToString());
    }

    [TestMethod]
    public void SelectNewestHonoursEveryTermAndReturnsNullWhenNothingFits()
    {
        var available = new[] { "0.9.0", "1.0.0", "1.4.2", "1.5.0", "2.0.0", "2.1.0-rc1" }.Select(ProviderVersion.Parse).ToArray();
        Assert.AreEqual("1.5.0", VersionConstraints.Parse("~> 1.0").SelectNewest(available)?.ToString());
        Assert.AreEqual("1.4.2", VersionConstraints.Parse("~> 1.0, != 1.5.0").SelectNewest(available)?.ToString());
        Assert.AreEqual("2.1.0-rc1", VersionConstraints.Parse("2.1.0-rc1").SelectNewest(available)?.ToString());
        Assert.IsNull(VersionConstraints.Parse("> 3").SelectNewest(available));
        Assert.AreEqual("2.0.0", VersionConstraints.None.SelectNewest(available)?.ToString());
    }

    [TestMethod]
    public void IntersectCombinesModules()
    {
        var root = VersionConstraints.Parse("~> 1.0");
        var child = VersionConstraints.Parse(">= 1.2, < 1.4");
        var third = VersionConstraints.Parse("~> 1");
        var combined = VersionConstraints.Intersect(new[] { root, child, third });
        Assert.AreEqual("~> 1.0, >= 1.2.0, < 1.4.0", combined.ToNormalizedString());
        Assert.AreEqual(combined, root.Intersect(child).Intersect(third));
        var available = new[] { "1.1.0", "1.3.9", "1.4.0" }.Select(ProviderVersion.Parse);
        Assert.AreEqual("1.3.9", combined.SelectNewest(available)?.ToString());
    }

    [TestMethod]
    public void LockFileWriterExamples()
    {
        Assert.AreEqual("~> 1.0", VersionConstraints.Parse("~> 1").ToString());
        Assert.AreEqual("1.2.0", VersionConstraints.Parse("1.2").ToString());
        Assert.AreEqual(">= 1.0.0", VersionConstraints.Parse(">=1.0").ToString());
        Assert.IsFalse(VersionConstraints.IsNormalized(">=1.0"));
    }

    [TestMethod]
    public void TermsKeepOperatorAndZeroFilledBoundary()
    {
        var terms = VersionConstraints.Parse("~> 1, ~> 1.2.3, >= 2").Terms;
        Assert.AreEqual(ConstraintOperator.PessimisticMinor, terms[0].Operator);
        Assert.AreEqual("1.0.0", terms[0].Boundary.ToString());
        Assert.AreEqual(ConstraintOperator.PessimisticPatch, terms[1].Operator);
        Assert.AreEqual(ConstraintOperator.GreaterThanOrEqual, terms[2].Operator);
        Assert.AreEqual("2.0.0", terms[2].Boundary.ToString());
    }
}
