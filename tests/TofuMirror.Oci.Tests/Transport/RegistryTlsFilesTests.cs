using System.IO;
using Microsoft.VisualStudio.TestTools.UnitTesting;
using TofuMirror.Oci.Transport.Tls;
using TofuMirror.Testing;
using TofuMirror.Testing.Registry;

namespace TofuMirror.Oci.Tests.Transport;

/// <summary>Bad TLS files are refused with the file named and what to do.</summary>
[TestClass]
public sealed class RegistryTlsFilesTests
{
    [TestMethod]
    public void MissingCaFile_NamesTheFile()
    {
        using var temp = new TempFolder();
        var path = temp.Combine("missing.pem");

        var error = Assert.ThrowsExactly<RegistryTlsFileException>(() => new RegistryTlsFiles(path, null, null).Load());

        Assert.AreEqual(path, error.Path);
        StringAssert.StartsWith(error.Message, path + ": the CA bundle cannot be read");
    }

    [TestMethod]
    public void CaFileWithoutPemCertificates_SaysWhatItNeeds()
    {
        using var temp = new TempFolder();
        var path = temp.WriteFile("ca.der", "not a certificate");

        var error = Assert.ThrowsExactly<RegistryTlsFileException>(() => new RegistryTlsFiles(path, null, null).Load());

        StringAssert.Contains(error.Message, "holds no PEM certificate (-----BEGIN CERTIFICATE-----)");
    }

    [TestMethod]
    public void CaBundle_KeepsEveryCertificate()
    {
        using var temp = new TempFolder();
        var first = TestCertificates.Create(temp.Combine("a"));
        var second = TestCertificates.Create(temp.Combine("b"));
        var bundle = temp.WriteFile("bundle.pem", File.ReadAllText(first.CaCertificate) + File.ReadAllText(second.CaCertificate));

        var tls = new RegistryTlsFiles(bundle, null, null).Load();

        Assert.AreEqual(2, tls.AdditionalRoots.Count);
        Assert.IsNull(tls.ClientCertificate);
    }

    [TestMethod]
    public void ClientCertificateWithItsKey_Loads_WithTheKeyOfAnotherCertificate_Fails()
    {
        using var temp = new TempFolder();
        var pki = TestCertificates.Create(temp.Combine("pki"));

        var tls = new RegistryTlsFiles(null, pki.ClientCertificate, pki.ClientKey).Load();
        Assert.IsTrue(tls.ClientCertificate!.HasPrivateKey);
        Assert.AreEqual("CN=tofumirror-test-client", tls.ClientCertificate.Subject);

        var error = Assert.ThrowsExactly<RegistryTlsFileException>(() => new RegistryTlsFiles(null, pki.ClientCertificate, pki.ServerKey).Load());
        Assert.AreEqual(pki.ServerKey, error.Path);
        StringAssert.Contains(error.Message, "that matches the client certificate " + pki.ClientCertificate);
    }

    [TestMethod]
    public void ClientCertificateWithoutKey_AsksForTheKeyFile()
    {
        using var temp = new TempFolder();
        var pki = TestCertificates.Create(temp.Combine("pki"));

        var error = Assert.ThrowsExactly<RegistryTlsFileException>(() => new RegistryTlsFiles(null, pki.ClientCertificate, null).Load());

        StringAssert.Contains(error.Message, "--client-key");
    }

    [TestMethod]
    public void KeyWithoutCertificate_IsRefused()
    {
        using var temp = new TempFolder();
        var key = temp.WriteFile("client.key", "x");

        var error = Assert.ThrowsExactly<RegistryTlsFileException>(() => new RegistryTlsFiles(null, null, key).Load());

        StringAssert.Contains(error.Message, "without a client certificate");
    }
}
