using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Threading.Tasks;
using Microsoft.VisualStudio.TestTools.UnitTesting;
using TofuMirror.Engine.Inspect;
using TofuMirror.Engine.Provenance;
using TofuMirror.Engine.Tests.Support;
using TofuMirror.Model.Addresses;
using TofuMirror.Oci;
using TofuMirror.Oci.Content;
using TofuMirror.Oci.Layout;
using TofuMirror.Oci.Referrers;
using TofuMirror.Oci.Transport;
using TofuMirror.Testing;
using TofuMirror.Testing.Registry;

namespace TofuMirror.Engine.Tests.Provenance;

/// <summary>Evidence attached to a version's index and found again: registry (tag schema), referrers API (proxy), layout folder.</summary>
[TestClass]
public sealed class ProvenanceStoreTests
{
    private static readonly ClassRegistry s_registry = new();

    [ClassCleanup]
    public static void Stop() => s_registry.Dispose();

    private static RegistryProcess Registry => s_registry.Process;

    [TestMethod]
    public async Task EvidenceInTheRegistryIsFoundThroughTheReferrersTag()
    {
        using var factory = new OciClientFactory(TestContent.FastOptions);
        var repo = factory.CreateRepository(Registry.Host, "provenance/hashicorp/demo");
        var subject = (await TestContent.PushProviderAsync(repo, "1.0.0", TestContent.RandomBytes(3000, 1))).Index;
        var evidence = EvidenceSamples.For("1.0.0");
        var store = new ProvenanceStore(repo);

        var artifact = await store.AttachAsync(subject, evidence, default);
        Assert.AreEqual(artifact, await store.AttachAsync(subject, evidence, default), "the same evidence has the same digest");

        var found = (await store.FindAsync(subject.Digest, default)).Single();
        Assert.AreEqual(artifact.Digest, found.Artifact.Digest);
        AssertSame(evidence, found.Evidence);
        CollectionAssert.Contains((await repo.ListTagsAsync(default)).ToList(), "sha256-" + subject.Digest.Hex);
        Assert.IsTrue(artifact.Size < 4096, $"the manifest has {artifact.Size} bytes");
        Assert.AreEqual(0, (await store.FindAsync((await TestContent.PushProviderAsync(repo, "2.0.0", TestContent.RandomBytes(3000, 2))).Index.Digest, default)).Count);

        var inspected = (await InspectJob.RunAsync(ProviderAddress.Parse(evidence.Provider), new FixedStores(repo), default)).Repositories.Single();
        var claims = inspected.Versions.Single(v => v.Tag == "1.0.0").Evidence.Single();
        Assert.AreEqual(artifact.Digest.ToString(), claims.ArtifactDigest);
        CollectionAssert.AreEqual(evidence.KeyIds.ToArray(), claims.ClaimedKeyIds.ToArray());
        Assert.AreEqual(0, inspected.Versions.Single(v => v.Tag == "2.0.0").Evidence.Count);
        StringAssert.Contains(inspected.IgnoredTags.Single().Reason, "referrers tag schema");
    }

    [TestMethod]
    public async Task AFloodOfEvidenceIsRefusedUnread()
    {
        using var temp = new TempFolder();
        var layout = new OciLayoutStore(temp.Combine("layout"));
        var subject = (await TestContent.PushProviderAsync(layout, "1.0.0", TestContent.RandomBytes(3000, 7))).Index;
        var store = new ProvenanceStore(layout);
        for (var i = 0; i <= ProvenanceStore.MaxEvidencePerVersion; i++)
            await store.AttachAsync(subject, EvidenceSamples.For("1.0.0") with { VerifiedAt = DateTimeOffset.UnixEpoch.AddDays(i) }, default);

        var e = await Assert.ThrowsExactlyAsync<ProvenanceFormatException>(() => store.FindAsync(subject.Digest, default));
        StringAssert.Contains(e.Message, "17 evidence artifacts");
    }

    [TestMethod]
    public async Task EvidenceIsFoundThroughTheReferrersApi()
    {
        using var factory = new OciClientFactory(TestContent.FastOptions);
        var direct = factory.CreateRepository(Registry.Host, "provenance/api/demo");
        var subject = (await TestContent.PushProviderAsync(direct, "1.0.0", TestContent.RandomBytes(3000, 3))).Index;
        var listed = new List<Descriptor>();
        await using var proxy = await RegistryProxy.StartAsync(Registry.Host);
        // A registry with the API: it indexes subjects on manifest PUT (OCI-Subject) and answers /referrers/ itself.
        proxy.Respond = (context, response) =>
        {
            if (context.Request.Method == "PUT" && context.Request.Path.Value!.Contains("/manifests/sha256:", StringComparison.Ordinal))
                context.Response.Headers["OCI-Subject"] = subject.Digest.ToString();
            return Task.FromResult(false);
        };
        proxy.Intercept = async context =>
        {
            if (!context.Request.Path.Value!.EndsWith("/referrers/" + subject.Digest, StringComparison.Ordinal)) return false;
            context.Response.ContentType = MediaTypes.ImageIndex;
            await context.Response.Body.WriteAsync(OciJsonWriter.Serialize(new OciIndex { Manifests = listed }));
            return true;
        };
        var repo = factory.CreateRepository(proxy.Host, "provenance/api/demo");
        var store = new ProvenanceStore(repo);
        var evidence = EvidenceSamples.For("1.0.0");

        var artifact = await store.AttachAsync(subject, evidence, default);
        CollectionAssert.DoesNotContain((await direct.ListTagsAsync(default)).ToList(), "sha256-" + subject.Digest.Hex);
        listed.Add(artifact with { ArtifactType = EvidenceFormat.ArtifactType });
        listed.Add(new Descriptor(MediaTypes.ImageManifest, Digest.Compute("sbom"u8), 4) { ArtifactType = "application/vnd.example.sbom" });

        var found = (await store.FindAsync(subject.Digest, default)).Single();
        AssertSame(evidence, found.Evidence);
    }

    [TestMethod]
    public async Task EvidenceInALayoutFolderIsAnIndexEntry()
    {
        using var temp = new TempFolder();
        var layout = new OciLayoutStore(temp.Combine("layout"));
        var subject = (await TestContent.PushProviderAsync(layout, "1.0.0", TestContent.RandomBytes(3000, 4))).Index;
        var store = new ProvenanceStore(layout);
        var evidence = EvidenceSamples.For("1.0.0");

        var artifact = await store.AttachAsync(subject, evidence, default);

        var found = (await store.FindAsync(subject.Digest, default)).Single();
        Assert.AreEqual(artifact.Digest, found.Artifact.Digest);
        AssertSame(evidence, found.Evidence);
        var entry = OciJsonReader.ParseIndex(File.ReadAllBytes(temp.Combine("layout", "index.json"))).Manifests.Single(d => d.Digest == artifact.Digest);
        Assert.AreEqual(EvidenceFormat.ArtifactType, entry.ArtifactType);
    }

    [TestMethod]
    public async Task EvidenceOfAnotherIndexListedForThisOneIsRefused()
    {
        using var temp = new TempFolder();
        var layout = new OciLayoutStore(temp.Combine("layout"));
        var mine = (await TestContent.PushProviderAsync(layout, "1.0.0", TestContent.RandomBytes(3000, 5))).Index;
        var theirs = (await TestContent.PushProviderAsync(layout, "2.0.0", TestContent.RandomBytes(3000, 6))).Index;
        var theirEvidence = await new ProvenanceStore(layout).AttachAsync(theirs, EvidenceSamples.For("2.0.0"), default);
        // A store that lists the other version's evidence as this version's, as a hostile referrers tag could.
        await new TagSchemaReferrers(layout).AddEntryAsync(mine.Digest, theirEvidence with { ArtifactType = EvidenceFormat.ArtifactType }, default);

        var e = await Assert.ThrowsExactlyAsync<ProvenanceFormatException>(() => new ProvenanceStore(new TagOnlyStore(layout)).FindAsync(mine.Digest, default));
        StringAssert.Contains(e.Message, "evidence for other content");
    }

    internal static void AssertSame(ProvenanceEvidence expected, ProvenanceEvidence actual)
    {
        Assert.AreEqual(expected.Provider, actual.Provider);
        Assert.AreEqual(expected.Version, actual.Version);
        CollectionAssert.AreEqual(expected.ShaSums, actual.ShaSums);
        CollectionAssert.AreEqual(expected.Signature, actual.Signature);
        CollectionAssert.AreEqual(expected.PublicKeys, actual.PublicKeys);
        Assert.AreEqual(expected.OriginUrl, actual.OriginUrl);
        CollectionAssert.AreEqual(expected.KeyIds.ToArray(), actual.KeyIds.ToArray());
        Assert.AreEqual(new DateTimeOffset(2026, 12, 3, 11, 0, 0, TimeSpan.Zero), actual.VerifiedAt, "stored in UTC to the second");
    }

    /// <summary>A layout seen only through the plain store surface, so referrers go through the tag schema.</summary>
    private sealed class TagOnlyStore(IOciRepositoryStore inner) : IOciRepositoryStore
    {
        public string Name => inner.Name;
        public Task<IReadOnlyList<string>> ListTagsAsync(System.Threading.CancellationToken cancellationToken) => inner.ListTagsAsync(cancellationToken);
        public Task<Descriptor> ResolveAsync(string reference, System.Threading.CancellationToken cancellationToken) => inner.ResolveAsync(reference, cancellationToken);
        public Task<byte[]> FetchManifestAsync(Descriptor descriptor, System.Threading.CancellationToken cancellationToken) => inner.FetchManifestAsync(descriptor, cancellationToken);
        public Task<Descriptor> PushManifestAsync(ReadOnlyMemory<byte> content, string mediaType, string? tag, System.Threading.CancellationToken cancellationToken) => inner.PushManifestAsync(content, mediaType, tag, cancellationToken);
        public Task<bool> BlobExistsAsync(Descriptor descriptor, System.Threading.CancellationToken cancellationToken) => inner.BlobExistsAsync(descriptor, cancellationToken);
        public Task FetchBlobAsync(Descriptor descriptor, Stream destination, System.Threading.CancellationToken cancellationToken) => inner.FetchBlobAsync(descriptor, destination, cancellationToken);
        public Task FetchBlobToFileAsync(Descriptor descriptor, string path, System.Threading.CancellationToken cancellationToken) => inner.FetchBlobToFileAsync(descriptor, path, cancellationToken);
        public Task<BlobPushResult> PushBlobAsync(Descriptor descriptor, Stream content, System.Threading.CancellationToken cancellationToken) => inner.PushBlobAsync(descriptor, content, cancellationToken);
    }
}
