using System;
using System.Diagnostics;
using System.IO;
using System.Linq;
using System.Net.Http;
using System.Text;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.AspNetCore.Http;
using Microsoft.VisualStudio.TestTools.UnitTesting;
using TofuMirror.Oci.Content;
using TofuMirror.Oci.Referrers;
using TofuMirror.Oci.Transport;
using TofuMirror.Testing.Registry;

namespace TofuMirror.Oci.Tests.Referrers;

/// <summary>
/// Referrers against the real CNCF registry 2.8.2, which has no referrers API (so the tag schema is used), and against a
/// proxy in front of it that answers the referrers API itself and says <c>OCI-Subject</c> on manifest pushes.
/// </summary>
[TestClass]
public sealed class RegistryReferrersTests
{
    private const string Signature = "application/vnd.test.signature";
    private const string Sbom = "application/vnd.test.sbom";
    private const string Skopeo = "/usr/bin/skopeo";

    private static readonly ClassRegistry s_registry = new();

    [ClassCleanup]
    public static void Stop() => s_registry.Dispose();

    private static RegistryProcess Registry => s_registry.Process;

    [TestMethod]
    public async Task WithoutTheApiReferrersLiveInTheSubjectsDigestTag()
    {
        using var factory = new OciClientFactory(TestContent.FastOptions);
        var repo = factory.CreateRepository(Registry.Host, "referrers/tag-schema");
        var subject = (await TestContent.PushProviderAsync(repo, "1.0.0", TestContent.RandomBytes(2000, 1))).Index;

        var signature = await ReferrerContent.PushAsync(repo, subject, Signature, "signed");
        var sbom = await ReferrerContent.PushAsync(repo, subject, Sbom, "parts");
        await ReferrerContent.PushAsync(repo, subject, Signature, "signed"); // again: listed once

        var all = await repo.ListReferrersAsync(subject.Digest, null, default);
        CollectionAssert.AreEquivalent(new[] { signature.Digest, sbom.Digest }, all.Select(d => d.Digest).ToArray());
        var signatures = await repo.ListReferrersAsync(subject.Digest, Signature, default);
        Assert.AreEqual(signature.Digest, signatures.Single().Digest);
        Assert.AreEqual(Signature, signatures.Single().ArtifactType);
        Assert.AreEqual("signed", signatures.Single().GetAnnotation("test.note"));
        Assert.AreEqual(0, (await repo.ListReferrersAsync(Digest.Compute("other"u8), null, default)).Count);

        var tag = "sha256-" + subject.Digest.Hex;
        CollectionAssert.Contains((await repo.ListTagsAsync(default)).ToList(), tag);
        if (!File.Exists(Skopeo)) return;
        var (code, stdout, stderr) = RunSkopeo("inspect", "--raw", "--tls-verify=false", $"docker://{Registry.Host}/referrers/tag-schema:{tag}");
        Assert.AreEqual(0, code, stderr);
        var index = OciJsonReader.ParseIndex(Encoding.UTF8.GetBytes(stdout));
        CollectionAssert.AreEquivalent(new[] { signature.Digest, sbom.Digest }, index.Manifests.Select(d => d.Digest).ToArray());
        Assert.AreEqual(Sbom, index.Manifests.Single(d => d.Digest == sbom.Digest).ArtifactType);
    }

    [TestMethod]
    public async Task TheReferrersApiIsReadPageByPageAndFilteredWhenTheRegistryDidNot()
    {
        using var factory = new OciClientFactory(TestContent.FastOptions);
        var direct = factory.CreateRepository(Registry.Host, "referrers/api");
        var subject = (await TestContent.PushProviderAsync(direct, "1.0.0", TestContent.RandomBytes(2000, 2))).Index;
        var first = new Descriptor(MediaTypes.ImageManifest, Digest.Compute("a"u8), 10) { ArtifactType = Signature };
        var second = new Descriptor(MediaTypes.ImageManifest, Digest.Compute("b"u8), 11) { ArtifactType = Sbom };
        var third = new Descriptor(MediaTypes.ImageManifest, Digest.Compute("c"u8), 12) { ArtifactType = Signature };
        string? askedType = null;
        var filtersApplied = false;
        await using var proxy = await RegistryProxy.StartAsync(Registry.Host);
        proxy.Intercept = async context =>
        {
            var path = context.Request.Path.Value!;
            if (!path.Contains("/referrers/", StringComparison.Ordinal)) return false;
            var page = context.Request.Query["page"].ToString();
            if (page != "2") askedType = context.Request.Query["artifactType"];
            var entries = page == "2" ? new[] { third } : new[] { first, second };
            if (filtersApplied) entries = entries.Where(e => e.ArtifactType == askedType).ToArray();
            if (page != "2") context.Response.Headers["Link"] = $"<{path}?page=2&artifactType={askedType}>; rel=\"next\"";
            if (filtersApplied) context.Response.Headers["OCI-Filters-Applied"] = "artifactType";
            context.Response.ContentType = MediaTypes.ImageIndex;
            await context.Response.Body.WriteAsync(OciJsonWriter.Serialize(new OciIndex { Manifests = entries }));
            return true;
        };
        var repo = factory.CreateRepository(proxy.Host, "referrers/api");

        var all = await repo.ListReferrersAsync(subject.Digest, null, default);
        CollectionAssert.AreEqual(new[] { first.Digest, second.Digest, third.Digest }, all.Select(d => d.Digest).ToArray());
        var unfiltered = await repo.ListReferrersAsync(subject.Digest, Signature, default);
        Assert.AreEqual(Signature, askedType);
        CollectionAssert.AreEqual(new[] { first.Digest, third.Digest }, unfiltered.Select(d => d.Digest).ToArray());
        filtersApplied = true;
        var filtered = await repo.ListReferrersAsync(subject.Digest, Sbom, default);
        Assert.AreEqual(second.Digest, filtered.Single().Digest);
    }

    [TestMethod]
    public async Task ARegistryThatIndexesSubjectsGetsNoReferrersTag()
    {
        using var factory = new OciClientFactory(TestContent.FastOptions);
        var direct = factory.CreateRepository(Registry.Host, "referrers/oci-subject");
        var subject = (await TestContent.PushProviderAsync(direct, "1.0.0", TestContent.RandomBytes(2000, 3))).Index;
        await using var proxy = await RegistryProxy.StartAsync(Registry.Host);
        proxy.Respond = (context, response) =>
        {
            if (context.Request.Method == "PUT" && context.Request.Path.Value!.Contains("/manifests/sha256:", StringComparison.Ordinal))
                context.Response.Headers["OCI-Subject"] = subject.Digest.ToString();
            return Task.FromResult(false);
        };
        var repo = factory.CreateRepository(proxy.Host, "referrers/oci-subject");

        var pushed = await ReferrerContent.PushAsync(repo, subject, Signature, "indexed by the registry");

        Assert.AreEqual(pushed.Digest, (await direct.ResolveAsync(pushed.Digest.ToString(), default)).Digest);
        CollectionAssert.DoesNotContain((await direct.ListTagsAsync(default)).ToList(), "sha256-" + subject.Digest.Hex);
    }

    [TestMethod]
    public async Task AHostileReferrersAnswerIsBounded()
    {
        using var factory = new OciClientFactory(TestContent.FastOptions with { ManifestSizeLimitMiB = 1 });
        var subject = Digest.Compute("subject"u8);
        await using var huge = await LoopbackServer.StartAsync(async context =>
        {
            context.Response.ContentType = MediaTypes.ImageIndex;
            await context.Response.Body.WriteAsync(Encoding.UTF8.GetBytes("{\"manifests\":[\"" + new string('x', 3 * 1024 * 1024) + "\"]}"));
        });
        var ex = await Assert.ThrowsExactlyAsync<OciSizeLimitException>(() => factory.CreateRepository(huge.Host, "r").ListReferrersAsync(subject, null, default));
        StringAssert.Contains(ex.Message, "referrers");

        await using var looping = await LoopbackServer.StartAsync(async context =>
        {
            context.Response.Headers["Link"] = $"<{context.Request.Path}>; rel=\"next\"";
            context.Response.ContentType = MediaTypes.ImageIndex;
            await context.Response.Body.WriteAsync(OciJsonWriter.Serialize(new OciIndex()));
        });
        await Assert.ThrowsExactlyAsync<OciProtocolException>(() => factory.CreateRepository(looping.Host, "r").ListReferrersAsync(subject, null, default));

        await using var notAnIndex = await LoopbackServer.StartAsync(async context =>
        {
            context.Response.ContentType = "application/json";
            await context.Response.Body.WriteAsync("{\"config\":{}}"u8.ToArray());
        });
        await Assert.ThrowsExactlyAsync<OciProtocolException>(() => factory.CreateRepository(notAnIndex.Host, "r").ListReferrersAsync(subject, null, default));
    }

    private static (int Code, string Stdout, string Stderr) RunSkopeo(params string[] args)
    {
        var start = new ProcessStartInfo(Skopeo) { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var a in args) start.ArgumentList.Add(a);
        using var p = Process.Start(start)!;
        var stdout = p.StandardOutput.ReadToEndAsync();
        var stderr = p.StandardError.ReadToEndAsync();
        if (!p.WaitForExit(60_000)) p.Kill(true);
        return (p.ExitCode, stdout.Result, stderr.Result);
    }
}
