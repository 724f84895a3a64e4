using System;
using System.Linq;
using System.Net;
using System.Net.Http;
using System.Text;
using System.Threading.Tasks;
using Microsoft.VisualStudio.TestTools.UnitTesting;
using TofuMirror.Oci.Auth;
using TofuMirror.Testing.Registry;
using TofuMirror.Oci.Tests.Transport;
using TofuMirror.Oci.Transport;

namespace TofuMirror.Oci.Tests.Auth;

/// <summary>The handshake through the whole handler chain, against a fake primary handler.</summary>
[TestClass]
public sealed class AuthHandlerTests
{
    private const string Registry = "registry.test";
    private const string Tags = "{\"name\":\"a/b\",\"tags\":[\"1.0.0\"]}";

    private static HttpResponseMessage Challenge(string header)
    {
        var r = new HttpResponseMessage(HttpStatusCode.Unauthorized)
        {
            Content = new StringContent("{\"errors\":[{\"code\":\"UNAUTHORIZED\",\"message\":\"authentication required\"}]}"),
        };
        r.Headers.TryAddWithoutValidation("WWW-Authenticate", header);
        return r;
    }

    private static HttpResponseMessage Json(string json) => new(HttpStatusCode.OK) { Content = new StringContent(json, Encoding.UTF8, "application/json") };

    private static OciClientFactory Factory(FakeHandler fake, OciCredential credential)
        => new(TestContent.FastOptions with { Credentials = new StaticCredentialProvider(Registry, credential) }, fake);

    private const string BearerChallenge = "Bearer realm=\"https://auth.test/token?account=x\",service=\"registry.test\",scope=\"repository:a/b:pull\"";

    [TestMethod]
    public async Task BearerTokenFetchedWithBasicCredentialsThenCached()
    {
        var fake = new FakeHandler((r, _) => r.RequestUri!.Host switch
        {
            "auth.test" => Json("{\"token\":\"tok-1\",\"access_token\":\"\"}"),
            _ => r.Headers.Authorization?.ToString() == "Bearer tok-1" ? Json(Tags) : Challenge(BearerChallenge),
        });
        using var factory = Factory(fake, OciCredential.Basic("alice", "s3cret"));
        var repo = factory.CreateRepository(Registry, "a/b");
        CollectionAssert.AreEqual(new[] { "1.0.0" }, (await repo.ListTagsAsync(default)).ToArray());

        Assert.AreEqual(3, fake.Requests.Count);
        var token = fake.Requests[1];
        Assert.AreEqual("auth.test", token.Uri.Host);
        Assert.AreEqual("?account=x&scope=repository%3Aa%2Fb%3Apull&service=registry.test", token.Uri.Query);
        Assert.AreEqual("Basic " + Convert.ToBase64String(Encoding.UTF8.GetBytes("alice:s3cret")), token.Authorization);
        Assert.AreEqual("Bearer tok-1", fake.Requests[2].Authorization);

        // Second call: token sent up front, no 401 round trip.
        await repo.ListTagsAsync(default);
        Assert.AreEqual(4, fake.Requests.Count);
        Assert.AreEqual("Bearer tok-1", fake.Requests[3].Authorization);
    }

    [TestMethod]
    public async Task PushScopeMergesWithChallengeAndMountSource()
    {
        var fake = new FakeHandler((r, _) => r.RequestUri!.Host switch
        {
            "auth.test" => Json("{\"access_token\":\"tok-push\"}"),
            _ when r.Headers.Authorization is null => Challenge("Bearer realm=\"https://auth.test/token\",service=\"registry.test\",scope=\"repository:a/b:push,pull\""),
            _ => new HttpResponseMessage(HttpStatusCode.Created),
        });
        using var factory = Factory(fake, OciCredential.None);
        using var request = new HttpRequestMessage(HttpMethod.Post, "https://registry.test/v2/a/b/blobs/uploads/?mount=x&from=c/d");
        OciRequestContext.Push(Registry, "a/b", "c/d").AttachTo(request);
        using var response = await factory.Invoker.SendAsync(request, default);
        Assert.AreEqual(HttpStatusCode.Created, response.StatusCode);
        var token = fake.Requests.Single(r => r.Uri.Host == "auth.test");
        Assert.AreEqual("?scope=repository%3Aa%2Fb%3Apull%2Cpush&scope=repository%3Ac%2Fd%3Apull&service=registry.test", token.Uri.Query);
        Assert.IsNull(token.Authorization, "anonymous token request");
    }

    [TestMethod]
    public async Task RefreshTokenUsesOAuth2Post()
    {
        var fake = new FakeHandler((r, _) => r.RequestUri!.Host switch
        {
            "auth.test" => Json("{\"access_token\":\"tok-oauth\"}"),
            _ => r.Headers.Authorization?.ToString() == "Bearer tok-oauth" ? Json(Tags) : Challenge(BearerChallenge),
        });
        using var factory = Factory(fake, OciCredential.Tokens(null, "refresh-123"));
        await factory.CreateRepository(Registry, "a/b").ListTagsAsync(default);
        var post = fake.Requests.Single(r => r.Uri.Host == "auth.test");
        Assert.AreEqual(HttpMethod.Post, post.Method);
        Assert.AreEqual("grant_type=refresh_token&refresh_token=refresh-123&service=registry.test&scope=repository%3Aa%2Fb%3Apull&client_id=tofumirror", post.Body);
    }

    [TestMethod]
    public async Task StaticAccessTokenIsUsedDirectly()
    {
        var fake = new FakeHandler((r, _) => r.Headers.Authorization?.ToString() == "Bearer static-tok" ? Json(Tags) : Challenge(BearerChallenge));
        using var factory = Factory(fake, OciCredential.Tokens("static-tok", "refresh"));
        await factory.CreateRepository(Registry, "a/b").ListTagsAsync(default);
        Assert.IsFalse(fake.Requests.Any(r => r.Uri.Host == "auth.test"));
    }

    [TestMethod]
    public async Task EmptyTokenIsAnError()
    {
        var fake = new FakeHandler((r, _) => r.RequestUri!.Host == "auth.test" ? Json("{\"token\":\"\"}") : Challenge(BearerChallenge));
        using var factory = Factory(fake, OciCredential.None);
        var e = await Assert.ThrowsExactlyAsync<OciUnauthorizedException>(() => factory.CreateRepository(Registry, "a/b").ListTagsAsync(default));
        StringAssert.Contains(e.Message, "empty token returned");
        Assert.AreEqual(Registry, e.Registry);
    }

    [TestMethod]
    public async Task PlainHttpRealmIsRefusedBeforeSendingCredentials()
    {
        var fake = new FakeHandler((r, _) => r.RequestUri!.Host == "auth.test" ? Json("{\"token\":\"t\"}") : Challenge("Bearer realm=\"http://auth.test/token\",service=\"s\""));
        using var factory = Factory(fake, OciCredential.Basic("alice", "s3cret"));
        var e = await Assert.ThrowsExactlyAsync<OciInsecureTransportException>(() => factory.CreateRepository(Registry, "a/b").ListTagsAsync(default));
        Assert.IsFalse(fake.Requests.Any(r => r.Uri.Host == "auth.test"));
        Assert.IsFalse(e.Message.Contains("s3cret"));
    }

    [TestMethod]
    public async Task BasicChallengeResendsWithCredentialsAndReportsRefusal()
    {
        var fake = new FakeHandler((r, _) => r.Headers.Authorization is null ? Challenge("Basic realm=\"Registry\"") : Challenge("Basic realm=\"Registry\""));
        using var factory = Factory(fake, OciCredential.Basic("alice", "wrong-password"));
        var e = await Assert.ThrowsExactlyAsync<OciUnauthorizedException>(() => factory.CreateRepository(Registry, "a/b").ListTagsAsync(default));
        Assert.AreEqual(2, fake.Requests.Count);
        Assert.AreEqual(HttpStatusCode.Unauthorized, e.StatusCode);
        CollectionAssert.Contains(e.ErrorCodes.ToList(), "UNAUTHORIZED");
        StringAssert.Contains(e.Message, "refused the credentials");
        Assert.IsFalse(e.Message.Contains("wrong-password"));
        Assert.IsFalse(e.ToString().Contains("wrong-password"));
    }

    [TestMethod]
    public async Task StaleCachedTokenIsReplacedOnce()
    {
        var valid = "tok-1";
        var fake = new FakeHandler((r, _) => r.RequestUri!.Host switch
        {
            "auth.test" => Json("{\"token\":\"" + valid + "\"}"),
            _ => r.Headers.Authorization?.ToString() == "Bearer " + valid ? Json(Tags) : Challenge(BearerChallenge),
        });
        using var factory = Factory(fake, OciCredential.None);
        var repo = factory.CreateRepository(Registry, "a/b");
        await repo.ListTagsAsync(default);
        valid = "tok-2"; // the registry no longer accepts tok-1
        await repo.ListTagsAsync(default);
        Assert.AreEqual("Bearer tok-1", fake.Requests[3].Authorization);
        Assert.AreEqual("auth.test", fake.Requests[4].Uri.Host);
        Assert.AreEqual("Bearer tok-2", fake.Requests[5].Authorization);
    }

    private sealed class ManualClock : TimeProvider
    {
        public DateTimeOffset Now { get; set; } = new(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);

        public override DateTimeOffset GetUtcNow() => Now;
    }

    [TestMethod]
    [DataRow("", 55, true, DisplayName = "no expires_in: 60 s default, refreshed before it runs out")]
    [DataRow(",\"expires_in\":300", 55, false, DisplayName = "expires_in 300: still good after 55 s")]
    [DataRow(",\"expires_in\":300", 295, true, DisplayName = "expires_in 300: refreshed before it runs out")]
    public async Task TokenIsRefreshedBeforeItExpires(string expiresIn, int laterSeconds, bool refreshed)
    {
        var clock = new ManualClock();
        var issued = 0;
        var fake = new FakeHandler((r, _) => r.RequestUri!.Host switch
        {
            "auth.test" => Json("{\"token\":\"tok-" + ++issued + "\"" + expiresIn + "}"),
            _ => r.Headers.Authorization?.ToString() == "Bearer tok-" + issued ? Json(Tags) : Challenge(BearerChallenge),
        });
        using var factory = new OciClientFactory(TestContent.FastOptions with { Clock = clock }, fake);
        var repo = factory.CreateRepository(Registry, "a/b");
        await repo.ListTagsAsync(default);
        Assert.AreEqual(3, fake.Requests.Count); // 401, token, 200

        clock.Now += TimeSpan.FromSeconds(laterSeconds);
        await repo.ListTagsAsync(default);
        var after = fake.Requests.Skip(3).ToList();
        if (refreshed)
        {
            // A new token is fetched up front: no request goes out with a dying token, no 401 round trip.
            Assert.AreEqual(2, after.Count, string.Join(", ", after.Select(r => r.Uri + " " + r.Authorization)));
            Assert.AreEqual("auth.test", after[0].Uri.Host);
            Assert.AreEqual("Bearer tok-2", after[1].Authorization);
        }
        else
        {
            Assert.AreEqual(1, after.Count);
            Assert.AreEqual("Bearer tok-1", after[0].Authorization);
        }
    }

    [TestMethod]
    public async Task RedirectToStorageDropsAuthorizationButSameHostKeepsIt()
    {
        var fake = new FakeHandler((r, _) =>
        {
            if (r.RequestUri!.Host == "storage.test") return new HttpResponseMessage(HttpStatusCode.OK) { Content = new ByteArrayContent(new byte[] { 1, 2, 3 }) };
            if (r.Headers.Authorization is null) return Challenge("Basic realm=\"r\"");
            if (r.RequestUri.AbsolutePath.EndsWith("/moved", StringComparison.Ordinal)) return Json(Tags);
            var redirect = new HttpResponseMessage(HttpStatusCode.TemporaryRedirect);
            redirect.Headers.Location = r.RequestUri.AbsolutePath.Contains("tags", StringComparison.Ordinal)
                ? new Uri("/v2/a/b/moved", UriKind.Relative)
                : new Uri("https://storage.test/bucket/blob?sig=1");
            return redirect;
        });
        using var factory = Factory(fake, OciCredential.Basic("alice", "pw"));
        var repo = factory.CreateRepository(Registry, "a/b");
        await repo.ListTagsAsync(default);
        var moved = fake.Requests.Last();
        Assert.AreEqual("/v2/a/b/moved", moved.Uri.AbsolutePath);
        Assert.IsNotNull(moved.Authorization, "same-host redirect keeps credentials");

        var bytes = new byte[] { 1, 2, 3 };
        var descriptor = new TofuMirror.Oci.Content.Descriptor("archive/zip", TofuMirror.Oci.Content.Digest.Compute(bytes), 3);
        using var sink = new System.IO.MemoryStream();
        await repo.FetchBlobAsync(descriptor, sink, default);
        var storage = fake.Requests.Last();
        Assert.AreEqual("storage.test", storage.Uri.Host);
        Assert.IsNull(storage.Authorization, "credentials must not follow a redirect to another host");
    }

    [TestMethod]
    public async Task HttpsToHttpRedirectIsRefused()
    {
        var fake = new FakeHandler((r, _) =>
        {
            var redirect = new HttpResponseMessage(HttpStatusCode.Found);
            redirect.Headers.Location = new Uri("http://evil.test/v2/a/b/tags/list");
            return redirect;
        });
        using var factory = Factory(fake, OciCredential.None);
        await Assert.ThrowsExactlyAsync<OciInsecureTransportException>(() => factory.CreateRepository(Registry, "a/b").ListTagsAsync(default));
        Assert.AreEqual(1, fake.Requests.Count);
    }

    [TestMethod]
    public async Task CredentialsAreNotSentToOtherHosts()
    {
        var fake = new FakeHandler((r, _) => Challenge("Basic realm=\"r\""));
        using var factory = Factory(fake, OciCredential.Basic("alice", "pw"));
        using var request = new HttpRequestMessage(HttpMethod.Get, "https://other.test/v2/");
        OciRequestContext.Pull(Registry, "a/b").AttachTo(request);
        using var response = await factory.Invoker.SendAsync(request, default);
        Assert.AreEqual(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.AreEqual(1, fake.Requests.Count);
        Assert.IsNull(fake.Requests[0].Authorization);
    }

    [TestMethod]
    public async Task RemoteRegistriesUseHttpsUnlessListedInsecure()
    {
        var fake = new FakeHandler((_, _) => Json(Tags));
        using (var factory = Factory(fake, OciCredential.None))
        {
            await factory.CreateRepository(Registry, "a/b").ListTagsAsync(default);
            Assert.AreEqual("https", fake.Requests[0].Uri.Scheme);
            await factory.CreateRepository("localhost:5000", "a/b").ListTagsAsync(default);
            Assert.AreEqual("http", fake.Requests[1].Uri.Scheme);
        }

        using var insecure = new OciClientFactory(TestContent.FastOptions with { InsecureHosts = new[] { Registry } }, fake);
        await insecure.CreateRepository(Registry, "a/b").ListTagsAsync(default);
        Assert.AreEqual("http", fake.Requests[2].Uri.Scheme);
    }
}
