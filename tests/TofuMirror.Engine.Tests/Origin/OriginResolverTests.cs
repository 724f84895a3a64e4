using System;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.VisualStudio.TestTools.UnitTesting;
using TofuMirror.Engine.Origin;
using TofuMirror.Model.Addresses;
using TofuMirror.Model.CliConfig;
using TofuMirror.Model.Diagnostics;

namespace TofuMirror.Engine.Tests.Origin;

/// <summary>Which origin serves a provider: a folder, else a network mirror, else the provider's own registry (one client per host and run).</summary>
[TestClass]
public sealed class OriginResolverTests
{
    private static readonly ProviderAddress Widget = ProviderAddress.Parse(OriginFixture.RegistryHost + "/acme/widget");
    private static readonly ProviderAddress Gadget = ProviderAddress.Parse(OriginFixture.RegistryHost + "/acme/gadget");

    private static OriginNetwork Network(OriginFixture f, OriginHttp http, string? token = null)
    {
        var environment = OriginFixture.Environment();
        return new OriginNetwork(http, CliConfigLoader.LoadText(f.HostBlock(token), "/home/user/.tofurc", environment), environment);
    }

    [TestMethod]
    public async Task ProvidersOfOneHost_ShareOneRegistryOrigin_WithTheHostsToken()
    {
        await using var f = await OriginFixture.StartAsync();
        f.Origin.RequiredToken = "s3cret";
        using var http = OriginFixture.Http();
        var resolver = new OriginResolver(null, Network(f, http, "s3cret"));

        var first = await resolver.ResolveAsync(Widget, CancellationToken.None);
        var second = await resolver.ResolveAsync(Gadget, CancellationToken.None);

        Assert.AreSame(first, second);
        var registry = (RegistryProviderOrigin)first;
        Assert.AreEqual(new Uri(f.Origin.BaseUrl, "v1/providers/"), registry.ProvidersBase, "the host block names the service");
        var versions = await registry.ListVersionsAsync(Widget, CancellationToken.None);
        Assert.AreEqual(2, versions.Count, "the credentials block's token was sent");
    }

    [TestMethod]
    public async Task ANetworkMirror_ServesEveryProvider_InsteadOfTheRegistry()
    {
        await using var f = await OriginFixture.StartAsync();
        using var http = OriginFixture.Http();
        var resolver = new OriginResolver(null, Network(f, http), new Uri(f.Origin.BaseUrl, "mirror/"));

        var origin = await resolver.ResolveAsync(Widget, CancellationToken.None);

        Assert.IsInstanceOfType<NetworkMirrorProviderOrigin>(origin);
        Assert.AreEqual(2, (await origin.ListVersionsAsync(Widget, CancellationToken.None)).Count);
        Assert.IsFalse(f.Origin.Log.Any(a => a.Path.StartsWith("/v1/", StringComparison.Ordinal)));
    }

    [TestMethod]
    public async Task WithoutANetwork_OnlyAFolderServes_ElseTOFU0240()
    {
        var e = await Assert.ThrowsExactlyAsync<OriginException>(() => new OriginResolver(null).ResolveAsync(Widget, CancellationToken.None));

        Assert.AreEqual(DiagnosticCodes.OriginNotAvailable, e.Code);
        StringAssert.Contains(e.Message, "--from-folder");
    }
}
