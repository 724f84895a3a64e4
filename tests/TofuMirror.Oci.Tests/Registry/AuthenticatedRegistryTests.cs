using System.IO;
using System.Linq;
using System.Net;
using System.Threading.Tasks;
using Microsoft.VisualStudio.TestTools.UnitTesting;
using TofuMirror.Oci.Auth;
using TofuMirror.Oci.Content;
using TofuMirror.Oci.Transport;
using TofuMirror.Testing.Registry;

namespace TofuMirror.Oci.Tests.Registry;

/// <summary>The real registry with htpasswd Basic auth and with token auth.</summary>
[TestClass]
public sealed class AuthenticatedRegistryTests
{
    private static OciClientFactory Factory(string host, OciCredential credential, string? insecureRealmHost = null)
        => new(TestContent.FastOptions with
        {
            Credentials = new StaticCredentialProvider(host, credential),
            InsecureHosts = insecureRealmHost is null ? System.Array.Empty<string>() : new[] { insecureRealmHost },
        });

    [TestMethod]
    public async Task HtpasswdBasicAuth()
    {
        RegistryProcess.RequireBinary();
        if (!File.Exists("/usr/bin/htpasswd")) Assert.Inconclusive("htpasswd not installed (apache2-utils)");
        using var real = RegistryProcess.Start(null, null, basicAuthUser: ("bob", "s3cret-pw"));

        using (var anonymous = Factory(real.Host, OciCredential.None))
        {
            var e = await Assert.ThrowsExactlyAsync<OciUnauthorizedException>(() => anonymous.CreateRepository(real.Host, "basic/provider").ListTagsAsync(default));
            Assert.AreEqual(HttpStatusCode.Unauthorized, e.StatusCode);
            StringAssert.Contains(e.Message, "needs credentials");
        }

        using (var wrong = Factory(real.Host, OciCredential.Basic("bob", "wrong-pw")))
        {
            var e = await Assert.ThrowsExactlyAsync<OciUnauthorizedException>(() => wrong.CreateRepository(real.Host, "basic/provider").ListTagsAsync(default));
            StringAssert.Contains(e.Message, "refused the credentials");
            Assert.IsFalse(e.ToString().Contains("wrong-pw"));
        }

        using var good = Factory(real.Host, OciCredential.Basic("bob", "s3cret-pw"));
        var repo = good.CreateRepository(real.Host, "basic/provider");
        Assert.IsTrue(await repo.PingAsync(default));
        var zip = TestContent.RandomBytes(50_000, 10);
        var pushed = await TestContent.PushProviderAsync(repo, "1.2.3", zip);
        CollectionAssert.AreEqual(new[] { "1.2.3" }, (await repo.ListTagsAsync(default)).ToArray());
        using var back = new MemoryStream();
        await repo.FetchBlobAsync(pushed.Zip, back, default);
        CollectionAssert.AreEqual(zip, back.ToArray());
    }

    [TestMethod]
    public async Task TokenAuthWithPasswordRefreshTokenAndAnonymousPull()
    {
        RegistryProcess.RequireBinary();
        await using var tokens = await TokenServer.StartAsync();
        string? yaml = null;
        using var registry = RegistryProcess.Start(null, folder => yaml = tokens.AuthYaml(folder), authYamlFactory: () => yaml!);
        // The token server speaks plain HTTP on loopback: a realm like that has to be allowed explicitly.
        var realmHost = new System.Uri(tokens.Realm).Authority;

        using var alice = Factory(registry.Host, OciCredential.Basic(TokenServer.Username, TokenServer.Password), realmHost);
        var repo = alice.CreateRepository(registry.Host, "token/provider");
        var zip = TestContent.RandomBytes(40_000, 11);
        var pushed = await TestContent.PushProviderAsync(repo, "4.0.6", zip);
        Assert.AreEqual(pushed.Index.Digest, (await repo.ResolveAsync("4.0.6", default)).Digest);
        Assert.IsTrue(tokens.Requests.Any(r => r.Who == TokenServer.Username && r.Scopes.Contains("repository:token/provider:pull,push")));
        var fetchesAfterPush = tokens.Requests.Count;
        await repo.ListTagsAsync(default);
        await repo.ListTagsAsync(default);
        Assert.IsTrue(tokens.Requests.Count <= fetchesAfterPush + 1, "tokens are cached per scope");

        // Cross-repository mount needs pull on the source in the same token.
        var target = alice.CreateRepository(registry.Host, "token/copy");
        Assert.AreEqual(BlobPushResult.Mounted, await target.PushBlobAsync(pushed.Zip, new MemoryStream(zip), "token/provider", default));
        Assert.IsTrue(tokens.Requests.Any(r => r.Scopes.Contains("repository:token/copy:pull,push") && r.Scopes.Contains("repository:token/provider:pull")));

        // OAuth2 refresh-token grant.
        using var oauth = Factory(registry.Host, OciCredential.Tokens(null, TokenServer.RefreshToken), realmHost);
        using var viaRefresh = new MemoryStream();
        await oauth.CreateRepository(registry.Host, "token/provider").FetchBlobAsync(pushed.Zip, viaRefresh, default);
        CollectionAssert.AreEqual(zip, viaRefresh.ToArray());
        Assert.IsTrue(tokens.Requests.Any(r => r.Method == "POST" && r.ClientId == AuthHandler.ClientId));

        // Anonymous: pull works, push is denied.
        using var anonymous = Factory(registry.Host, OciCredential.None, realmHost);
        var anonRepo = anonymous.CreateRepository(registry.Host, "token/provider");
        CollectionAssert.Contains((await anonRepo.ListTagsAsync(default)).ToList(), "4.0.6");
        var blob = TestContent.Blob(MediaTypes.ZipArchive, TestContent.RandomBytes(100, 12));
        var denied = await Assert.ThrowsExactlyAsync<OciUnauthorizedException>(() => anonRepo.PushBlobAsync(blob.Descriptor, new MemoryStream(blob.Bytes), default));
        Assert.AreEqual("token/provider", denied.Repository);

        // Wrong password: the token service refuses, the message says so without the secret.
        using var wrong = Factory(registry.Host, OciCredential.Basic(TokenServer.Username, "bad-secret"), realmHost);
        var e = await Assert.ThrowsExactlyAsync<OciUnauthorizedException>(() => wrong.CreateRepository(registry.Host, "token/provider").ListTagsAsync(default));
        StringAssert.Contains(e.Message, "credentials were refused");
        Assert.IsFalse(e.ToString().Contains("bad-secret"));
    }
}
