using System;
using System.Collections.Concurrent;
using System.Diagnostics;
using System.IO;
using System.Linq;
using System.Text;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.AspNetCore.Http;
using Microsoft.VisualStudio.TestTools.UnitTesting;
using TofuMirror.Oci.Content;
using TofuMirror.Oci.Transport;
using TofuMirror.Testing.Registry;

namespace TofuMirror.Oci.Tests.Registry;

/// <summary>The real registry behind a proxy that paginates, fails, corrupts and cuts connections.</summary>
[TestClass]
public sealed class ProxiedRegistryTests
{
    private static readonly ClassRegistry s_registry = new();

    [ClassCleanup]
    public static void Stop() => s_registry.Dispose();

    private static RegistryProcess Registry => s_registry.Process;

    private static async Task<string[]> PushTagsAsync(IOciRepositoryStore repo, int count)
    {
        var blob = TestContent.Blob(MediaTypes.ImageConfig, Encoding.UTF8.GetBytes("{}"));
        await repo.PushBlobAsync(blob.Descriptor, new MemoryStream(blob.Bytes), default);
        var manifest = OciJsonWriter.Serialize(new OciImageManifest { Config = blob.Descriptor });
        var tags = Enumerable.Range(0, count).Select(i => $"1.{i / 10}.{i % 10}").ToArray();
        foreach (var tag in tags) await repo.PushManifestAsync(manifest, MediaTypes.ImageManifest, tag, default);
        return tags;
    }

    [TestMethod]
    public async Task ListsMoreThanOneHundredTagsDirectlyAndThroughPaginatingProxy()
    {
        using var factory = new OciClientFactory(TestContent.FastOptions);
        var direct = factory.CreateRepository(Registry.Host, "paging/tags");
        var tags = await PushTagsAsync(direct, 120);
        var expected = tags.OrderBy(t => t, StringComparer.Ordinal).ToArray();
        // registry 2.8 ignores n and answers in storage order: all tags, one page.
        var listed = (await direct.ListTagsAsync(pageSize: 10, last: null, default)).OrderBy(t => t, StringComparer.Ordinal).ToArray();
        CollectionAssert.AreEqual(expected, listed);

        await using var proxy = await RegistryProxy.StartAsync(Registry.Host);
        var pages = 0;
        proxy.Intercept = async context =>
        {
            if (!context.Request.Path.Value!.EndsWith("/tags/list", StringComparison.Ordinal)) return false;
            pages++;
            var n = int.Parse(context.Request.Query["n"].FirstOrDefault() ?? "7", System.Globalization.CultureInfo.InvariantCulture);
            var last = context.Request.Query["last"].FirstOrDefault();
            var page = expected.Where(t => last is null || string.CompareOrdinal(t, last) > 0).Take(n).ToArray();
            if (page.Length == n && page[^1] != expected[^1])
            {
                // Alternate relative and absolute next links.
                var next = $"/v2/paging/tags/tags/list?n={n}&last={Uri.EscapeDataString(page[^1])}";
                context.Response.Headers["Link"] = pages % 2 == 0 ? $"<http://{proxy.Host}{next}>; rel=\"next\"" : $"<{next}>; rel=\"next\"";
            }

            context.Response.ContentType = "application/json";
            await context.Response.WriteAsync(System.Text.Json.JsonSerializer.Serialize(new { name = "paging/tags", tags = page }));
            return true;
        };
        var proxied = factory.CreateRepository(proxy.Host, "paging/tags");
        CollectionAssert.AreEqual(expected, (await proxied.ListTagsAsync(default)).ToArray());
        Assert.AreEqual(18, pages); // 120 tags, 7 per page
        pages = 0;
        CollectionAssert.AreEqual(expected.Skip(100).ToArray(), (await proxied.ListTagsAsync(pageSize: 50, last: expected[99], default)).ToArray());
        Assert.AreEqual(1, pages);
    }

    [TestMethod]
    public async Task SurvivesServerErrorsAndRateLimits()
    {
        await using var proxy = await RegistryProxy.StartAsync(Registry.Host);
        var failures = 0;
        proxy.Intercept = async context =>
        {
            var n = Interlocked.Increment(ref failures);
            if (n > 3) return false;
            context.Response.StatusCode = n == 3 ? 429 : 500;
            if (n == 3) context.Response.Headers["Retry-After"] = "1";
            await context.Response.WriteAsync("{\"errors\":[{\"code\":\"UNAVAILABLE\",\"message\":\"try later\"}]}");
            return true;
        };
        using var factory = new OciClientFactory(TestContent.FastOptions);
        var repo = factory.CreateRepository(proxy.Host, "flaky/provider");
        var clock = Stopwatch.StartNew();
        var pushed = await TestContent.PushProviderAsync(repo, "1.0.0", TestContent.RandomBytes(5000, 3));
        Assert.IsTrue(clock.Elapsed >= TimeSpan.FromSeconds(0.9), "Retry-After: 1 was honoured");
        Assert.AreEqual(pushed.Index.Digest, (await repo.ResolveAsync("1.0.0", default)).Digest);

        failures = 0;
        proxy.Intercept = context =>
        {
            context.Response.StatusCode = 503;
            return Task.FromResult(true);
        };
        var e = await Assert.ThrowsExactlyAsync<OciUnavailableException>(() => repo.ResolveAsync("1.0.0", default));
        Assert.AreEqual(System.Net.HttpStatusCode.ServiceUnavailable, e.StatusCode);
        Assert.AreEqual(proxy.Host, e.Registry);
        Assert.AreEqual("1.0.0", e.Reference);
    }

    [TestMethod]
    public async Task CorruptBlobIsRejectedAndNoFileAppears()
    {
        using var factory = new OciClientFactory(TestContent.FastOptions);
        var zip = TestContent.RandomBytes(300_000, 4);
        var pushed = await TestContent.PushProviderAsync(factory.CreateRepository(Registry.Host, "corrupt/provider"), "1.0.0", zip);
        await using var proxy = await RegistryProxy.StartAsync(Registry.Host);
        proxy.Respond = async (context, upstream) =>
        {
            if (!context.Request.Path.Value!.Contains("/blobs/", StringComparison.Ordinal) || context.Request.Method != "GET") return false;
            var bytes = await upstream.Content.ReadAsByteArrayAsync();
            bytes[1234] ^= 0x55;
            await context.Response.Body.WriteAsync(bytes);
            return true;
        };
        var repo = factory.CreateRepository(proxy.Host, "corrupt/provider");
        var target = Path.Combine(Path.GetTempPath(), "tofumirror-corrupt-" + Guid.NewGuid().ToString("N") + ".zip");
        var e = await Assert.ThrowsExactlyAsync<OciDigestMismatchException>(() => repo.FetchBlobToFileAsync(pushed.Zip, target, default));
        var reportedExpected = e.Expected;
        Assert.AreEqual(pushed.Zip.Digest.ToString(), reportedExpected);
        Assert.AreEqual(Digest.Compute(Flip(zip)).ToString(), e.Actual);
        Assert.IsFalse(File.Exists(target));
        Assert.AreEqual(0, Directory.GetFiles(Path.GetTempPath(), Path.GetFileName(target) + "*").Length);

        await using var stream = await repo.OpenBlobAsync(pushed.Zip, default);
        await Assert.ThrowsExactlyAsync<OciDigestMismatchException>(() => stream.CopyToAsync(Stream.Null));
    }

    private static byte[] Flip(byte[] zip)
    {
        var copy = (byte[])zip.Clone();
        copy[1234] ^= 0x55;
        return copy;
    }

    [TestMethod]
    public async Task InterruptedDownloadResumesWithRange()
    {
        using var factory = new OciClientFactory(TestContent.FastOptions);
        var zip = TestContent.RandomBytes(3_000_000, 5);
        var pushed = await TestContent.PushProviderAsync(factory.CreateRepository(Registry.Host, "resume/provider"), "1.0.0", zip);
        await using var proxy = await RegistryProxy.StartAsync(Registry.Host);
        var ranges = new ConcurrentQueue<string>();
        var cuts = 0;
        proxy.Respond = async (context, upstream) =>
        {
            if (!context.Request.Path.Value!.Contains("/blobs/", StringComparison.Ordinal) || context.Request.Method != "GET") return false;
            ranges.Enqueue(context.Request.Headers.Range.ToString());
            if (Interlocked.Increment(ref cuts) > 2) return false;
            var stream = await upstream.Content.ReadAsStreamAsync();
            var buffer = new byte[700_000];
            var read = 0;
            while (read < buffer.Length)
            {
                var n = await stream.ReadAsync(buffer.AsMemory(read));
                if (n == 0) break;
                read += n;
            }

            await context.Response.Body.WriteAsync(buffer.AsMemory(0, read));
            await context.Response.Body.FlushAsync();
            context.Abort();
            return true;
        };
        var repo = factory.CreateRepository(proxy.Host, "resume/provider");
        using var sink = new MemoryStream();
        await repo.FetchBlobAsync(pushed.Zip, sink, default);
        CollectionAssert.AreEqual(zip, sink.ToArray());
        var seen = ranges.ToArray();
        Assert.AreEqual(3, seen.Length);
        Assert.AreEqual(string.Empty, seen[0]);
        // The cut may lose bytes in flight; each resume starts where the client's data ended.
        var first = long.Parse(seen[1]["bytes=".Length..^1], System.Globalization.CultureInfo.InvariantCulture);
        var second = long.Parse(seen[2]["bytes=".Length..^1], System.Globalization.CultureInfo.InvariantCulture);
        Assert.IsTrue(first is > 0 and <= 700_000, seen[1]);
        Assert.IsTrue(second > first && second <= first + 700_000, seen[2]);

        // Without resumes allowed, the broken transfer is an error.
        cuts = 0;
        using var strict = new OciClientFactory(TestContent.FastOptions with { MaxResumeAttempts = 0 });
        var e = await Assert.ThrowsExactlyAsync<OciUnavailableException>(() => strict.CreateRepository(proxy.Host, "resume/provider").FetchBlobAsync(pushed.Zip, new MemoryStream(), default));
        StringAssert.Contains(e.Message, "of 3000000 bytes and 0 resumes");
    }

    [TestMethod]
    public async Task ChunkedUploadUsesPatchRequests()
    {
        await using var proxy = await RegistryProxy.StartAsync(Registry.Host);
        var patches = 0;
        proxy.Intercept = context =>
        {
            if (context.Request.Method == "PATCH")
            {
                Interlocked.Increment(ref patches);
                Assert.IsTrue(context.Request.Headers.ContainsKey("Content-Range"));
            }

            return Task.FromResult(false);
        };
        using var factory = new OciClientFactory(TestContent.FastOptions with { ChunkedUploadThreshold = 1024 * 1024, UploadChunkSize = 256 * 1024 });
        var repo = factory.CreateRepository(proxy.Host, "chunked/provider");
        var blob = TestContent.Blob(MediaTypes.ZipArchive, TestContent.RandomBytes(1_500_000, 6));
        Assert.AreEqual(BlobPushResult.Uploaded, await repo.PushBlobAsync(blob.Descriptor, new MemoryStream(blob.Bytes), default));
        Assert.AreEqual(6, patches);
        using var back = new MemoryStream();
        await factory.CreateRepository(Registry.Host, "chunked/provider").FetchBlobAsync(blob.Descriptor, back, default);
        CollectionAssert.AreEqual(blob.Bytes, back.ToArray());

        // Content that does not match its descriptor is never committed.
        var lying = blob.Descriptor with { Digest = Digest.Compute(new byte[] { 9 }) };
        await Assert.ThrowsExactlyAsync<OciDigestMismatchException>(() => repo.PushBlobAsync(lying, new MemoryStream(blob.Bytes), default));
        Assert.IsFalse(await repo.BlobExistsAsync(lying, default));
    }

    [TestMethod]
    public async Task MountsAcrossRepositoriesAndFallsBackToUpload()
    {
        using var factory = new OciClientFactory(TestContent.FastOptions);
        var blob = TestContent.Blob(MediaTypes.ZipArchive, TestContent.RandomBytes(10_000, 7));
        var source = factory.CreateRepository(Registry.Host, "mount/source");
        await source.PushBlobAsync(blob.Descriptor, new MemoryStream(blob.Bytes), default);
        var target = factory.CreateRepository(Registry.Host, "mount/target");
        Assert.AreEqual(BlobPushResult.Mounted, await target.PushBlobAsync(blob.Descriptor, new MemoryStream(blob.Bytes), "mount/source", default));
        Assert.IsTrue(await target.BlobExistsAsync(blob.Descriptor, default));

        var other = TestContent.Blob(MediaTypes.ZipArchive, TestContent.RandomBytes(10_000, 8));
        Assert.AreEqual(BlobPushResult.Uploaded, await target.PushBlobAsync(other.Descriptor, new MemoryStream(other.Bytes), "mount/source", default));
        Assert.IsTrue(await target.BlobExistsAsync(other.Descriptor, default));
    }

    [TestMethod]
    public async Task ConcurrentPushesOfTheSameProviderAgree()
    {
        var zip = TestContent.RandomBytes(2_000_000, 9);
        var results = await Task.WhenAll(Enumerable.Range(0, 6).Select(async _ =>
        {
            using var factory = new OciClientFactory(TestContent.FastOptions);
            return await TestContent.PushProviderAsync(factory.CreateRepository(Registry.Host, "concurrent/provider"), "2.0.0", zip);
        }));
        Assert.AreEqual(1, results.Select(r => r.Index.Digest).Distinct().Count());
        using var reader = new OciClientFactory(TestContent.FastOptions);
        var repo = reader.CreateRepository(Registry.Host, "concurrent/provider");
        Assert.AreEqual(results[0].Index.Digest, (await repo.ResolveAsync("2.0.0", default)).Digest);
        using var back = new MemoryStream();
        await repo.FetchBlobAsync(results[0].Zip, back, default);
        CollectionAssert.AreEqual(zip, back.ToArray());
    }

    [TestMethod]
    public async Task MissingThingsAreNotFoundWithContext()
    {
        using var factory = new OciClientFactory(TestContent.FastOptions);
        var repo = factory.CreateRepository(Registry.Host, "does/not/exist");
        var e = await Assert.ThrowsExactlyAsync<OciNotFoundException>(() => repo.ListTagsAsync(default));
        CollectionAssert.Contains(e.ErrorCodes.ToList(), "NAME_UNKNOWN");
        Assert.AreEqual("does/not/exist", e.Repository);
        var m = await Assert.ThrowsExactlyAsync<OciNotFoundException>(() => repo.ResolveAsync("9.9.9", default));
        Assert.AreEqual("9.9.9", m.Reference);
        StringAssert.Contains(m.Message, Registry.Host + "/does/not/exist:9.9.9");
    }
}
