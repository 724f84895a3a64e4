using System.Linq;
using Microsoft.VisualStudio.TestTools.UnitTesting;
using TofuMirror.Oci.Auth;

namespace TofuMirror.Oci.Tests.Auth;

[TestClass]
public sealed class AuthChallengeTests
{
    [TestMethod]
    public void ParsesBearerWithQuotedCommas()
    {
        var c = AuthChallenge.Parse("Bearer realm=\"https://auth.example.com/token\",service=\"example.com\",scope=\"repository:foo/bar:pull,push\"").Single();
        Assert.IsTrue(c.IsBearer);
        Assert.AreEqual("https://auth.example.com/token", c.Realm);
        Assert.AreEqual("example.com", c.Service);
        CollectionAssert.AreEqual(new[] { "repository:foo/bar:pull,push" }, c.Scopes.ToArray());
    }

    [TestMethod]
    public void ParsesSeveralChallengesAndSpacing()
    {
        var all = AuthChallenge.Parse("Basic realm=\"Registry Realm\" , Bearer  realm = \"https://a/t\" ,  error=\"invalid_token\", scope=\"a:b:pull b:c:push\"");
        Assert.AreEqual(2, all.Count);
        Assert.IsTrue(all[0].IsBasic);
        Assert.AreEqual("Registry Realm", all[0].Realm);
        Assert.AreEqual("https://a/t", all[1].Realm);
        Assert.AreEqual("invalid_token", all[1].Get("ERROR"));
        Assert.AreEqual(2, all[1].Scopes.Count);
    }

    [TestMethod]
    public void ParsesEscapesUnquotedValuesAndToken68()
    {
        var c = AuthChallenge.Parse("bearer realm=https://x.test/token,service=x.test,detail=\"a \\\"quoted\\\" word\"").Single();
        Assert.IsTrue(c.IsBearer);
        Assert.AreEqual("https://x.test/token", c.Realm);
        Assert.AreEqual("x.test", c.Service);
        Assert.AreEqual("a \"quoted\" word", c.Get("detail"));

        var n = AuthChallenge.Parse("Negotiate abc123==, Basic realm=r");
        Assert.AreEqual(2, n.Count);
        Assert.AreEqual("abc123==", n[0].Get(string.Empty));
        Assert.AreEqual("r", n[1].Realm);
    }

    [TestMethod]
    [DataRow(null)]
    [DataRow("")]
    [DataRow("   ,  ")]
    public void EmptyHeaderHasNoChallenges(string? header) => Assert.AreEqual(0, AuthChallenge.Parse(header).Count);

    [TestMethod]
    public void SchemeWithoutParameters()
    {
        var c = AuthChallenge.Parse("Basic").Single();
        Assert.IsTrue(c.IsBasic);
        Assert.IsNull(c.Realm);
    }

    [TestMethod]
    public void ScopesMergeActionsAndSort()
    {
        var merged = Scopes.Merge(new[] { "repository:b:push", "repository:a:pull", "repository:b:pull", "repository:b:pull,push", "registry:catalog:*" });
        CollectionAssert.AreEqual(new[] { "registry:catalog:*", "repository:a:pull", "repository:b:pull,push" }, merged.ToArray());
        CollectionAssert.AreEqual(new[] { "repository:x:*" }, Scopes.Merge(new[] { "repository:x:pull", "repository:x:*" }).ToArray());
    }
}
