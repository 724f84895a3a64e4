using System;
using System.Collections.Concurrent;
using System.IO;
using System.Text;
using System.Threading.Tasks;
using Microsoft.AspNetCore.Http;
using Microsoft.VisualStudio.TestTools.UnitTesting;
using TofuMirror.Oci.Auth;
using TofuMirror.Oci.Content;
using TofuMirror.Oci.Transport;
using TofuMirror.Testing.Registry;

namespace TofuMirror.Oci.Tests.Security;

/// <summary>
/// A registry redirects to storage that answers 401 naming a token service of its own: the
/// registry's credentials must never reach that token service.
/// </summary>
[TestClass]
public sealed class RedirectTargetChallengeTests
{
    [TestMethod]
    [DataRow("password")]
    [DataRow("refresh token")]
    public async Task ChallengeFromRedirectTargetIsAnErrorAndItsRealmGetsNothing(string kind)
    {
        var seenByTokenService = new ConcurrentQueue<string>();
        await using var tokenService = await LoopbackServer.StartAsync(async context =>
        {
            using var reader = new StreamReader(context.Request.Body);
            var body = await reader.ReadToEndAsync();
            seenByTokenService.Enqueue($"{context.Request.Method} {context.Request.QueryString} auth=[{context.Request.Headers.Authorization}] body=[{body}]");
            context.Response.ContentType = "application/json";
            await context.Response.WriteAsync("{\"token\":\"stolen\"}");
        });
        await using var storage = await LoopbackServer.StartAsync(context =>
        {
            context.Response.StatusCode = 401;
            context.Response.Headers.WWWAuthenticate = $"Bearer realm=\"http://{tokenService.Host}/token\",service=\"storage\"";
            return Task.CompletedTask;
        });
        await using var registry = await LoopbackServer.StartAsync(context =>
        {
            context.Response.StatusCode = 307;
            context.Response.Headers.Location = $"http://{storage.Host}/bucket/blob?sig=1";
            return Task.CompletedTask;
        });

        var credential = kind == "password" ? OciCredential.Basic("alice", "registry-password") : OciCredential.Tokens(null, "registry-refresh-token");
        // The token service's host is even allowed plain HTTP: only the origin rule may stop the leak.
        var options = TestContent.FastOptions with
        {
            Credentials = new StaticCredentialProvider(registry.Host, credential),
            InsecureHosts = new[] { tokenService.Host },
        };
        using var factory = new OciClientFactory(options);
        var repo = factory.CreateRepository(registry.Host, "a/b");
        var blob = Encoding.UTF8.GetBytes("provider bytes");
        var descriptor = new Descriptor(MediaTypes.ZipArchive, Digest.Compute(blob), blob.Length);

        var e = await Assert.ThrowsExactlyAsync<OciUnauthorizedException>(() => repo.FetchBlobAsync(descriptor, new MemoryStream(), default));
        Assert.AreEqual(0, seenByTokenService.Count, string.Join("\n", seenByTokenService));
        StringAssert.Contains(e.Message, storage.Host);
        Assert.IsFalse(e.ToString().Contains("registry-password", StringComparison.Ordinal));
    }
}
