using System;
using System.Collections.Generic;
using System.Linq;
using System.Net.Http;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.AspNetCore.Http;

namespace TofuMirror.Testing.Registry;

/// <summary>
/// A forwarding proxy in front of the real registry. <see cref="Intercept"/> may answer a request
/// itself (fault injection) or return false to forward it. The upstream sees the proxy's host, so
/// the registry's absolute Location and Link URLs point back at the proxy.
/// </summary>
internal sealed class RegistryProxy : IAsyncDisposable
{
    private static readonly HashSet<string> HopByHop = new(StringComparer.OrdinalIgnoreCase)
    {
        "Connection", "Keep-Alive", "Transfer-Encoding", "Upgrade", "Proxy-Connection", "TE", "Trailer", "Host",
    };

    private readonly HttpClient _upstream = new(new SocketsHttpHandler { AllowAutoRedirect = false, UseCookies = false });
    private readonly string _target;
    private LoopbackServer? _server;
    private int _requestCount;

    private RegistryProxy(string target) => _target = target;

    public string Host => _server!.Host;

    public int RequestCount => _requestCount;

    /// <summary>Return true when the context was answered; false to forward.</summary>
    public Func<HttpContext, Task<bool>>? Intercept { get; set; }

    /// <summary>Rewrites a forwarded response body; gets the request path and the upstream bytes.</summary>
    public Func<HttpContext, HttpResponseMessage, Task<bool>>? Respond { get; set; }

    public static async Task<RegistryProxy> StartAsync(string targetHost)
    {
        var proxy = new RegistryProxy(targetHost);
        proxy._server = await LoopbackServer.StartAsync(proxy.HandleAsync);
        return proxy;
    }

    private async Task HandleAsync(HttpContext context)
    {
        Interlocked.Increment(ref _requestCount);
        if (Intercept is not null && await Intercept(context)) return;
        using var request = new HttpRequestMessage(new HttpMethod(context.Request.Method), $"http://{_target}{context.Request.Path}{context.Request.QueryString}");
        var hasBody = context.Request.ContentLength > 0 || context.Request.Headers.TransferEncoding.Count > 0
            || context.Request.Method is "PUT" or "PATCH" or "POST";
        if (hasBody) request.Content = new StreamContent(context.Request.Body);
        foreach (var header in context.Request.Headers)
        {
            if (HopByHop.Contains(header.Key)) continue;
            if (!request.Headers.TryAddWithoutValidation(header.Key, header.Value.ToArray()))
                request.Content?.Headers.TryAddWithoutValidation(header.Key, header.Value.ToArray());
        }

        request.Headers.Host = Host;
        using var response = await _upstream.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, context.RequestAborted);
        context.Response.StatusCode = (int)response.StatusCode;
        foreach (var header in response.Headers.Concat(response.Content.Headers))
        {
            if (HopByHop.Contains(header.Key)) continue;
            context.Response.Headers[header.Key] = header.Value.ToArray();
        }

        if (Respond is not null && await Respond(context, response)) return;
        if (context.Request.Method != "HEAD") await response.Content.CopyToAsync(context.Response.Body, context.RequestAborted);
    }

    public async ValueTask DisposeAsync()
    {
        if (_server is not null) await _server.DisposeAsync();
        _upstream.Dispose();
    }
}
