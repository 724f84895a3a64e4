using System.Security.Cryptography.X509Certificates;

namespace TofuMirror.Oci.Transport.Tls;

/// <summary>
/// TLS material for registries beyond the system's defaults: extra trusted certificate authorities (added to, never
/// replacing, the system's roots) and a client certificate for registries that ask for one (mutual TLS).
/// </summary>
public sealed record RegistryTls
{
    public static readonly RegistryTls SystemDefaults = new();

    /// <summary>Certificate authorities trusted in addition to the system's.</summary>
    public X509Certificate2Collection AdditionalRoots { get; init; } = new();

    /// <summary>Sent to every server that requests a client certificate; null sends none.</summary>
    public X509Certificate2? ClientCertificate { get; init; }

    /// <summary>Intermediate certificates sent along with <see cref="ClientCertificate"/>.</summary>
    public X509Certificate2Collection ClientCertificateChain { get; init; } = new();
}
