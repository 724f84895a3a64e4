using System;
using System.Linq;
using System.Net.Security;
using System.Security.Cryptography.X509Certificates;

namespace TofuMirror.Oci.Transport.Tls;

/// <summary>
/// Accepts a server certificate the system trusts, or one that chains to a certificate authority of
/// <see cref="RegistryTls.AdditionalRoots"/>; the host name must match either way. A rejection throws an
/// <see cref="OciTlsException"/> saying what is wrong and how to fix it (the TLS stack's own message only says "rejected").
/// </summary>
internal sealed class ServerCertificateValidator
{
    private readonly X509Certificate2Collection _additionalRoots;

    public ServerCertificateValidator(X509Certificate2Collection additionalRoots) => _additionalRoots = additionalRoots;

    public bool Validate(object sender, X509Certificate? certificate, X509Chain? chain, SslPolicyErrors errors)
    {
        if (errors == SslPolicyErrors.None) return true;
        var host = (sender as SslStream)?.TargetHostName ?? "the registry";
        if (certificate is null || errors.HasFlag(SslPolicyErrors.RemoteCertificateNotAvailable))
            throw new OciTlsException($"TLS with {host} failed: the server sent no certificate");
        var subject = certificate.Subject;
        if (errors.HasFlag(SslPolicyErrors.RemoteCertificateNameMismatch))
            throw new OciTlsException($"TLS with {host} failed: its certificate ({subject}) is not valid for the name {host}; " +
                                      "use the registry name the certificate was issued for (its subjectAltName)");

        var problems = ChainProblems(chain);
        if (_additionalRoots.Count > 0)
        {
            if (BuildWithAdditionalRoots(certificate, chain, out problems)) return true;
            throw new OciTlsException($"TLS with {host} failed: its certificate ({subject}, issued by {certificate.Issuer}) is not trusted: {problems}; " +
                                      "neither the system's certificate authorities nor those of the CA file (--ca-file / TofuCaFile / TOFU_MIRROR_CA_FILE) issued it");
        }
        throw new OciTlsException($"TLS with {host} failed: its certificate ({subject}, issued by {certificate.Issuer}) is not trusted: {problems}; " +
                                  "if the registry uses a private certificate authority, pass its certificate with --ca-file (MSBuild: TofuCaFile; environment: TOFU_MIRROR_CA_FILE)");
    }

    private bool BuildWithAdditionalRoots(X509Certificate certificate, X509Chain? presented, out string problems)
    {
        using var chain = new X509Chain();
        chain.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
        chain.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
        chain.ChainPolicy.CustomTrustStore.AddRange(_additionalRoots);
        chain.ChainPolicy.ExtraStore.AddRange(_additionalRoots);
        if (presented is not null)
        {
            chain.ChainPolicy.ExtraStore.AddRange(presented.ChainPolicy.ExtraStore);
            foreach (var element in presented.ChainElements) chain.ChainPolicy.ExtraStore.Add(element.Certificate);
        }
        using var leaf = new X509Certificate2(certificate);
        var trusted = chain.Build(leaf);
        problems = ChainProblems(chain);
        return trusted;
    }

    private static string ChainProblems(X509Chain? chain)
    {
        var statuses = chain?.ChainStatus.Where(s => s.Status != X509ChainStatusFlags.NoError)
            .Select(s => $"{s.Status} ({s.StatusInformation.Trim()})").Distinct().ToList();
        return statuses is { Count: > 0 } ? string.Join(", ", statuses) : "the certificate chain does not validate";
    }
}
