using System;
using System.Collections.Generic;
using System.Net.Http;
using System.Threading;
using System.Threading.Tasks;

namespace TofuMirror.Oci.Tests.Transport;

/// <summary>A primary handler that answers from a function and records what it was sent.</summary>
internal sealed class FakeHandler : HttpMessageHandler
{
    private readonly Func<HttpRequestMessage, int, Task<HttpResponseMessage>> _answer;

    public FakeHandler(Func<HttpRequestMessage, int, HttpResponseMessage> answer)
        => _answer = (r, i) => Task.FromResult(answer(r, i));

    public FakeHandler(Func<HttpRequestMessage, int, Task<HttpResponseMessage>> answer) => _answer = answer;

    public List<Seen> Requests { get; } = new();

    public sealed record Seen(HttpMethod Method, Uri Uri, string? Authorization, string? Body);

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var body = request.Content is null ? null : await request.Content.ReadAsStringAsync(cancellationToken);
        int index;
        lock (Requests)
        {
            Requests.Add(new Seen(request.Method, request.RequestUri!, request.Headers.Authorization?.ToString(), body));
            index = Requests.Count - 1;
        }

        var response = await _answer(request, index);
        response.RequestMessage ??= request;
        return response;
    }
}
