using System;
using System.Net;
using System.Net.Http;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace TofuMirror.Oci.Transport;

/// <summary>
/// Follows redirects itself (the primary handler has auto-redirect off) so that credentials stay
/// on their host: the <c>Authorization</c> header is removed as soon as the target is another
/// scheme, host or port (registries redirect blob downloads to storage), and a redirect from
/// HTTPS to plain HTTP is refused unless the target may be reached over HTTP.
/// </summary>
public sealed class RedirectHandler : DelegatingHandler
{
    private readonly OciClientOptions _options;
    private readonly ILogger _logger;

    public RedirectHandler(OciClientOptions options, ILogger? logger = null)
    {
        _options = options ?? throw new ArgumentNullException(nameof(options));
        _logger = logger ?? NullLogger.Instance;
    }

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var original = request.RequestUri!;
        var current = request;
        for (var hop = 0; ; hop++)
        {
            var response = await base.SendAsync(current, cancellationToken).ConfigureAwait(false);
            response.RequestMessage ??= current; // who answered: the auth handler acts only on its registry's own answers
            if (!IsRedirect(response.StatusCode) || response.Headers.Location is null) return response;
            if (hop >= _options.MaxRedirects)
            {
                response.Dispose();
                throw new OciProtocolException($"too many redirects (more than {_options.MaxRedirects}) starting at {RetryHandler.Redact(original)}");
            }

            var target = response.Headers.Location.IsAbsoluteUri
                ? response.Headers.Location
                : new Uri(current.RequestUri!, response.Headers.Location);
            if (target.Scheme != Uri.UriSchemeHttps && target.Scheme != Uri.UriSchemeHttp)
            {
                response.Dispose();
                throw new OciProtocolException($"refusing redirect to unsupported scheme {target.Scheme}");
            }

            if (target.Scheme == Uri.UriSchemeHttp && current.RequestUri!.Scheme == Uri.UriSchemeHttps
                && !_options.AllowsPlainHttp(HostNames.AuthorityOf(target)))
            {
                response.Dispose();
                throw new OciInsecureTransportException(
                    $"refusing redirect from HTTPS to plain HTTP ({RetryHandler.Redact(target)}); add the host to the insecure hosts if this is intended");
            }

            var status = response.StatusCode;
            response.Dispose();
            _logger.LogDebug("redirect {Status} to {Target}", (int)status, RetryHandler.Redact(target));
            var next = new HttpRequestMessage(KeepsMethod(status, current.Method) ? current.Method : HttpMethod.Get, target)
            {
                Version = current.Version,
                VersionPolicy = current.VersionPolicy,
            };
            if (KeepsMethod(status, current.Method)) next.Content = current.Content;
            foreach (var header in current.Headers)
            {
                next.Headers.TryAddWithoutValidation(header.Key, header.Value);
            }

            foreach (var option in current.Options) ((System.Collections.Generic.IDictionary<string, object?>)next.Options)[option.Key] = option.Value;

            // Credentials belong to the origin of the first request only.
            if (!HostNames.SameOrigin(original, target)) next.Headers.Authorization = null;
            current = next;
        }
    }

    private static bool IsRedirect(HttpStatusCode status)
        => status is HttpStatusCode.MovedPermanently or HttpStatusCode.Found or HttpStatusCode.SeeOther
            or HttpStatusCode.TemporaryRedirect or HttpStatusCode.PermanentRedirect;

    private static bool KeepsMethod(HttpStatusCode status, HttpMethod method)
        => status is HttpStatusCode.TemporaryRedirect or HttpStatusCode.PermanentRedirect
            || method == HttpMethod.Get || method == HttpMethod.Head;
}
