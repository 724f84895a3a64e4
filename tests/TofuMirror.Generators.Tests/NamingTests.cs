using System.Collections.Generic;
using System.Collections.Immutable;
using Microsoft.VisualStudio.TestTools.UnitTesting;
using TofuMirror.Generators.Model;
using TofuMirror.Generators.Parsing;

namespace TofuMirror.Generators.Tests;

[TestClass]
public sealed class NamingTests
{
    [TestMethod]
    [DataRow("infra", "Infra")]
    [DataRow("network-core", "NetworkCore")]
    [DataRow("my_module.v2", "MyModuleV2")]
    [DataRow("2fa", "_2fa")]
    [DataRow("class", "Class")]
    [DataRow("---", "_")]
    public void ToPascalCase_MakesValidIdentifiers(string text, string expected)
    {
        Assert.AreEqual(expected, IdentifierNames.ToPascalCase(text));
    }

    [TestMethod]
    public void ForProviders_DisambiguatesCollisionsWithTheHostname()
    {
        var names = IdentifierNames.ForProviders(new[]
        {
            ("registry.opentofu.org", "hashicorp", "aws"),
            ("example.com", "hashicorp", "aws"),
            ("registry.opentofu.org", "hashicorp", "random"),
            ("registry.opentofu.org", "x", "all"),
        }, new HashSet<string> { "XAll" });

        CollectionAssert.AreEqual(
            new[] { "RegistryOpentofuOrgHashicorpAws", "ExampleComHashicorpAws", "HashicorpRandom", "XAll2" },
            new List<string>(names));
    }

    [TestMethod]
    public void EquatableArray_ComparesItems()
    {
        var a = new EquatableArray<string>(ImmutableArray.Create("x", "y"));
        var b = new EquatableArray<string>(ImmutableArray.Create("x", "y"));
        var c = new EquatableArray<string>(ImmutableArray.Create("y", "x"));

        Assert.AreEqual(a, b);
        Assert.AreEqual(a.GetHashCode(), b.GetHashCode());
        Assert.AreNotEqual(a, c);
        Assert.AreEqual(default(EquatableArray<string>), EquatableArray<string>.Empty);
    }

    [TestMethod]
    public void ForModules_KeepsClassNamesUnique()
    {
        var names = IdentifierNames.ForModules(new[] { "infra", "Infra", "tofu-providers", "equals" });

        CollectionAssert.AreEqual(new[] { "Infra", "Infra2", "TofuProviders2", "Equals2" }, new List<string>(names));
    }
}
