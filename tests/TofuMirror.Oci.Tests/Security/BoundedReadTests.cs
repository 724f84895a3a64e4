using System;
using System.IO;
using System.Net;
using System.Net.Http;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.VisualStudio.TestTools.UnitTesting;
using TofuMirror.Oci.Auth;
using TofuMirror.Oci.Remote;
using TofuMirror.Oci.Tests.Transport;
using TofuMirror.Oci.Transport;
using TofuMirror.Testing.Registry;

namespace TofuMirror.Oci.Tests.Security;

/// <summary>Tag lists and token responses are read only up to their limit, not buffered whole first.</summary>
[TestClass]
public sealed class BoundedReadTests
{
    private const string Registry = "registry.test";
    private const int Slack = 1024 * 1024;

    /// <summary>An endless-looking body of JSON whitespace that counts what was read from it.</summary>
    private sealed class CountingBody : Stream
    {
        private readonly long _length;
        private long _served;

        public CountingBody(long length) => _length = length;

        public long Served => Interlocked.Read(ref _served);

        public override int Read(byte[] buffer, int offset, int count)
        {
            var n = (int)Math.Min(count, _length - _served);
            Array.Fill(buffer, (byte)' ', offset, n);
            Interlocked.Add(ref _served, n);
            return n;
        }

        public override bool CanRead => true;

        public override bool CanSeek => false;

        public override bool CanWrite => false;

        public override long Length => throw new NotSupportedException();

        public override long Position { get => _served; set => throw new NotSupportedException(); }

        public override void Flush()
        {
        }

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();

        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    }

    [TestMethod]
    public async Task TagListReadingStopsAtTheLimit()
    {
        var body = new CountingBody(OciTagStore.MaxTagListBytes + (8 * Slack));
        var fake = new FakeHandler((_, _) => new HttpResponseMessage(HttpStatusCode.OK) { Content = new StreamContent(body) });
        using var factory = new OciClientFactory(TestContent.FastOptions, fake);
        await Assert.ThrowsExactlyAsync<OciSizeLimitException>(() => factory.CreateRepository(Registry, "a/b").ListTagsAsync(default));
        Assert.IsTrue(body.Served <= OciTagStore.MaxTagListBytes + Slack, $"read {body.Served} bytes");
    }

    [TestMethod]
    public async Task HeadOfABlobLargerThanTheBufferLimitIsFine()
    {
        var size = (long)RepositoryConnection.MaxBufferedBytes * 100;
        var fake = new FakeHandler((_, _) =>
        {
            var found = new HttpResponseMessage(HttpStatusCode.OK) { Content = new ByteArrayContent(Array.Empty<byte>()) };
            found.Content.Headers.ContentLength = size;
            return found;
        });
        using var factory = new OciClientFactory(TestContent.FastOptions, fake);
        var digest = TofuMirror.Oci.Content.Digest.Compute(new byte[] { 1 });
        Assert.IsTrue(await factory.CreateRepository(Registry, "a/b").BlobExistsAsync(digest, default));
    }

    [TestMethod]
    public async Task TokenResponseReadingStopsAtTheLimit()
    {
        var body = new CountingBody(TokenService.MaxResponseBytes + (8 * Slack));
        var fake = new FakeHandler((r, _) =>
        {
            if (r.RequestUri!.Host == "auth.test") return new HttpResponseMessage(HttpStatusCode.OK) { Content = new StreamContent(body) };
            var challenge = new HttpResponseMessage(HttpStatusCode.Unauthorized);
            challenge.Headers.TryAddWithoutValidation("WWW-Authenticate", "Bearer realm=\"https://auth.test/token\",service=\"s\"");
            return challenge;
        });
        using var factory = new OciClientFactory(TestContent.FastOptions, fake);
        var e = await Assert.ThrowsExactlyAsync<OciUnauthorizedException>(() => factory.CreateRepository(Registry, "a/b").ListTagsAsync(default));
        StringAssert.Contains(e.Message, "auth.test");
        Assert.IsTrue(body.Served <= TokenService.MaxResponseBytes + Slack, $"read {body.Served} bytes");
    }
}
