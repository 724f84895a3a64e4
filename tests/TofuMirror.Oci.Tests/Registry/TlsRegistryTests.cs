using System;
using System.IO;
using System.Threading.Tasks;
using Microsoft.VisualStudio.TestTools.UnitTesting;
using TofuMirror.Oci.Transport;
using TofuMirror.Oci.Transport.Tls;
using TofuMirror.Testing;
using TofuMirror.Testing.Registry;

namespace TofuMirror.Oci.Tests.Registry;

/// <summary>The real registry serving HTTPS with a private CA (made by openssl), with and without mutual TLS.</summary>
[TestClass]
public sealed class TlsRegistryTests
{
    private static TempFolder? s_folder;
    private static TestCertificates? s_certificates;
    private static RegistryProcess? s_tls;
    private static RegistryProcess? s_mutual;

    [ClassInitialize]
    public static void Start(TestContext _)
    {
        if (!File.Exists(RegistryProcess.Binary) || !File.Exists("/usr/bin/openssl")) return;
        s_folder = new TempFolder("tofumirror-tls");
        s_certificates = TestCertificates.Create(s_folder.Combine("pki"));
        s_tls = RegistryProcess.Start(tls: s_certificates);
        s_mutual = RegistryProcess.Start(tls: s_certificates, requireClientCertificate: true);
    }

    [ClassCleanup]
    public static void Stop()
    {
        s_tls?.Dispose();
        s_mutual?.Dispose();
        s_folder?.Dispose();
    }

    private static TestCertificates Certificates
    {
        get
        {
            RegistryProcess.RequireBinary();
            TestCertificates.RequireOpenssl();
            return s_certificates!;
        }
    }

    /// <summary>HTTPS even on loopback, which otherwise speaks plain HTTP.</summary>
    private static OciClientFactory Client(RegistryTlsFiles files) =>
        new(TestContent.FastOptions with { PlainHttpForLoopback = false, Tls = files.Load() });

    [TestMethod]
    public async Task PrivateCa_WithoutTheCaFile_FailsSayingTheCertificateIsNotTrustedAndHowToFixIt()
    {
        _ = Certificates;
        using var client = Client(RegistryTlsFiles.None);
        var repo = client.CreateRepository(s_tls!.Host, "providers/example/demo");

        var error = await Assert.ThrowsExactlyAsync<OciTlsException>(() => repo.ListTagsAsync(default));

        StringAssert.Contains(error.Message, "certificate (CN=" + TestCertificates.ProxiedHostName);
        StringAssert.Contains(error.Message, "issued by CN=TofuMirror Test CA");
        StringAssert.Matches(error.Message, new System.Text.RegularExpressions.Regex("is not trusted: (UntrustedRoot|PartialChain)"));
        StringAssert.Contains(error.Message, "--ca-file");
        Assert.AreEqual(s_tls.Host, error.Registry);
    }

    [TestMethod]
    public async Task PrivateCa_WithTheCaFile_PushesAndPulls()
    {
        using var client = Client(new RegistryTlsFiles(Certificates.CaCertificate, null, null));
        var repo = client.CreateRepository(s_tls!.Host, "providers/example/demo");
        var zip = TestContent.RandomBytes(50_000, 7);

        var pushed = await TestContent.PushProviderAsync(repo, "1.0.0", zip);

        using var pulled = new MemoryStream();
        await repo.FetchBlobAsync(pushed.Zip, pulled, default);
        CollectionAssert.AreEqual(zip, pulled.ToArray());
    }

    [TestMethod]
    public async Task CaFileOfAnotherAuthority_StillRefusesTheRegistry()
    {
        _ = Certificates;
        var otherCa = TestCertificates.Create(s_folder!.Combine("other"));
        using var client = Client(new RegistryTlsFiles(otherCa.CaCertificate, null, null));
        var repo = client.CreateRepository(s_tls!.Host, "providers/example/demo");

        var error = await Assert.ThrowsExactlyAsync<OciTlsException>(() => repo.ListTagsAsync(default));

        StringAssert.Contains(error.Message, "is not trusted");
        StringAssert.Contains(error.Message, "neither the system's certificate authorities nor those of the CA file");
    }

    [TestMethod]
    public async Task MutualTls_WithoutAClientCertificate_FailsNamingTheMissingCertificate()
    {
        using var client = Client(new RegistryTlsFiles(Certificates.CaCertificate, null, null));
        var repo = client.CreateRepository(s_mutual!.Host, "providers/example/demo");

        var error = await Assert.ThrowsAsync<OciException>(() => repo.ListTagsAsync(default));

        StringAssert.Contains(error.Message, "client certificate", error.ToString());
        StringAssert.Contains(error.Message, "--client-cert");
    }

    [TestMethod]
    public async Task MutualTls_WithTheClientCertificate_PushesAndPulls()
    {
        using var client = Client(new RegistryTlsFiles(Certificates.CaCertificate, Certificates.ClientCertificate, Certificates.ClientKey));
        var repo = client.CreateRepository(s_mutual!.Host, "providers/example/demo");
        var zip = TestContent.RandomBytes(20_000, 8);

        var pushed = await TestContent.PushProviderAsync(repo, "2.0.0", zip);

        var resolved = await repo.ResolveAsync("2.0.0", default);
        Assert.AreEqual(pushed.Index.Digest, resolved.Digest);
    }

    [TestMethod]
    [DataRow(false, DisplayName = "untrusted server certificate")]
    [DataRow(true, DisplayName = "client certificate required")]
    public async Task CertificateFailures_AreNotRetried(bool mutual)
    {
        var pki = Certificates;
        using var proxy = ConnectProxy.Start();
        var registry = mutual ? s_mutual! : s_tls!;
        var files = mutual ? new RegistryTlsFiles(pki.CaCertificate, null, null) : RegistryTlsFiles.None;
        using var client = new OciClientFactory(TestContent.FastOptions with { Tls = files.Load(), Proxy = new System.Net.WebProxy(proxy.Url) });
        var repo = client.CreateRepository($"{TestCertificates.ProxiedHostName}:{registry.Port}", "providers/example/demo");

        await Assert.ThrowsExactlyAsync<OciTlsException>(() => repo.ListTagsAsync(default));

        Assert.AreEqual(1, proxy.ConnectTargets.Count, "one connection attempt, no retries");
    }
}
