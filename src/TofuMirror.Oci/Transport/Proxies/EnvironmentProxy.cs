using System;
using System.Collections.Generic;
using System.Net;

namespace TofuMirror.Oci.Transport.Proxies;

/// <summary>
/// The proxy named by <c>HTTPS_PROXY</c> / <c>HTTP_PROXY</c> (upper case first, then lower case) with <c>NO_PROXY</c>
/// exceptions, read as Go (and so OpenTofu) reads them: <c>https</c> URLs use only <c>HTTPS_PROXY</c>, a proxy without a
/// scheme is <c>http://</c>, and user:password in the proxy URL is answered to a proxy's 407.
/// Built from variables the caller gives, so a CLI run or a build uses its own environment.
/// </summary>
public sealed class EnvironmentProxy : IWebProxy
{
    private readonly Uri? _httpProxy;
    private readonly Uri? _httpsProxy;
    private readonly NoProxyList _noProxy;
    private readonly ProxyUserInfoCredentials _credentials;

    private EnvironmentProxy(Uri? httpProxy, Uri? httpsProxy, NoProxyList noProxy)
    {
        _httpProxy = httpProxy;
        _httpsProxy = httpsProxy;
        _noProxy = noProxy;
        _credentials = new ProxyUserInfoCredentials(httpProxy, httpsProxy);
    }

    /// <summary>The proxy the variables name, or null when neither <c>HTTPS_PROXY</c> nor <c>HTTP_PROXY</c> is set.</summary>
    /// <exception cref="FormatException">A proxy variable is not a URL.</exception>
    public static EnvironmentProxy? FromVariables(Func<string, string?> variable)
    {
        ArgumentNullException.ThrowIfNull(variable);
        var http = ParseProxy(variable, "HTTP_PROXY", "http_proxy");
        var https = ParseProxy(variable, "HTTPS_PROXY", "https_proxy");
        if (http is null && https is null) return null;
        return new EnvironmentProxy(http, https, NoProxyList.Parse(First(variable, "NO_PROXY", "no_proxy")));
    }

    public ICredentials? Credentials
    {
        get => _credentials;
        set => throw new NotSupportedException("Proxy credentials come from the proxy URL's user:password.");
    }

    public Uri? GetProxy(Uri destination)
    {
        ArgumentNullException.ThrowIfNull(destination);
        var proxy = string.Equals(destination.Scheme, Uri.UriSchemeHttps, StringComparison.OrdinalIgnoreCase) ? _httpsProxy : _httpProxy;
        if (proxy is null || _noProxy.Matches(destination)) return null;
        return proxy;
    }

    public bool IsBypassed(Uri host) => GetProxy(host) is null;

    private static Uri? ParseProxy(Func<string, string?> variable, string upper, string lower)
    {
        var text = First(variable, upper, lower);
        if (text is null) return null;
        var withScheme = text.Contains("://", StringComparison.Ordinal) ? text : "http://" + text;
        if (!Uri.TryCreate(withScheme, UriKind.Absolute, out var uri) || string.IsNullOrEmpty(uri.Host))
            // The value is not echoed: it may carry the proxy password.
            throw new FormatException($"{upper} is not a proxy URL; expected e.g. http://proxy.example.com:3128");
        return uri;
    }

    private static string? First(Func<string, string?> variable, string upper, string lower)
    {
        var value = variable(upper);
        if (string.IsNullOrWhiteSpace(value)) value = variable(lower);
        return string.IsNullOrWhiteSpace(value) ? null : value.Trim();
    }

    /// <summary>Answers a proxy's challenge with the user:password of that proxy's URL.</summary>
    private sealed class ProxyUserInfoCredentials : ICredentials
    {
        private readonly Dictionary<string, NetworkCredential> _byProxy = new(StringComparer.OrdinalIgnoreCase);

        public ProxyUserInfoCredentials(params Uri?[] proxies)
        {
            foreach (var proxy in proxies)
            {
                if (proxy is null || string.IsNullOrEmpty(proxy.UserInfo)) continue;
                var parts = proxy.UserInfo.Split(':', 2);
                _byProxy[proxy.GetLeftPart(UriPartial.Authority)] = new NetworkCredential(
                    Uri.UnescapeDataString(parts[0]), parts.Length > 1 ? Uri.UnescapeDataString(parts[1]) : string.Empty);
            }
        }

        public NetworkCredential? GetCredential(Uri uri, string authType)
        {
            foreach (var (proxy, credential) in _byProxy)
            {
                var known = new Uri(proxy);
                if (string.Equals(known.IdnHost, uri.IdnHost, StringComparison.OrdinalIgnoreCase) && known.Port == uri.Port) return credential;
            }
            return null;
        }
    }
}
