using System;

namespace TofuMirror.Oci.Transport.Tls;

/// <summary>
/// Recognises a server's TLS alert refusing the client's certificate (none sent, or one it does not accept). The TLS
/// stack reports it only as text (OpenSSL: "sslv3 alert bad certificate", "tlsv13 alert certificate required"), so this
/// looks for those alert names in the exception chain.
/// </summary>
public static class TlsAlerts
{
    private static readonly string[] ClientCertificateAlerts =
    [
        "alert bad certificate", "alert certificate required", "alert unknown ca", "alert certificate unknown",
        "alert certificate expired", "alert unsupported certificate", "alert certificate revoked",
    ];

    /// <summary>The alert's name when <paramref name="exception"/> is a server refusing the client certificate; otherwise null.</summary>
    public static string? ClientCertificateAlert(Exception exception)
    {
        for (var inner = exception; inner is not null; inner = inner.InnerException)
        {
            foreach (var alert in ClientCertificateAlerts)
                if (inner.Message.Contains(alert, StringComparison.OrdinalIgnoreCase)) return alert["alert ".Length..];
        }
        return null;
    }

    /// <summary>What went wrong and what to do, for a refused client certificate.</summary>
    public static string DescribeRefusal(string alert, string registry, bool sentCertificate) => sentCertificate
        ? $"{registry} refused the TLS client certificate (TLS alert: {alert}); check that --client-cert (MSBuild: TofuClientCertificateFile) " +
          "is issued by a certificate authority the registry trusts, is valid now and is meant for client authentication"
        : $"{registry} requires a TLS client certificate (TLS alert: {alert}); pass one with --client-cert and --client-key " +
          "(MSBuild: TofuClientCertificateFile and TofuClientKeyFile)";
}
