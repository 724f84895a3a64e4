using System;
using System.IO;
using System.Linq;
using System.Net;
using System.Net.Http;
using System.Text;
using System.Threading.Tasks;
using Microsoft.VisualStudio.TestTools.UnitTesting;
using TofuMirror.Oci.Auth;
using TofuMirror.Oci.Content;
using TofuMirror.Oci.Tests.Transport;
using TofuMirror.Oci.Transport;
using TofuMirror.Testing.Registry;

namespace TofuMirror.Oci.Tests.Security;

/// <summary>URLs an HTTPS registry hands out (upload sessions, next pages, token realms) may not switch to plain HTTP.</summary>
[TestClass]
public sealed class SchemeDowngradeTests
{
    private const string Registry = "registry.test";

    private static OciClientFactory Factory(FakeHandler fake, OciClientOptions? options = null)
        => new((options ?? TestContent.FastOptions) with { Credentials = new StaticCredentialProvider(Registry, OciCredential.Basic("alice", "pw")) }, fake);

    private static HttpResponseMessage BasicChallenge()
    {
        var r = new HttpResponseMessage(HttpStatusCode.Unauthorized);
        r.Headers.TryAddWithoutValidation("WWW-Authenticate", "Basic realm=\"r\"");
        return r;
    }

    [TestMethod]
    public async Task UploadLocationOverPlainHttpIsRefused()
    {
        var fake = new FakeHandler((r, _) =>
        {
            if (r.Headers.Authorization is null) return BasicChallenge();
            if (r.Method == HttpMethod.Head) return new HttpResponseMessage(HttpStatusCode.NotFound);
            if (r.Method == HttpMethod.Post)
            {
                var started = new HttpResponseMessage(HttpStatusCode.Accepted);
                started.Headers.Location = new Uri("http://registry.test/v2/a/b/blobs/uploads/session-1");
                return started;
            }

            return new HttpResponseMessage(HttpStatusCode.Created);
        });
        using var factory = Factory(fake);
        var blob = TestContent.Blob(MediaTypes.ZipArchive, Encoding.UTF8.GetBytes("zip"));
        var e = await Assert.ThrowsExactlyAsync<OciInsecureTransportException>(() => factory.CreateRepository(Registry, "a/b").PushBlobAsync(blob.Descriptor, new MemoryStream(blob.Bytes), default));
        StringAssert.Contains(e.Message, "http://registry.test/");
        Assert.IsFalse(fake.Requests.Any(r => r.Uri.Scheme == "http"), string.Join("\n", fake.Requests.Select(r => r.Method + " " + r.Uri)));
    }

    [TestMethod]
    public async Task NextTagPageOverPlainHttpIsRefused()
    {
        var fake = new FakeHandler((r, _) =>
        {
            if (r.Headers.Authorization is null) return BasicChallenge();
            var page = new HttpResponseMessage(HttpStatusCode.OK) { Content = new StringContent("{\"tags\":[\"1.0.0\"]}") };
            page.Headers.TryAddWithoutValidation("Link", "<http://registry.test/v2/a/b/tags/list?last=1.0.0>; rel=\"next\"");
            return page;
        });
        using var factory = Factory(fake);
        await Assert.ThrowsExactlyAsync<OciInsecureTransportException>(() => factory.CreateRepository(Registry, "a/b").ListTagsAsync(default));
        Assert.IsFalse(fake.Requests.Any(r => r.Uri.Scheme == "http"), string.Join("\n", fake.Requests.Select(r => r.Method + " " + r.Uri)));
    }

    [TestMethod]
    public async Task CredentialsAreNotAttachedToTheRegistryHostOverAnotherScheme()
    {
        var fake = new FakeHandler((r, _) => r.Headers.Authorization is null
            ? BasicChallenge()
            : new HttpResponseMessage(HttpStatusCode.OK) { Content = new StringContent("{}") });
        using var factory = Factory(fake);
        Assert.IsTrue(await factory.CreateRepository(Registry, "a/b").PingAsync(default)); // learns that Basic works
        Assert.IsNotNull(fake.Requests.Last().Authorization);

        using var request = new HttpRequestMessage(HttpMethod.Get, "http://registry.test/v2/a/b/tags/list");
        OciRequestContext.Pull(Registry, "a/b").AttachTo(request);
        using var response = await factory.Invoker.SendAsync(request, default);
        Assert.AreEqual("http", fake.Requests.Last().Uri.Scheme);
        Assert.IsNull(fake.Requests.Last().Authorization, "the password went out over plain HTTP");
    }

    [TestMethod]
    public async Task LoopbackTokenRealmOverPlainHttpNeedsAnExplicitAllowance()
    {
        const string loopbackRegistry = "localhost:5000";
        var fake = new FakeHandler((r, _) =>
        {
            if (r.RequestUri!.Port == 5001)
                return new HttpResponseMessage(HttpStatusCode.OK) { Content = new StringContent("{\"token\":\"t\"}") };
            if (r.Headers.Authorization?.ToString() == "Bearer t")
                return new HttpResponseMessage(HttpStatusCode.OK) { Content = new StringContent("{\"tags\":[]}") };
            var challenge = new HttpResponseMessage(HttpStatusCode.Unauthorized);
            challenge.Headers.TryAddWithoutValidation("WWW-Authenticate", "Bearer realm=\"http://127.0.0.1:5001/token\",service=\"s\"");
            return challenge;
        });
        var credentials = new StaticCredentialProvider(loopbackRegistry, OciCredential.Basic("alice", "pw"));
        using (var factory = new OciClientFactory(TestContent.FastOptions with { Credentials = credentials }, fake))
        {
            var e = await Assert.ThrowsExactlyAsync<OciInsecureTransportException>(() => factory.CreateRepository(loopbackRegistry, "a/b").ListTagsAsync(default));
            StringAssert.Contains(e.Message, "127.0.0.1:5001");
            Assert.IsFalse(fake.Requests.Any(r => r.Uri.Port == 5001), "credentials went to a plain-HTTP realm nobody allowed");
        }

        using var allowed = new OciClientFactory(TestContent.FastOptions with { Credentials = credentials, InsecureHosts = new[] { "127.0.0.1:5001" } }, fake);
        await allowed.CreateRepository(loopbackRegistry, "a/b").ListTagsAsync(default);
        Assert.AreEqual(1, fake.Requests.Count(r => r.Uri.Port == 5001));
    }
}
