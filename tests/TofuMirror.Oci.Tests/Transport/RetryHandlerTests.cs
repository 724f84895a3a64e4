using System;
using System.Collections.Generic;
using System.IO;
using System.Net;
using System.Net.Http;
using System.Net.Http.Headers;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.VisualStudio.TestTools.UnitTesting;
using TofuMirror.Oci.Transport;

namespace TofuMirror.Oci.Tests.Transport;

[TestClass]
public sealed class RetryHandlerTests
{
    private static readonly OciClientOptions Options = new()
    {
        MaxRetries = 3,
        RetryBaseDelay = TimeSpan.FromMilliseconds(100),
        RetryMaxDelay = TimeSpan.FromSeconds(1),
        RetryAfterCap = TimeSpan.FromSeconds(5),
    };

    private static (HttpMessageInvoker Invoker, List<TimeSpan> Waits) Build(FakeHandler fake)
    {
        var waits = new List<TimeSpan>();
        var handler = new RetryHandler(Options, null, (t, _) =>
        {
            waits.Add(t);
            return Task.CompletedTask;
        }) { InnerHandler = fake };
        return (new HttpMessageInvoker(handler), waits);
    }

    [TestMethod]
    public async Task RetriesServerErrorsThenSucceeds()
    {
        var fake = new FakeHandler((_, i) => new HttpResponseMessage(i < 2 ? HttpStatusCode.ServiceUnavailable : HttpStatusCode.OK));
        var (invoker, waits) = Build(fake);
        using var response = await invoker.SendAsync(new HttpRequestMessage(HttpMethod.Get, "https://r.test/v2/"), default);
        Assert.AreEqual(HttpStatusCode.OK, response.StatusCode);
        Assert.AreEqual(3, fake.Requests.Count);
        Assert.AreEqual(2, waits.Count);
        Assert.IsTrue(waits[0] >= TimeSpan.FromMilliseconds(100) && waits[0] <= TimeSpan.FromMilliseconds(150), waits[0].ToString());
        Assert.IsTrue(waits[1] >= TimeSpan.FromMilliseconds(200) && waits[1] <= TimeSpan.FromMilliseconds(300), waits[1].ToString());
    }

    [TestMethod]
    public async Task GivesUpAfterMaxRetriesWithLastResponse()
    {
        var fake = new FakeHandler((_, _) => new HttpResponseMessage(HttpStatusCode.BadGateway));
        var (invoker, waits) = Build(fake);
        using var response = await invoker.SendAsync(new HttpRequestMessage(HttpMethod.Head, "https://r.test/v2/"), default);
        Assert.AreEqual(HttpStatusCode.BadGateway, response.StatusCode);
        Assert.AreEqual(4, fake.Requests.Count);
        Assert.IsTrue(waits.TrueForAll(w => w <= Options.RetryMaxDelay));
    }

    [TestMethod]
    public async Task HonoursRetryAfterSecondsAndCapsIt()
    {
        var fake = new FakeHandler((_, i) =>
        {
            var r = new HttpResponseMessage(i < 2 ? HttpStatusCode.TooManyRequests : HttpStatusCode.OK);
            if (i == 0) r.Headers.RetryAfter = new RetryConditionHeaderValue(TimeSpan.FromSeconds(2));
            if (i == 1) r.Headers.RetryAfter = new RetryConditionHeaderValue(TimeSpan.FromSeconds(3600));
            return r;
        });
        var (invoker, waits) = Build(fake);
        using var response = await invoker.SendAsync(new HttpRequestMessage(HttpMethod.Get, "https://r.test/v2/"), default);
        Assert.AreEqual(HttpStatusCode.OK, response.StatusCode);
        CollectionAssert.AreEqual(new[] { TimeSpan.FromSeconds(2), TimeSpan.FromSeconds(5) }, waits);
    }

    [TestMethod]
    public async Task HonoursRetryAfterDate()
    {
        var fake = new FakeHandler((_, i) =>
        {
            var r = new HttpResponseMessage(i == 0 ? HttpStatusCode.TooManyRequests : HttpStatusCode.OK);
            if (i == 0) r.Headers.RetryAfter = new RetryConditionHeaderValue(DateTimeOffset.UtcNow.AddSeconds(3));
            return r;
        });
        var (invoker, waits) = Build(fake);
        using var response = await invoker.SendAsync(new HttpRequestMessage(HttpMethod.Get, "https://r.test/v2/"), default);
        Assert.AreEqual(1, waits.Count);
        Assert.IsTrue(waits[0] > TimeSpan.FromSeconds(1) && waits[0] <= TimeSpan.FromSeconds(3), waits[0].ToString());
    }

    [TestMethod]
    public async Task DoesNotRetryPostOnServerErrorButRetries429()
    {
        var fake = new FakeHandler((_, _) => new HttpResponseMessage(HttpStatusCode.InternalServerError));
        var (invoker, _) = Build(fake);
        using var response = await invoker.SendAsync(new HttpRequestMessage(HttpMethod.Post, "https://r.test/v2/x/blobs/uploads/"), default);
        Assert.AreEqual(1, fake.Requests.Count);

        var limited = new FakeHandler((_, i) => new HttpResponseMessage(i == 0 ? HttpStatusCode.TooManyRequests : HttpStatusCode.Accepted));
        var (invoker2, _) = Build(limited);
        using var accepted = await invoker2.SendAsync(new HttpRequestMessage(HttpMethod.Post, "https://r.test/v2/x/blobs/uploads/"), default);
        Assert.AreEqual(HttpStatusCode.Accepted, accepted.StatusCode);
        Assert.AreEqual(2, limited.Requests.Count);
    }

    [TestMethod]
    public async Task RetriesBrokenConnectionsOnIdempotentRequestsOnly()
    {
        var fake = new FakeHandler((_, i) => i == 0 ? throw new HttpRequestException("connection reset", new IOException("reset")) : new HttpResponseMessage(HttpStatusCode.OK));
        var (invoker, _) = Build(fake);
        using var response = await invoker.SendAsync(new HttpRequestMessage(HttpMethod.Get, "https://r.test/v2/"), default);
        Assert.AreEqual(HttpStatusCode.OK, response.StatusCode);

        var streaming = new FakeHandler(new Func<HttpRequestMessage, int, HttpResponseMessage>((_, _) => throw new HttpRequestException("connection reset")));
        var (invoker2, _) = Build(streaming);
        var put = new HttpRequestMessage(HttpMethod.Put, "https://r.test/v2/x/blobs/uploads/1") { Content = new StreamContent(new NonSeekable()) };
        await Assert.ThrowsExactlyAsync<HttpRequestException>(() => invoker2.SendAsync(put, default));
        Assert.AreEqual(1, streaming.Requests.Count);
    }

    [TestMethod]
    public async Task CancellationStopsRetrying()
    {
        using var cts = new CancellationTokenSource();
        var fake = new FakeHandler((HttpRequestMessage _, int _) =>
        {
            cts.Cancel();
            return new HttpResponseMessage(HttpStatusCode.ServiceUnavailable);
        });
        var handler = new RetryHandler(Options) { InnerHandler = fake };
        using var invoker = new HttpMessageInvoker(handler);
        await Assert.ThrowsAsync<OperationCanceledException>(() => invoker.SendAsync(new HttpRequestMessage(HttpMethod.Get, "https://r.test/v2/"), cts.Token));
        Assert.AreEqual(1, fake.Requests.Count);
    }

    private sealed class NonSeekable : MemoryStream
    {
        public override bool CanSeek => false;
    }
}
