using System;
using System.Collections.Generic;
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
using TofuMirror.Testing.Origin;

namespace TofuMirror.Engine.Tests.Origin;

[TestClass]
public sealed class RegistryProviderOriginTests
{
    private static readonly ProviderAddress Widget = ProviderAddress.Parse("registry.example.com/acme/widget");
    private static readonly ProviderVersion V120 = ProviderVersion.Parse("1.2.0");
    private static readonly Platform Linux = Platform.Parse("linux_amd64");
    private const string VersionsPath = "/v1/providers/acme/widget/versions";
    private const string DownloadPath = "/v1/providers/acme/widget/1.2.0/download/linux/amd64";

    [TestMethod]
    public async Task ListsVersionsWithProtocolsAndPlatforms()
    {
        await using var f = await OriginFixture.StartAsync();
        using var http = OriginFixture.Http();
        var origin = await f.RegistryAsync(http);
        var versions = await origin.ListVersionsAsync(Widget, CancellationToken.None);
        CollectionAssert.AreEquivalent(new[] { "1.2.0", "1.3.0-beta.1" }, versions.Select(v => v.Version.ToString()).ToArray());
        var v120 = versions.Single(v => v.Version.Equals(V120));
        CollectionAssert.AreEqual(new[] { "5.0" }, v120.Protocols.ToArray());
        CollectionAssert.AreEquivalent(new[] { "linux_amd64", "darwin_arm64" }, v120.Platforms.Select(p => p.ToString()).ToArray());
        Assert.AreEqual("registry.example.com", origin.DisplayName);
    }

    [TestMethod]
    public async Task DownloadMetadataResolvesUrlsAgainstTheResponseAndCarriesTheSigningKey()
    {
        await using var f = await OriginFixture.StartAsync();
        using var http = OriginFixture.Http();
        var origin = await f.RegistryAsync(http);
        var package = await origin.FindPackageAsync(Widget, V120, Linux, CancellationToken.None);
        Assert.IsNotNull(package);
        var zip = f.Layout.Zips[("widget", "1.2.0", "linux_amd64")];
        Assert.AreEqual("terraform-provider-widget_1.2.0_linux_amd64.zip", package.Filename);
        Assert.AreEqual(f.Origin.BaseUrl + "files/widget/1.2.0/terraform-provider-widget_1.2.0_linux_amd64.zip", package.DownloadUrl.AbsoluteUri);
        Assert.AreEqual(Convert.ToHexString(SHA256.HashData(zip)).ToLowerInvariant(), package.Shasum);
        Assert.IsNotNull(package.Signature);
        Assert.AreEqual(f.Origin.BaseUrl + "files/widget/1.2.0/terraform-provider-widget_1.2.0_SHA256SUMS", package.Signature.ShaSumsUrl.AbsoluteUri);
        Assert.AreEqual(OriginFixture.ArmoredKey, package.Signature.ArmoredPublicKeys.Single());
        Assert.IsEmpty(package.ReportedHashes);
        Assert.IsNull(package.Size);

        var sums = await origin.FetchDocumentAsync(package.Signature.ShaSumsUrl, CancellationToken.None);
        var signature = await origin.FetchDocumentAsync(package.Signature.SignatureUrl, CancellationToken.None);
        CollectionAssert.AreEqual(OriginFixture.FakeSignature(sums!), signature);
        Assert.Contains(package.Shasum + "  " + package.Filename, System.Text.Encoding.UTF8.GetString(sums!));
        Assert.IsNull(await origin.FetchDocumentAsync(new Uri(f.Origin.BaseUrl, "files/nothing"), CancellationToken.None));
    }

    [TestMethod]
    public async Task PackagesMapBecomesReportedHashesWithSizes()
    {
        await using var f = await OriginFixture.StartAsync((layout, _) => layout.WithPackagesMap = true);
        using var http = OriginFixture.Http();
        var package = (await (await f.RegistryAsync(http)).FindPackageAsync(Widget, V120, Linux, CancellationToken.None))!;
        Assert.HasCount(2, package.ReportedHashes);
        var darwin = f.Layout.Zips[("widget", "1.2.0", "darwin_arm64")];
        var reported = package.ReportedHashes[Platform.Parse("darwin_arm64")];
        Assert.AreEqual("zh:" + Convert.ToHexString(SHA256.HashData(darwin)).ToLowerInvariant(), reported.Hashes.Single().ToString());
        Assert.AreEqual(darwin.LongLength, reported.PackageSize);
        Assert.AreEqual(f.Layout.Zips[("widget", "1.2.0", "linux_amd64")].LongLength, package.Size);
    }

    [TestMethod]
    public async Task DownloadStreamsTheZipAsWritten()
    {
        await using var f = await OriginFixture.StartAsync();
        using var http = OriginFixture.Http();
        var origin = await f.RegistryAsync(http);
        var package = (await origin.FindPackageAsync(Widget, V120, Linux, CancellationToken.None))!;
        using var target = new MemoryStream();
        await origin.DownloadAsync(package, target, CancellationToken.None);
        var zip = target.ToArray();
        CollectionAssert.AreEqual(f.Layout.Zips[("widget", "1.2.0", "linux_amd64")], zip);
        Assert.AreEqual(0x08, zip[6] & 0x08, "written like Go's archive/zip: the local header defers sizes to a data descriptor");
        Assert.AreEqual(8, zip[8], "deflated");
        Assert.IsLessThan(20_000, zip.Length, "the fake binary compresses");
    }

    [TestMethod]
    public async Task UnknownPlatformIsNullAndUnknownProviderIsNotFound()
    {
        await using var f = await OriginFixture.StartAsync();
        using var http = OriginFixture.Http();
        var origin = await f.RegistryAsync(http);
        Assert.IsNull(await origin.FindPackageAsync(Widget, V120, Platform.Parse("windows_amd64"), CancellationToken.None));
        var e = await Assert.ThrowsAsync<OriginException>(() => origin.ListVersionsAsync(ProviderAddress.Parse("registry.example.com/acme/nothing"), CancellationToken.None));
        Assert.AreEqual(DiagnosticCodes.OriginNotFound, e.Code);
        Assert.Contains("registry.example.com/acme/nothing", e.Message);
    }

    [TestMethod]
    public async Task ServerErrorIsRetriedThenReportedWithoutServerTextRaw()
    {
        await using var f = await OriginFixture.StartAsync((_, origin) => origin.Faults[VersionsPath] = new OriginFault(Status: 500));
        using var http = OriginFixture.Http();
        var origin = await f.RegistryAsync(http);
        var e = await Assert.ThrowsAsync<OriginException>(() => origin.ListVersionsAsync(Widget, CancellationToken.None));
        Assert.AreEqual(DiagnosticCodes.OriginUnavailable, e.Code);
        Assert.AreEqual(3, f.Origin.Requests(VersionsPath).Count(), "the first attempt and two retries");
        Assert.Contains("500", e.Message);
        Assert.DoesNotContain("##vso[", e.Message);
        Assert.DoesNotContain("\u001b", e.Message);
    }

    [TestMethod]
    public async Task OversizedAndMalformedResponsesAreMalformed()
    {
        await using var f = await OriginFixture.StartAsync();
        using var http = OriginFixture.Http();
        var origin = await f.RegistryAsync(http);
        File.WriteAllText(f.Folder.Combine("v1", "providers", "acme", "widget", "versions"), "{\"versions\":[" + new string(' ', 70 * 1024) + "]}");
        var oversized = await Assert.ThrowsAsync<OriginException>(() => origin.ListVersionsAsync(Widget, CancellationToken.None));
        Assert.AreEqual(DiagnosticCodes.OriginMalformedResponse, oversized.Code);
        Assert.Contains("larger than the limit", oversized.Message);

        File.WriteAllText(f.Folder.Combine("v1", "providers", "acme", "widget", "versions"), "<html>");
        var notJson = await Assert.ThrowsAsync<OriginException>(() => origin.ListVersionsAsync(Widget, CancellationToken.None));
        Assert.AreEqual(DiagnosticCodes.OriginMalformedResponse, notJson.Code);

        var download = f.Folder.Combine(DownloadPath.TrimStart('/').Split('/'));
        File.WriteAllText(download, File.ReadAllText(download).Replace("\"os\":\"linux\"", "\"os\":\"windows\""));
        var mismatch = await Assert.ThrowsAsync<OriginException>(() => origin.FindPackageAsync(Widget, V120, Linux, CancellationToken.None));
        Assert.AreEqual(DiagnosticCodes.OriginMalformedResponse, mismatch.Code);
        Assert.Contains("instead of linux_amd64", mismatch.Message);

        File.WriteAllText(download, File.ReadAllText(download).Replace("\"os\":\"windows\"", "\"os\":\"linux\"").Replace("\"download_url\":\"", "\"download_url\":\"file:///etc/passwd#"));
        var scheme = await Assert.ThrowsAsync<OriginException>(() => origin.FindPackageAsync(Widget, V120, Linux, CancellationToken.None));
        Assert.AreEqual(DiagnosticCodes.OriginMalformedResponse, scheme.Code);
        Assert.Contains("download_url", scheme.Message);
    }

    [TestMethod]
    public async Task ADownloadThatBreaksOff_FromAServerIgnoringRanges_Fails()
    {
        await using var f = await OriginFixture.StartAsync();
        using var http = OriginFixture.Http();
        var origin = await f.RegistryAsync(http);
        var package = (await origin.FindPackageAsync(Widget, V120, Linux, CancellationToken.None))!;
        f.Origin.Faults[package.DownloadUrl.AbsolutePath] = new OriginFault(TruncateAfter: 100);
        using var target = new MemoryStream();
        var e = await Assert.ThrowsAsync<OriginException>(() => origin.DownloadAsync(package, target, CancellationToken.None));
        Assert.AreEqual(DiagnosticCodes.OriginUnavailable, e.Code);
        Assert.Contains("broke off after 100 bytes", e.Message);
        Assert.AreEqual("bytes=100-", f.Origin.Requests(package.DownloadUrl.AbsolutePath).Last().Range);
    }

    [TestMethod]
    public async Task ADownloadThatBreaksOff_IsContinuedFromWhereItStopped_WithRangedRequests()
    {
        await using var f = await OriginFixture.StartAsync();
        using var http = OriginFixture.Http();
        var origin = await f.RegistryAsync(http);
        var package = (await origin.FindPackageAsync(Widget, V120, Linux, CancellationToken.None))!;
        f.Origin.ServesRanges = true;
        f.Origin.Faults[package.DownloadUrl.AbsolutePath] = new OriginFault(TruncateAfter: 100, TruncateTimes: 2);
        using var target = new MemoryStream();

        await origin.DownloadAsync(package, target, CancellationToken.None);

        CollectionAssert.AreEqual(File.ReadAllBytes(Path.Combine(f.Origin.Root, package.DownloadUrl.AbsolutePath.TrimStart('/'))), target.ToArray());
        CollectionAssert.AreEqual(new string?[] { null, "bytes=100-", "bytes=200-" },
            f.Origin.Requests(package.DownloadUrl.AbsolutePath).Select(r => r.Range).ToArray());
    }

    [TestMethod]
    public async Task AFailureToWriteTheDownload_IsNotResumedNorBlamedOnTheOrigin()
    {
        await using var f = await OriginFixture.StartAsync();
        using var http = OriginFixture.Http();
        var origin = await f.RegistryAsync(http);
        var package = (await origin.FindPackageAsync(Widget, V120, Linux, CancellationToken.None))!;
        f.Origin.ServesRanges = true;
        using var full = new DiskFullStream();

        var e = await Assert.ThrowsAsync<IOException>(() => origin.DownloadAsync(package, full, CancellationToken.None));

        Assert.IsNotInstanceOfType<OriginException>(e);
        Assert.AreEqual("No space left on device", e.Message);
        Assert.AreEqual(1, f.Origin.Requests(package.DownloadUrl.AbsolutePath).Count(), "no ranged request follows a local write failure");
    }

    /// <summary>A destination that fails every write, as a full disk does.</summary>
    private sealed class DiskFullStream : MemoryStream
    {
        public override void Write(byte[] buffer, int offset, int count) => throw new IOException("No space left on device");
        public override ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken = default) =>
            ValueTask.FromException(new IOException("No space left on device"));
    }

    [TestMethod]
    public async Task ADownloadThatKeepsBreakingOff_FailsAfterTheLastResume()
    {
        await using var f = await OriginFixture.StartAsync();
        using var http = OriginFixture.Http();
        var origin = await f.RegistryAsync(http);
        var package = (await origin.FindPackageAsync(Widget, V120, Linux, CancellationToken.None))!;
        f.Origin.ServesRanges = true;
        f.Origin.Faults[package.DownloadUrl.AbsolutePath] = new OriginFault(TruncateAfter: 10);
        using var target = new MemoryStream();

        var e = await Assert.ThrowsAsync<OriginException>(() => origin.DownloadAsync(package, target, CancellationToken.None));

        Assert.AreEqual(DiagnosticCodes.OriginUnavailable, e.Code);
        Assert.Contains($"{OriginHttp.MaxResumes} resumed requests", e.Message);
        Assert.AreEqual(1 + OriginHttp.MaxResumes, f.Origin.Requests(package.DownloadUrl.AbsolutePath).Count());
    }

    [TestMethod]
    public async Task TokenGoesToTheOriginOnlyNeverToAnotherDownloadHost()
    {
        await using var f = await OriginFixture.StartAsync((layout, origin) => layout.DownloadBase = origin.LocalhostUrl);
        using var http = OriginFixture.Http();
        var origin = await f.RegistryAsync(http, token: "s3cret");
        var package = (await origin.FindPackageAsync(Widget, V120, Linux, CancellationToken.None))!;
        Assert.AreEqual("localhost", package.DownloadUrl.Host);
        using var target = new MemoryStream();
        await origin.DownloadAsync(package, target, CancellationToken.None);
        await origin.FetchDocumentAsync(package.Signature!.ShaSumsUrl, CancellationToken.None);

        Assert.AreEqual("Bearer s3cret", f.Origin.Requests(DownloadPath).Single().Authorization);
        Assert.IsFalse(f.Origin.Requests(package.DownloadUrl.AbsolutePath).Single().HadAuthorization);
        Assert.IsFalse(f.Origin.Requests(package.Signature.ShaSumsUrl.AbsolutePath).Single().HadAuthorization);
    }

    [TestMethod]
    public async Task TokenIsNotSentToARedirectTargetOnAnotherHost()
    {
        await using var f = await OriginFixture.StartAsync();
        f.Origin.Faults[VersionsPath] = new OriginFault(Status: 307, RedirectTo: f.Origin.LocalhostUrl + "elsewhere/versions");
        File.Copy(f.Folder.Combine("v1", "providers", "acme", "widget", "versions"), Path.Combine(Directory.CreateDirectory(f.Folder.Combine("elsewhere")).FullName, "versions"));
        using var http = OriginFixture.Http();
        var origin = await f.RegistryAsync(http, token: "s3cret");
        Assert.HasCount(2, await origin.ListVersionsAsync(Widget, CancellationToken.None));
        Assert.IsTrue(f.Origin.Requests(VersionsPath).Single().HadAuthorization);
        Assert.IsFalse(f.Origin.Requests("/elsewhere/versions").Single().HadAuthorization);
    }

    [TestMethod]
    public async Task TokenVariableWinsAndUnauthorizedNamesTheSourceNotTheToken()
    {
        await using var f = await OriginFixture.StartAsync((_, origin) => origin.RequiredToken = "from-env");
        using var http = OriginFixture.Http();
        var variables = new Dictionary<string, string> { ["TF_TOKEN_registry_example_com"] = "from-env" };
        var withVariable = await f.RegistryAsync(http, token: "from-block", variables: variables);
        Assert.HasCount(2, await withVariable.ListVersionsAsync(Widget, CancellationToken.None));

        var withBlock = await f.RegistryAsync(http, token: "from-block");
        var refused = await Assert.ThrowsAsync<OriginException>(() => withBlock.ListVersionsAsync(Widget, CancellationToken.None));
        Assert.AreEqual(DiagnosticCodes.OriginUnauthorized, refused.Code);
        Assert.Contains("credentials \"registry.example.com\" block", refused.Message);
        Assert.DoesNotContain("from-block", refused.Message);

        var anonymous = await f.RegistryAsync(http);
        var noToken = await Assert.ThrowsAsync<OriginException>(() => anonymous.ListVersionsAsync(Widget, CancellationToken.None));
        Assert.Contains("TF_TOKEN_", noToken.Message);
    }
}
