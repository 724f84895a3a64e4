using System;
using System.Collections.Concurrent;
using System.IO;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.AspNetCore.Http;
using Microsoft.VisualStudio.TestTools.UnitTesting;
using TofuMirror.Oci.Content;
using TofuMirror.Oci.Transport;
using TofuMirror.Testing.Registry;

namespace TofuMirror.Oci.Tests.Security;

/// <summary>A server that sends part of a body and then goes silent must not hang the client.</summary>
[TestClass]
public sealed class StalledBodyTests
{
    private static readonly OciClientOptions Options = TestContent.FastOptions with { BodyIdleTimeout = TimeSpan.FromMilliseconds(500) };

    private static async Task StallAsync(HttpContext context, byte[] body, int sendFirst)
    {
        context.Response.ContentLength = body.Length;
        await context.Response.Body.WriteAsync(body.AsMemory(0, sendFirst));
        await context.Response.Body.FlushAsync();
        try
        {
            await Task.Delay(TimeSpan.FromSeconds(30), context.RequestAborted);
        }
        catch (OperationCanceledException)
        {
            // the client gave up on us: what the test wants
        }
    }

    [TestMethod]
    public async Task StalledBlobDownloadResumesWithRange()
    {
        var blob = TestContent.RandomBytes(200_000, 21);
        var ranges = new ConcurrentQueue<string>();
        await using var server = await LoopbackServer.StartAsync(async context =>
        {
            var range = context.Request.Headers.Range.ToString();
            ranges.Enqueue(range);
            if (range.Length == 0)
            {
                await StallAsync(context, blob, blob.Length / 2);
                return;
            }

            var from = int.Parse(range["bytes=".Length..^1], System.Globalization.CultureInfo.InvariantCulture);
            context.Response.StatusCode = 206;
            context.Response.Headers.ContentRange = $"bytes {from}-{blob.Length - 1}/{blob.Length}";
            await context.Response.Body.WriteAsync(blob.AsMemory(from));
        });
        using var factory = new OciClientFactory(Options);
        var descriptor = new Descriptor(MediaTypes.ZipArchive, Digest.Compute(blob), blob.Length);
        using var giveUp = new CancellationTokenSource(TimeSpan.FromSeconds(15));
        using var sink = new MemoryStream();
        await factory.CreateRepository(server.Host, "a/b").FetchBlobAsync(descriptor, sink, giveUp.Token);
        CollectionAssert.AreEqual(blob, sink.ToArray());
        Assert.AreEqual(2, ranges.Count);
        Assert.AreEqual($"bytes={blob.Length / 2}-", ranges.ToArray()[1]);
    }

    [TestMethod]
    public async Task StalledManifestIsAnUnavailableError()
    {
        var manifest = System.Text.Encoding.UTF8.GetBytes("{\"schemaVersion\":2,\"mediaType\":\"application/vnd.oci.image.index.v1+json\",\"manifests\":[]}");
        await using var server = await LoopbackServer.StartAsync(context => StallAsync(context, manifest, 10));
        using var factory = new OciClientFactory(Options);
        var descriptor = new Descriptor(MediaTypes.ImageIndex, Digest.Compute(manifest), manifest.Length);
        using var giveUp = new CancellationTokenSource(TimeSpan.FromSeconds(15));
        var e = await Assert.ThrowsExactlyAsync<OciUnavailableException>(() => factory.CreateRepository(server.Host, "a/b").FetchManifestAsync(descriptor, giveUp.Token));
        StringAssert.Contains(e.Message, "no data");
        Assert.IsFalse(giveUp.IsCancellationRequested);
    }
}
