using System;
using TofuMirror.Oci.Transport;

namespace TofuMirror.Oci.Auth;

/// <summary>
/// Decides whether a Bearer challenge's <c>realm</c> is a place credentials may be sent to: an absolute
/// HTTPS URL without user info, or plain HTTP only to a host listed in <see cref="OciClientOptions.InsecureHosts"/>.
/// </summary>
public sealed class RealmValidator
{
    private readonly OciClientOptions _options;

    public RealmValidator(OciClientOptions options) => _options = options ?? throw new ArgumentNullException(nameof(options));

    /// <summary>The realm as a URI, if it is safe to send credentials to; throws otherwise.</summary>
    public Uri Validate(string? realm, OciRequestContext context)
    {
        if (string.IsNullOrEmpty(realm) || !Uri.TryCreate(realm, UriKind.Absolute, out var uri)
            || (uri.Scheme != Uri.UriSchemeHttps && uri.Scheme != Uri.UriSchemeHttp))
        {
            throw Fill(new OciUnauthorizedException($"registry {context.Registry} asked for a token from an invalid realm \"{realm}\""), context);
        }

        // Loopback is no excuse here: on a shared machine any local user may listen on a loopback port.
        if (uri.Scheme == Uri.UriSchemeHttp && !_options.AllowsPlainHttpExplicitly(HostNames.AuthorityOf(uri)))
        {
            throw Fill(new OciInsecureTransportException(
                $"registry {context.Registry} asked for a token from {uri.GetLeftPart(UriPartial.Path)} over plain HTTP; refusing to send credentials there (list {HostNames.AuthorityOf(uri)} as an insecure host if this is intended)"), context);
        }

        if (!string.IsNullOrEmpty(uri.UserInfo))
            throw Fill(new OciUnauthorizedException($"registry {context.Registry} gave a token realm with embedded credentials; refusing it"), context);

        return uri;
    }

    private static OciException Fill(OciException e, OciRequestContext context)
    {
        e.Registry = context.Registry;
        e.Repository = context.Repository;
        return e;
    }
}
