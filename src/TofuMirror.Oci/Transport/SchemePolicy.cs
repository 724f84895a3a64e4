using System;

namespace TofuMirror.Oci.Transport;

/// <summary>URLs a registry hands out (upload sessions, next pages) keep the registry's scheme: no HTTPS to HTTP downgrade.</summary>
internal static class SchemePolicy
{
    /// <summary>Throws unless <paramref name="target"/> is HTTPS, or HTTP from an HTTP registry or to an explicitly insecure host.</summary>
    public static void EnsureNoDowngrade(Uri registryBase, Uri target, OciClientOptions options, string what)
    {
        if (target.Scheme != Uri.UriSchemeHttps && target.Scheme != Uri.UriSchemeHttp)
            throw new OciProtocolException($"{what} points to {RetryHandler.Redact(target)}: unsupported scheme {target.Scheme}");
        if (target.Scheme == Uri.UriSchemeHttps || registryBase.Scheme == Uri.UriSchemeHttp) return;
        if (options.AllowsPlainHttpExplicitly(HostNames.AuthorityOf(target))) return;
        throw new OciInsecureTransportException(
            $"{what} points to {RetryHandler.Redact(target)} over plain HTTP although {HostNames.AuthorityOf(registryBase)} is reached over HTTPS; "
            + $"refusing it (list {HostNames.AuthorityOf(target)} as an insecure host if this is intended)");
    }
}
