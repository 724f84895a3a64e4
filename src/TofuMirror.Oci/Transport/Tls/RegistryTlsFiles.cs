using System;
using System.IO;
using System.Linq;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace TofuMirror.Oci.Transport.Tls;

/// <summary>The PEM files a user names for registry TLS: a CA bundle, and a client certificate with its key.</summary>
public sealed record RegistryTlsFiles(string? CaFile, string? ClientCertificateFile, string? ClientKeyFile)
{
    public static readonly RegistryTlsFiles None = new(null, null, null);

    public bool IsEmpty => CaFile is null && ClientCertificateFile is null && ClientKeyFile is null;

    /// <summary>Reads the files; throws <see cref="RegistryTlsFileException"/> naming the file and what is wrong with it.</summary>
    public RegistryTls Load()
    {
        if (ClientKeyFile is not null && ClientCertificateFile is null)
            throw new RegistryTlsFileException(ClientKeyFile, "a client key was given without a client certificate; pass the certificate too (--client-cert / TofuClientCertificateFile)");
        var roots = CaFile is null ? new X509Certificate2Collection() : ReadCertificates(CaFile, "CA bundle");
        if (ClientCertificateFile is null) return new RegistryTls { AdditionalRoots = roots };

        var chain = ReadCertificates(ClientCertificateFile, "client certificate");
        var certificate = ReadClientCertificate(ClientCertificateFile, ClientKeyFile);
        return new RegistryTls
        {
            AdditionalRoots = roots,
            ClientCertificate = certificate,
            ClientCertificateChain = new X509Certificate2Collection(chain.Skip(1).ToArray()),
        };
    }

    private static X509Certificate2Collection ReadCertificates(string path, string what)
    {
        var text = ReadText(path, what);
        var certificates = new X509Certificate2Collection();
        try
        {
            certificates.ImportFromPem(text);
        }
        catch (CryptographicException e)
        {
            throw new RegistryTlsFileException(path, $"the {what} has a PEM certificate that cannot be read ({e.Message})");
        }
        if (certificates.Count == 0)
            throw new RegistryTlsFileException(path, $"the {what} holds no PEM certificate (-----BEGIN CERTIFICATE-----); convert a DER file with 'openssl x509 -inform der -in FILE -out FILE.pem'");
        return certificates;
    }

    private static X509Certificate2 ReadClientCertificate(string certificateFile, string? keyFile)
    {
        var keyPath = keyFile ?? certificateFile;
        var keyText = ReadText(keyPath, "client key");
        if (keyText.Contains("-----BEGIN ENCRYPTED PRIVATE KEY-----", StringComparison.Ordinal))
            throw new RegistryTlsFileException(keyPath, "the client key is encrypted; give an unencrypted PEM key (e.g. 'openssl pkey -in KEY -out KEY.plain.pem') kept readable only by the build account");
        X509Certificate2 certificate;
        try
        {
            certificate = X509Certificate2.CreateFromPem(ReadText(certificateFile, "client certificate"), keyText);
        }
        catch (Exception e) when (e is CryptographicException or ArgumentException)
        {
            throw new RegistryTlsFileException(keyPath, keyFile is null
                ? $"no usable private key for the client certificate in it ({e.Message}); pass the key file with --client-key / TofuClientKeyFile"
                : $"the client key is not an unencrypted PEM key (RSA, EC or PKCS#8) that matches the client certificate {certificateFile} ({e.Message})");
        }

        // Windows' TLS stack cannot use the ephemeral key PEM loading gives; a PKCS#12 round trip persists it for the process.
        return OperatingSystem.IsWindows() ? new X509Certificate2(certificate.Export(X509ContentType.Pkcs12)) : certificate;
    }

    private static string ReadText(string path, string what)
    {
        try
        {
            return File.ReadAllText(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new RegistryTlsFileException(path, $"the {what} cannot be read ({e.Message})");
        }
    }
}

/// <summary>A TLS file the user named is missing or unusable.</summary>
public sealed class RegistryTlsFileException : Exception
{
    public RegistryTlsFileException(string path, string problem) : base($"{path}: {problem}")
    {
        Path = path;
    }

    public string Path { get; }
}
