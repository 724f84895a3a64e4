using System;
using System.Collections.Generic;
using System.Net;
using Microsoft.VisualStudio.TestTools.UnitTesting;
using TofuMirror.Oci.Transport.Proxies;

namespace TofuMirror.Oci.Tests.Transport;

[TestClass]
public sealed class EnvironmentProxyTests
{
    private static EnvironmentProxy? FromVariables(params (string Name, string Value)[] variables)
    {
        var map = new Dictionary<string, string>();
        foreach (var (name, value) in variables) map[name] = value;
        return EnvironmentProxy.FromVariables(name => map.GetValueOrDefault(name));
    }

    [TestMethod]
    public void NoProxyVariables_GiveNoProxy() => Assert.IsNull(FromVariables(("NO_PROXY", "example.com")));

    [TestMethod]
    public void HttpsUrls_UseOnlyHttpsProxy_HttpUrlsOnlyHttpProxy()
    {
        var proxy = FromVariables(("HTTPS_PROXY", "http://secure-proxy:3128"), ("http_proxy", "plain-proxy:8080"))!;

        Assert.AreEqual(new Uri("http://secure-proxy:3128"), proxy.GetProxy(new Uri("https://registry.example.com/v2/")));
        Assert.AreEqual(new Uri("http://plain-proxy:8080"), proxy.GetProxy(new Uri("http://registry.example.com/v2/")));
        Assert.IsNull(FromVariables(("HTTP_PROXY", "http://plain-proxy:8080"))!.GetProxy(new Uri("https://registry.example.com/v2/")));
    }

    [TestMethod]
    public void UpperCaseVariable_WinsOverLowerCase()
    {
        var proxy = FromVariables(("HTTPS_PROXY", "http://upper:1"), ("https_proxy", "http://lower:2"))!;
        Assert.AreEqual("upper", proxy.GetProxy(new Uri("https://r.example.com"))!.Host);
    }

    [TestMethod]
    [DataRow("example.com", "https://example.com", true)]
    [DataRow("example.com", "https://registry.example.com", true)]
    [DataRow("example.com", "https://notexample.com", false)]
    [DataRow(".example.com", "https://example.com", false)]
    [DataRow(".example.com", "https://registry.example.com", true)]
    [DataRow("*.example.com", "https://registry.example.com", true)]
    [DataRow("example.com:5000", "https://example.com:5000", true)]
    [DataRow("example.com:5000", "https://example.com", false)]
    [DataRow("10.0.0.0/8", "https://10.1.2.3", true)]
    [DataRow("10.0.0.0/8", "https://11.1.2.3", false)]
    [DataRow("192.168.1.5", "https://192.168.1.5:443", true)]
    [DataRow("fd00::/8", "https://[fd12::1]", true)]
    [DataRow("other.com, example.com", "https://example.com", true)]
    [DataRow("*", "https://anything.example", true)]
    public void NoProxy_FollowsGoRules(string noProxy, string url, bool bypassed)
    {
        var proxy = FromVariables(("HTTPS_PROXY", "http://proxy:3128"), ("NO_PROXY", noProxy))!;
        Assert.AreEqual(bypassed, proxy.IsBypassed(new Uri(url)), $"NO_PROXY={noProxy} {url}");
    }

    [TestMethod]
    public void LoopbackDestinations_AlwaysGoDirect_OthersThroughTheProxy()
    {
        var proxy = new LoopbackBypassProxy(FromVariables(("HTTPS_PROXY", "http://proxy:3128"), ("HTTP_PROXY", "http://proxy:3128"))!);

        Assert.IsNull(proxy.GetProxy(new Uri("http://127.0.0.1:5000/v2/")));
        Assert.IsNull(proxy.GetProxy(new Uri("https://localhost:5000/v2/")));
        Assert.IsNull(proxy.GetProxy(new Uri("https://[::1]:5000/v2/")));
        Assert.IsTrue(proxy.IsBypassed(new Uri("http://127.8.9.10/")));
        Assert.AreEqual(new Uri("http://proxy:3128"), proxy.GetProxy(new Uri("https://registry.example.com/v2/")));
    }

    [TestMethod]
    public void UserInfoInTheProxyUrl_AnswersThatProxysChallenge()
    {
        var proxy = FromVariables(("HTTPS_PROXY", "http://build%40corp:p%3Ass@proxy.corp:3128"))!;

        var credential = proxy.Credentials!.GetCredential(new Uri("http://proxy.corp:3128"), "Basic");

        Assert.AreEqual("build@corp", credential!.UserName);
        Assert.AreEqual("p:ss", credential.Password);
        Assert.IsNull(proxy.Credentials.GetCredential(new Uri("http://other:3128"), "Basic"));
    }

    [TestMethod]
    public void AProxyVariableThatIsNoUrl_IsReportedNamingTheVariable()
    {
        var error = Assert.ThrowsExactly<FormatException>(() => FromVariables(("HTTPS_PROXY", "http://user:secret@")));
        StringAssert.Contains(error.Message, "HTTPS_PROXY");
        Assert.DoesNotContain("secret", error.Message);
    }
}
