using System;
using System.Net;
using System.Net.Http;
using Microsoft.Extensions.Logging;
using TofuMirror.Oci.Auth;
using TofuMirror.Oci.Remote;
using TofuMirror.Oci.Transport.Proxies;
using TofuMirror.Oci.Transport.Tls;

namespace TofuMirror.Oci.Transport;

/// <summary>
/// Builds the HTTP stack of the OCI client: <see cref="RetryHandler"/> → <see cref="AuthHandler"/>
/// → <see cref="RedirectHandler"/> → the primary handler (a <see cref="SocketsHttpHandler"/> with
/// automatic redirects off, the configured or system proxy with loopback always direct, the system's CA store plus
/// <see cref="OciClientOptions.Tls"/>'s roots, and its client certificate). Create one factory
/// per process (it owns the connection pool and the token cache) and ask it for repositories.
/// </summary>
public sealed class OciClientFactory : IDisposable
{
    private readonly HttpMessageInvoker _invoker;

    public OciClientFactory(OciClientOptions? options = null, HttpMessageHandler? primaryHandler = null)
    {
        Options = options ?? new OciClientOptions();
        Tokens = new TokenCache(Options.Clock);
        _invoker = new HttpMessageInvoker(CreateHandlerChain(Options, Tokens, primaryHandler), disposeHandler: true);
    }

    public OciClientOptions Options { get; }

    /// <summary>The tokens and challenges learned so far (shared by every repository of this factory).</summary>
    public TokenCache Tokens { get; }

    /// <summary>The invoker that runs requests through the whole chain.</summary>
    public HttpMessageInvoker Invoker => _invoker;

    /// <summary>A client for <paramref name="repository"/> on <paramref name="registry"/> (<c>host[:port]</c>).</summary>
    public OciRepository CreateRepository(string registry, string repository) => new(_invoker, registry, repository, Options);

    /// <summary>The handler chain over <paramref name="primaryHandler"/> (or a fresh <see cref="SocketsHttpHandler"/>).</summary>
    public static HttpMessageHandler CreateHandlerChain(OciClientOptions options, TokenCache? tokens = null, HttpMessageHandler? primaryHandler = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        var loggers = options.LoggerFactory;
        var primary = primaryHandler ?? CreatePrimaryHandler(options);
        var redirect = new RedirectHandler(options, loggers?.CreateLogger<RedirectHandler>()) { InnerHandler = primary };
        var auth = new AuthHandler(options, tokens, loggers?.CreateLogger<AuthHandler>()) { InnerHandler = redirect };
        return new RetryHandler(options, loggers?.CreateLogger<RetryHandler>()) { InnerHandler = auth };
    }

    /// <summary>
    /// The primary handler alone: automatic redirects off, the configured or system proxy with loopback direct, and
    /// <see cref="OciClientOptions.Tls"/> (also what the origin-registry client of the mirror command sends over).
    /// </summary>
    public static SocketsHttpHandler CreatePrimaryHandler(OciClientOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        return new SocketsHttpHandler
        {
            AllowAutoRedirect = false,
            AutomaticDecompression = DecompressionMethods.None,
            PooledConnectionLifetime = TimeSpan.FromMinutes(5),
            ConnectTimeout = TimeSpan.FromSeconds(30),
            MaxConnectionsPerServer = 32,
            UseCookies = false,
            UseProxy = true,
            Proxy = new LoopbackBypassProxy(options.Proxy ?? HttpClient.DefaultProxy),
            SslOptions = TlsClientOptions.Create(options.Tls),
        };
    }

    public void Dispose() => _invoker.Dispose();
}
