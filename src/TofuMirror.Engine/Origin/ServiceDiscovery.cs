using System;
using System.Collections.Concurrent;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;
using TofuMirror.Model.CliConfig;
using TofuMirror.Model.Diagnostics;

namespace TofuMirror.Engine.Origin;

/// <summary>
/// Finds a host's <c>providers.v1</c> service as OpenTofu does: a <c>host</c> block in the CLI configuration wins;
/// otherwise <c>GET https://HOST/.well-known/terraform.json</c> (http for loopback or insecure hosts) must answer 200 with a JSON object, and a relative
/// service URL resolves against the document's final URL (after redirects). Results are cached per instance (per run).
/// </summary>
public sealed class ServiceDiscovery
{
    public const string ProvidersService = "providers.v1";

    private readonly OriginHttp _http;
    private readonly OriginHostSettings _hosts;
    private readonly ConcurrentDictionary<string, Task<Uri>> _cache = new(StringComparer.Ordinal);

    public ServiceDiscovery(OriginHttp http, OriginHostSettings hosts)
    {
        _http = http ?? throw new ArgumentNullException(nameof(http));
        _hosts = hosts ?? throw new ArgumentNullException(nameof(hosts));
    }

    /// <summary>The base URL of <paramref name="host"/>'s provider registry service (ending in <c>/</c>).</summary>
    public Task<Uri> ProvidersBaseAsync(string host, CancellationToken cancellationToken)
    {
        if (!ServiceHostName.TryNormalize(host, out var normalized, out var error))
            throw new OriginException(DiagnosticCodes.OriginDiscoveryFailed, $"Cannot discover services of \"{OriginText.Server(host)}\": {error}");
        return _cache.GetOrAdd(normalized, h => DiscoverAsync(h, cancellationToken));
    }

    private async Task<Uri> DiscoverAsync(string host, CancellationToken cancellationToken)
    {
        var context = $"Service discovery for {host}";
        if (_hosts.Hosts.TryGetValue(host, out var block))
        {
            if (!block.Services.TryGetValue(ProvidersService, out var configured))
                throw new OriginException(DiagnosticCodes.OriginDiscoveryFailed, $"{context}: the host block at {block.Range} has no \"{ProvidersService}\" service");
            return Resolve(new Uri("https://" + host + "/"), configured, $"{context} (host block at {block.Range})");
        }
        // https, except for loopback (or explicitly insecure) hosts, as the registry commands choose the scheme.
        var wellKnown = new Uri(_http.Options.Transport.SchemeFor(host) + "://" + host + "/.well-known/terraform.json");
        OriginDocument? document;
        try
        {
            document = await _http.GetDocumentAsync(wellKnown, null, context, cancellationToken).ConfigureAwait(false);
        }
        catch (OriginException e) when (e.Code is DiagnosticCodes.OriginUnavailable or DiagnosticCodes.OriginMalformedResponse or DiagnosticCodes.OriginUnauthorized)
        {
            throw new OriginException(DiagnosticCodes.OriginDiscoveryFailed, e.Message, e);
        }
        if (document is null)
            throw new OriginException(DiagnosticCodes.OriginDiscoveryFailed, $"{context}: {OriginText.Url(wellKnown)} answered 404; {host} is not a provider registry (add a host block to name its services)");
        string? service;
        try
        {
            using var json = JsonDocument.Parse(document.Body);
            if (json.RootElement.ValueKind != JsonValueKind.Object)
                throw new OriginException(DiagnosticCodes.OriginDiscoveryFailed, $"{context}: {OriginText.Url(document.Url)} is not a JSON object");
            service = json.RootElement.TryGetProperty(ProvidersService, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;
        }
        catch (JsonException)
        {
            throw new OriginException(DiagnosticCodes.OriginDiscoveryFailed, $"{context}: {OriginText.Url(document.Url)} is not valid JSON");
        }
        if (string.IsNullOrEmpty(service))
            throw new OriginException(DiagnosticCodes.OriginDiscoveryFailed, $"{context}: {host} offers no \"{ProvidersService}\" service");
        return Resolve(document.Url, service!, context);
    }

    private Uri Resolve(Uri against, string service, string context)
    {
        if (!Uri.TryCreate(against, service, out var url))
            throw new OriginException(DiagnosticCodes.OriginDiscoveryFailed, $"{context}: \"{OriginText.Server(service)}\" is not a valid service URL");
        if (!url.AbsolutePath.EndsWith('/')) url = new UriBuilder(url) { Path = url.AbsolutePath + "/" }.Uri;
        _http.EnsureAllowedScheme(url, context);
        return url;
    }
}
