using System;
using System.Linq;
using System.Net.Http;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.VisualStudio.TestTools.UnitTesting;
using TofuMirror.Engine.Origin;
using TofuMirror.Model.CliConfig;
using TofuMirror.Model.Diagnostics;
using TofuMirror.Testing.Origin;

namespace TofuMirror.Engine.Tests.Origin;

[TestClass]
public sealed class ServiceDiscoveryTests
{
    private static string Host(OriginFixture f) => "127.0.0.1:" + f.Origin.Port;

    [TestMethod]
    public async Task RelativeServiceUrlResolvesAgainstTheDiscoveryDocument()
    {
        await using var f = await OriginFixture.StartAsync();
        using var http = OriginFixture.Http();
        var discovery = new ServiceDiscovery(http, OriginHostSettings.Empty);
        var url = await discovery.ProvidersBaseAsync(Host(f), CancellationToken.None);
        Assert.AreEqual(f.Origin.BaseUrl + "v1/providers/", url.AbsoluteUri);
        await discovery.ProvidersBaseAsync(Host(f), CancellationToken.None);
        Assert.AreEqual(1, f.Origin.Requests("/.well-known/terraform.json").Count(), "discovery is cached per run");
    }

    [TestMethod]
    public async Task RedirectIsFollowedAndRelativeUrlsResolveAgainstTheFinalUrl()
    {
        await using var f = await OriginFixture.StartAsync((_, origin) =>
            origin.Faults["/.well-known/terraform.json"] = new OriginFault(Status: 301, RedirectTo: "/moved/disco/terraform.json"));
        System.IO.Directory.CreateDirectory(f.Folder.Combine("moved", "disco"));
        System.IO.File.WriteAllText(f.Folder.Combine("moved", "disco", "terraform.json"), "{\"providers.v1\":\"../providers/\"}");
        using var http = OriginFixture.Http();
        var url = await new ServiceDiscovery(http, OriginHostSettings.Empty).ProvidersBaseAsync(Host(f), CancellationToken.None);
        Assert.AreEqual(f.Origin.BaseUrl + "moved/providers/", url.AbsoluteUri);
    }

    [TestMethod]
    public async Task HostBlockReplacesDiscovery()
    {
        await using var f = await OriginFixture.StartAsync();
        using var http = OriginFixture.Http();
        var config = CliConfigLoader.LoadText(f.HostBlock(), "/home/user/.tofurc", OriginFixture.Environment());
        var url = await new ServiceDiscovery(http, config.OriginHosts).ProvidersBaseAsync("Registry.Example.com", CancellationToken.None);
        Assert.AreEqual(f.Origin.BaseUrl + "v1/providers/", url.AbsoluteUri);
        Assert.IsEmpty(f.Origin.Log);
    }

    [TestMethod]
    [DataRow("not json at all")]
    [DataRow("[\"an array\"]")]
    [DataRow("{\"modules.v1\":\"/m/\"}")]
    public async Task DocumentThatIsNotAJsonObjectWithProvidersIsRefused(string body)
    {
        await using var f = await OriginFixture.StartAsync();
        System.IO.File.WriteAllText(f.Folder.Combine(".well-known", "terraform.json"), body);
        using var http = OriginFixture.Http();
        var e = await Assert.ThrowsAsync<OriginException>(() => new ServiceDiscovery(http, OriginHostSettings.Empty).ProvidersBaseAsync(Host(f), CancellationToken.None));
        Assert.AreEqual(DiagnosticCodes.OriginDiscoveryFailed, e.Code);
        Assert.Contains("127.0.0.1", e.Message);
    }

    [TestMethod]
    public async Task MissingDiscoveryDocumentIsRefused()
    {
        await using var f = await OriginFixture.StartAsync();
        System.IO.File.Delete(f.Folder.Combine(".well-known", "terraform.json"));
        using var http = OriginFixture.Http();
        var e = await Assert.ThrowsAsync<OriginException>(() => new ServiceDiscovery(http, OriginHostSettings.Empty).ProvidersBaseAsync(Host(f), CancellationToken.None));
        Assert.AreEqual(DiagnosticCodes.OriginDiscoveryFailed, e.Code);
        Assert.Contains("404", e.Message);
    }

    [TestMethod]
    public async Task PlainHttpToANonLoopbackHostIsRefusedWithoutConnecting()
    {
        var primary = new CountingHandler();
        using var http = OriginFixture.Http(primary);
        var config = CliConfigLoader.LoadText(
            "host \"registry.example.com\" {\n  services = {\n    \"providers.v1\" = \"http://registry.example.com:8080/v1/providers/\"\n  }\n}\n",
            "/home/user/.tofurc", OriginFixture.Environment());
        var e = await Assert.ThrowsAsync<OriginException>(() => new ServiceDiscovery(http, config.OriginHosts).ProvidersBaseAsync("registry.example.com", CancellationToken.None));
        Assert.AreEqual(DiagnosticCodes.OriginInsecureTransport, e.Code);
        var mirror = Assert.Throws<OriginException>(() => new NetworkMirrorProviderOrigin(new Uri("http://mirror.example.com/"), http));
        Assert.AreEqual(DiagnosticCodes.OriginInsecureTransport, mirror.Code);
        Assert.AreEqual(0, primary.Calls);
    }

    private sealed class CountingHandler : HttpMessageHandler
    {
        public int Calls;

        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            Interlocked.Increment(ref Calls);
            throw new InvalidOperationException("no connection may be attempted");
        }
    }
}
