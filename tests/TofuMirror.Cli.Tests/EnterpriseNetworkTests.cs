using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Threading.Tasks;
using Microsoft.VisualStudio.TestTools.UnitTesting;
using TofuMirror.Testing;
using TofuMirror.Testing.Registry;

namespace TofuMirror.Cli.Tests;

/// <summary>
/// push → lock → restore against the real registry behind TLS with a private CA (made by openssl), mutual TLS, and an
/// HTTPS_PROXY. The registry is addressed as <see cref="TestCertificates.ProxiedHostName"/>, a name only the test's
/// CONNECT proxy resolves (to 127.0.0.1): a loopback name would be spoken to over plain HTTP and never proxied.
/// </summary>
[TestClass]
public sealed class EnterpriseNetworkTests
{
    private static TempFolder? s_folder;
    private static TestCertificates? s_certificates;
    private static RegistryProcess? s_tls;
    private static RegistryProcess? s_mutual;
    private static RegistryProcess? s_plain;

    [ClassInitialize]
    public static void Start(TestContext _)
    {
        if (!File.Exists(RegistryProcess.Binary) || !File.Exists("/usr/bin/openssl")) return;
        s_folder = new TempFolder("tofumirror-enterprise");
        s_certificates = TestCertificates.Create(s_folder.Combine("pki"));
        s_tls = RegistryProcess.Start(tls: s_certificates);
        s_mutual = RegistryProcess.Start(tls: s_certificates, requireClientCertificate: true);
        s_plain = RegistryProcess.Start();
    }

    [ClassCleanup]
    public static void Stop()
    {
        s_tls?.Dispose();
        s_mutual?.Dispose();
        s_plain?.Dispose();
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

    private static string Template(RegistryProcess registry) => $"{TestCertificates.ProxiedHostName}:{registry.Port}/providers/${{hostname}}/${{namespace}}/${{type}}";

    private static Task<CliRun> RunAsync(TempFolder temp, ConnectProxy? proxy, IEnumerable<(string, string)> extraVariables, params string[] args)
    {
        var variables = new Dictionary<string, string?>();
        if (proxy is not null) variables["HTTPS_PROXY"] = proxy.Url;
        foreach (var (name, value) in extraVariables) variables[name] = value;
        return CliRun.RunAsync(temp.Path, errorIsTerminal: false, variables, args);
    }

    private static string[] Push(TempFolder temp, string template, params string[] extra) =>
        ["push", "--provider", "example/demo", "--repository-template", template, TestZips.Release(temp.Combine("zips"), "1.0.0", "linux_amd64"), .. extra];

    private static void WriteModule(TempFolder temp) => temp.WriteFile("module/versions.tf",
        "terraform {\n  required_providers {\n    demo = {\n      source  = \"example/demo\"\n      version = \"1.0.0\"\n    }\n  }\n}\n");

    [TestMethod]
    public async Task PrivateCa_ThroughHttpsProxy_PushLockRestoreWork_WithTheCaFromOptionOrEnvironment()
    {
        var ca = Certificates.CaCertificate;
        using var temp = new TempFolder();
        using var proxy = ConnectProxy.Start();
        var template = Template(s_tls!);

        var untrusted = await RunAsync(temp, proxy, [], Push(temp, template));
        Assert.AreEqual(1, untrusted.ExitCode, untrusted.ToString());
        StringAssert.Contains(untrusted.Error, "is not trusted:");
        StringAssert.Contains(untrusted.Error, "--ca-file");

        var push = await RunAsync(temp, proxy, [], Push(temp, template, "--ca-file", ca));
        Assert.AreEqual(0, push.ExitCode, push.ToString());

        WriteModule(temp);
        var lockRun = await RunAsync(temp, proxy, [("TOFU_MIRROR_CA_FILE", ca)],
            "lock", "--chdir", "module", "--repository-template", template, "--platform", "linux_amd64");
        Assert.AreEqual(0, lockRun.ExitCode, lockRun.ToString());

        var restore = await RunAsync(temp, proxy, [],
            "restore", "--chdir", "module", "--repository-template", template, "--platform", "linux_amd64", "--cache", "cache", "--ca-file", ca);
        Assert.AreEqual(0, restore.ExitCode, restore.ToString());
        Assert.IsTrue(File.Exists(temp.Combine("module", ".terraform", "providers-mirror", "registry.opentofu.org", "example", "demo", "1.0.0", "linux_amd64", "README.md")),
            restore.ToString());

        Assert.IsTrue(proxy.ConnectTargets.Count >= 3, $"{proxy.ConnectTargets.Count} CONNECTs");
        Assert.IsTrue(proxy.ConnectTargets.All(t => t == $"{TestCertificates.ProxiedHostName}:{s_tls!.Port}"), string.Join(", ", proxy.ConnectTargets));
    }

    [TestMethod]
    public async Task MutualTls_WithoutClientCertificate_FailsSayingSo_WithItPushWorks()
    {
        var pki = Certificates;
        using var temp = new TempFolder();
        using var proxy = ConnectProxy.Start();
        var template = Template(s_mutual!);

        var refused = await RunAsync(temp, proxy, [], Push(temp, template, "--ca-file", pki.CaCertificate));
        Assert.AreEqual(1, refused.ExitCode, refused.ToString());
        StringAssert.Contains(refused.Error, "requires a TLS client certificate");
        StringAssert.Contains(refused.Error, "--client-cert");

        var push = await RunAsync(temp, proxy, [],
            Push(temp, template, "--ca-file", pki.CaCertificate, "--client-cert", pki.ClientCertificate, "--client-key", pki.ClientKey));
        Assert.AreEqual(0, push.ExitCode, push.ToString());
    }

    [TestMethod]
    public async Task LoopbackRegistry_GoesDirect_EvenWithProxyVariablesSet()
    {
        RegistryProcess.RequireBinary();
        using var temp = new TempFolder();
        using var proxy = ConnectProxy.Start();

        var push = await RunAsync(temp, proxy, [("HTTP_PROXY", proxy.Url)],
            Push(temp, $"{s_plain!.Host}/providers/${{hostname}}/${{namespace}}/${{type}}"));

        Assert.AreEqual(0, push.ExitCode, push.ToString());
        Assert.AreEqual(0, proxy.Connections);
    }

    [TestMethod]
    public async Task NoProxy_NamingTheRegistry_SendsItDirect()
    {
        var ca = Certificates.CaCertificate;
        using var temp = new TempFolder();
        using var proxy = ConnectProxy.Start();

        // Direct, the test-only name does not resolve: the failure itself shows the proxy was skipped.
        var push = await RunAsync(temp, proxy, [("NO_PROXY", "localhost,.tofumirror.test")], Push(temp, Template(s_tls!), "--ca-file", ca));

        Assert.AreEqual(1, push.ExitCode, push.ToString());
        StringAssert.Contains(push.Error, "could not reach " + TestCertificates.ProxiedHostName);
        Assert.AreEqual(0, proxy.Connections);
    }

    [TestMethod]
    public async Task UnreadableCaFile_IsReportedBeforeAnyRequest_NamingTheFile()
    {
        using var temp = new TempFolder();
        var missing = temp.Combine("corp-ca.pem");

        var push = await RunAsync(temp, null, [("TOFU_MIRROR_CA_FILE", missing)], Push(temp, "registry.example.invalid/providers/${hostname}/${namespace}/${type}"));

        Assert.AreEqual(1, push.ExitCode, push.ToString());
        StringAssert.Contains(push.Error, "TOFU0009");
        StringAssert.Contains(push.Error, missing + ": the CA bundle cannot be read");
        StringAssert.Contains(push.Error, "(named by TOFU_MIRROR_CA_FILE)");
    }
}
