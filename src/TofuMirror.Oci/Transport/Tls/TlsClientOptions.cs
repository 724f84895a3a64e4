using System.Net.Security;

namespace TofuMirror.Oci.Transport.Tls;

/// <summary>The client side of the TLS handshake for <see cref="RegistryTls"/>.</summary>
internal static class TlsClientOptions
{
    public static SslClientAuthenticationOptions Create(RegistryTls tls)
    {
        var options = new SslClientAuthenticationOptions
        {
            RemoteCertificateValidationCallback = new ServerCertificateValidator(tls.AdditionalRoots).Validate,
        };
        if (tls.ClientCertificate is { } certificate)
            options.ClientCertificateContext = SslStreamCertificateContext.Create(certificate, tls.ClientCertificateChain, offline: true);
        return options;
    }
}
