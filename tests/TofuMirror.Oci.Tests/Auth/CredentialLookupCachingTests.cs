using System;
using System.Net;
using System.Net.Http;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.VisualStudio.TestTools.UnitTesting;
using TofuMirror.Oci.Auth;
using TofuMirror.Oci.Tests.Transport;
using TofuMirror.Oci.Transport;
using TofuMirror.Testing.Registry;

namespace TofuMirror.Oci.Tests.Auth;

/// <summary>A credential lookup that failed or was cancelled is tried again next time, not remembered.</summary>
[TestClass]
public sealed class CredentialLookupCachingTests
{
    private const string Registry = "registry.test";

    private sealed class FlakyProvider : ICredentialProvider
    {
        private int _calls;

        public Func<int, CancellationToken, Task<OciCredential>> Answer { get; init; } = null!;

        public int Calls => _calls;

        public Task<OciCredential> GetCredentialAsync(string registry, string repository, CancellationToken cancellationToken)
            => Answer(Interlocked.Increment(ref _calls), cancellationToken);
    }

    private static FakeHandler BasicRegistry() => new((r, _) =>
    {
        if (r.Headers.Authorization is not null) return new HttpResponseMessage(HttpStatusCode.OK) { Content = new StringContent("{\"tags\":[\"1.0.0\"]}") };
        var challenge = new HttpResponseMessage(HttpStatusCode.Unauthorized);
        challenge.Headers.TryAddWithoutValidation("WWW-Authenticate", "Basic realm=\"r\"");
        return challenge;
    });

    [TestMethod]
    public async Task FailedLookupIsTriedAgain()
    {
        var provider = new FlakyProvider
        {
            Answer = (call, _) => call == 1
                ? Task.FromException<OciCredential>(new OciException("keychain locked"))
                : Task.FromResult(OciCredential.Basic("alice", "pw")),
        };
        using var factory = new OciClientFactory(TestContent.FastOptions with { Credentials = provider }, BasicRegistry());
        var repo = factory.CreateRepository(Registry, "a/b");
        await Assert.ThrowsExactlyAsync<OciException>(() => repo.ListTagsAsync(default));
        Assert.AreEqual(1, (await repo.ListTagsAsync(default)).Count);
        Assert.AreEqual(2, provider.Calls);
    }

    [TestMethod]
    public async Task CancelledLookupIsTriedAgain()
    {
        var provider = new FlakyProvider
        {
            Answer = async (call, cancellationToken) =>
            {
                if (call == 1) await Task.Delay(Timeout.Infinite, cancellationToken);
                return OciCredential.Basic("alice", "pw");
            },
        };
        using var factory = new OciClientFactory(TestContent.FastOptions with { Credentials = provider }, BasicRegistry());
        var repo = factory.CreateRepository(Registry, "a/b");
        using (var cancel = new CancellationTokenSource(TimeSpan.FromMilliseconds(200)))
        {
            await Assert.ThrowsAsync<OperationCanceledException>(() => repo.ListTagsAsync(cancel.Token));
        }

        Assert.AreEqual(1, (await repo.ListTagsAsync(default)).Count);
        Assert.AreEqual(2, provider.Calls);
    }
}
