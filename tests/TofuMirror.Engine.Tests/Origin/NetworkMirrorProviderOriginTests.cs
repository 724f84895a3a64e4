using System;
using System.IO;
using System.Linq;
using System.Security.Cryptography;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.VisualStudio.TestTools.UnitTesting;
using TofuMirror.Engine.Origin;
using TofuMirror.Model.Addresses;
using TofuMirror.Model.Diagnostics;
using TofuMirror.Model.Platforms;
using TofuMirror.Model.Versions;

namespace TofuMirror.Engine.Tests.Origin;

[TestClass]
public sealed class NetworkMirrorProviderOriginTests
{
    private static readonly ProviderAddress Widget = ProviderAddress.Parse("registry.example.com/acme/widget");

    [TestMethod]
    public async Task ListsVersionsAndReportsHashesWithoutSignature()
    {
        await using var f = await OriginFixture.StartAsync();
        using var http = OriginFixture.Http();
        var mirror = new NetworkMirrorProviderOrigin(new Uri(f.Origin.BaseUrl, "mirror"), http);
        var versions = await mirror.ListVersionsAsync(Widget, CancellationToken.None);
        CollectionAssert.AreEquivalent(new[] { "1.2.0", "1.3.0-beta.1" }, versions.Select(v => v.Version.ToString()).ToArray());

        var package = await mirror.FindPackageAsync(Widget, ProviderVersion.Parse("1.2.0"), Platform.Parse("darwin_arm64"), CancellationToken.None);
        Assert.IsNotNull(package);
        var zip = f.Layout.Zips[("widget", "1.2.0", "darwin_arm64")];
        var hex = Convert.ToHexString(SHA256.HashData(zip)).ToLowerInvariant();
        Assert.AreEqual(hex, package.Shasum);
        Assert.IsNull(package.Signature);
        Assert.HasCount(2, package.ReportedHashes);
        Assert.AreEqual("zh:" + hex, package.ReportedHashes[Platform.Parse("darwin_arm64")].Hashes.Single().ToString());
        Assert.AreEqual("terraform-provider-widget_1.2.0_darwin_arm64.zip", package.Filename);
        using var target = new MemoryStream();
        await mirror.DownloadAsync(package, target, CancellationToken.None);
        CollectionAssert.AreEqual(zip, target.ToArray());
        Assert.StartsWith("network mirror http://127.0.0.1", mirror.DisplayName);
    }

    [TestMethod]
    public async Task MissingPlatformIsNullAndMissingVersionOrProviderIsNotFound()
    {
        await using var f = await OriginFixture.StartAsync();
        using var http = OriginFixture.Http();
        var mirror = new NetworkMirrorProviderOrigin(new Uri(f.Origin.BaseUrl, "mirror/"), http);
        Assert.IsNull(await mirror.FindPackageAsync(Widget, ProviderVersion.Parse("1.3.0-beta.1"), Platform.Parse("darwin_arm64"), CancellationToken.None));
        var version = await Assert.ThrowsAsync<OriginException>(() => mirror.FindPackageAsync(Widget, ProviderVersion.Parse("9.9.9"), Platform.Parse("linux_amd64"), CancellationToken.None));
        Assert.AreEqual(DiagnosticCodes.OriginNotFound, version.Code);
        Assert.Contains("9.9.9", version.Message);
        var provider = await Assert.ThrowsAsync<OriginException>(() => mirror.ListVersionsAsync(ProviderAddress.Parse("registry.example.com/acme/none"), CancellationToken.None));
        Assert.AreEqual(DiagnosticCodes.OriginNotFound, provider.Code);
    }
}
