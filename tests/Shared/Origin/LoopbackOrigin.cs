using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Threading.Tasks;
using Microsoft.AspNetCore.Http;
using TofuMirror.Testing.Registry;

namespace TofuMirror.Testing.Origin;

/// <summary>One request the loopback origin answered.</summary>
internal sealed record OriginAccess(string Method, string Path, bool HadAuthorization, string? Authorization, string? Range = null);

/// <summary>
/// A fault injected for one path: a status code, or the body cut after <see cref="TruncateAfter"/> bytes (for the first
/// <see cref="TruncateTimes"/> answers).
/// </summary>
internal sealed record OriginFault(int? Status = null, int? TruncateAfter = null, string? RedirectTo = null, int TruncateTimes = int.MaxValue);

/// <summary>
/// A static-file origin on 127.0.0.1 (the shared Kestrel <see cref="LoopbackServer"/>): serves a folder, logs every
/// request, injects faults per path and can require a bearer token. <c>.json</c> files go out as <c>application/json</c>.
/// </summary>
internal sealed class LoopbackOrigin : IAsyncDisposable
{
    private readonly LoopbackServer _server;
    private readonly ConcurrentQueue<OriginAccess> _log = new();

    private LoopbackOrigin(LoopbackServer server, string root)
    {
        _server = server;
        Root = root;
    }

    public string Root { get; }

    public int Port => _server.Port;

    /// <summary><c>http://127.0.0.1:PORT/</c>.</summary>
    public Uri BaseUrl => new("http://127.0.0.1:" + Port + "/");

    /// <summary>The same server named <c>localhost</c>: a different host for token scoping.</summary>
    public Uri LocalhostUrl => new("http://localhost:" + Port + "/");

    /// <summary>Faults by request path (e.g. <c>/v1/providers/acme/widget/versions</c>).</summary>
    public ConcurrentDictionary<string, OriginFault> Faults { get; } = new(StringComparer.Ordinal);

    /// <summary>
    /// When set, <c>Range: bytes=N-</c> gets 206 with the file from N; otherwise the whole file, as servers that ignore
    /// ranges answer.
    /// </summary>
    public bool ServesRanges { get; set; }

    private readonly ConcurrentDictionary<string, int> _truncations = new(StringComparer.Ordinal);

    /// <summary>When set, requests without <c>Authorization: Bearer</c> this token get 401.</summary>
    public string? RequiredToken { get; set; }

    public IReadOnlyList<OriginAccess> Log => _log.ToArray();

    public IEnumerable<OriginAccess> Requests(string path) => _log.Where(a => a.Path == path);

    public static async Task<LoopbackOrigin> StartAsync(string root)
    {
        LoopbackOrigin? origin = null;
        var server = await LoopbackServer.StartAsync(context => origin!.HandleAsync(context));
        origin = new LoopbackOrigin(server, root);
        return origin;
    }

    private async Task HandleAsync(HttpContext context)
    {
        var path = context.Request.Path.Value ?? "/";
        var authorization = context.Request.Headers.Authorization.ToString();
        var range = context.Request.Headers.Range.ToString();
        _log.Enqueue(new OriginAccess(context.Request.Method, path, authorization.Length > 0, authorization.Length > 0 ? authorization : null, range.Length > 0 ? range : null));
        Faults.TryGetValue(path, out var fault);
        if (fault?.Status is int status && fault.RedirectTo is null)
        {
            context.Response.StatusCode = status;
            await context.Response.WriteAsync("injected fault ##vso[task.setvariable]\u001b[31m");
            return;
        }
        if (fault?.RedirectTo is { } target)
        {
            context.Response.StatusCode = fault.Status ?? 302;
            context.Response.Headers.Location = target;
            return;
        }
        if (RequiredToken is not null && authorization != "Bearer " + RequiredToken)
        {
            context.Response.StatusCode = 401;
            return;
        }
        var file = Path.GetFullPath(Path.Combine(Root, Uri.UnescapeDataString(path.TrimStart('/'))));
        if (!file.StartsWith(Path.GetFullPath(Root), StringComparison.Ordinal) || !File.Exists(file))
        {
            context.Response.StatusCode = 404;
            return;
        }
        var bytes = await File.ReadAllBytesAsync(file);
        context.Response.ContentType = file.EndsWith(".json", StringComparison.Ordinal) ? "application/json" : "application/octet-stream";
        var body = bytes.AsMemory();
        if (ServesRanges && range.StartsWith("bytes=", StringComparison.Ordinal) && range.EndsWith('-')
            && int.TryParse(range["bytes=".Length..^1], out var start) && start < bytes.Length)
        {
            context.Response.StatusCode = 206;
            context.Response.Headers.ContentRange = $"bytes {start}-{bytes.Length - 1}/{bytes.Length}";
            body = body[start..];
        }
        context.Response.ContentLength = body.Length;
        if (fault?.TruncateAfter is int cut && _truncations.AddOrUpdate(path, 1, (_, n) => n + 1) <= fault.TruncateTimes)
        {
            await context.Response.Body.WriteAsync(body[..Math.Min(cut, body.Length)]);
            await context.Response.Body.FlushAsync();
            await Task.Delay(50); // lets the headers and the first bytes leave before the connection is cut
            context.Abort();
            return;
        }
        await context.Response.Body.WriteAsync(body);
    }

    public ValueTask DisposeAsync() => _server.DisposeAsync();
}
