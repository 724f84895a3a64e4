using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.VisualStudio.TestTools.UnitTesting;
using TofuMirror.Engine.Providers;
using TofuMirror.Engine.Push;
using TofuMirror.Engine.Stores;
using TofuMirror.Engine.Tests.Support;
using TofuMirror.Oci;
using TofuMirror.Oci.Content;
using TofuMirror.Testing.Registry;
using TofuMirror.Model.Addresses;
using TofuMirror.Model.Diagnostics;
using TofuMirror.Model.Platforms;
using TofuMirror.Model.Versions;

namespace TofuMirror.Engine.Tests.Registry;

/// <summary>
/// Another push of the same version tagging its index right after ours (a lost update: registries have no
/// compare-and-swap on tags), staged deterministically against the real registry.
/// </summary>
[TestClass]
public sealed class ConcurrentPushTests
{
    private static readonly ProviderAddress Demo = RestoreScenario.Demo;
    private static readonly ProviderVersion Version = ProviderVersion.Parse("1.0.0");

    /// <summary>Forwards everything; after each of the first <paramref name="overwrites"/> tag pushes, re-tags the competitor's index.</summary>
    private sealed class CompetingStore(IOciRepositoryStore inner, byte[] competitorIndex, int overwrites) : IOciRepositoryStore, IProviderStoreResolver
    {
        private int _remaining = overwrites;

        public string Name => inner.Name;
        public IReadOnlyList<IOciRepositoryStore> Resolve(ProviderAddress provider) => [this];
        public Task<IReadOnlyList<string>> ListTagsAsync(CancellationToken ct) => inner.ListTagsAsync(ct);
        public Task<Descriptor> ResolveAsync(string reference, CancellationToken ct) => inner.ResolveAsync(reference, ct);
        public Task<byte[]> FetchManifestAsync(Descriptor descriptor, CancellationToken ct) => inner.FetchManifestAsync(descriptor, ct);
        public Task<bool> BlobExistsAsync(Descriptor descriptor, CancellationToken ct) => inner.BlobExistsAsync(descriptor, ct);
        public Task FetchBlobAsync(Descriptor descriptor, Stream destination, CancellationToken ct) => inner.FetchBlobAsync(descriptor, destination, ct);
        public Task FetchBlobToFileAsync(Descriptor descriptor, string path, CancellationToken ct) => inner.FetchBlobToFileAsync(descriptor, path, ct);
        public Task<BlobPushResult> PushBlobAsync(Descriptor descriptor, Stream content, CancellationToken ct) => inner.PushBlobAsync(descriptor, content, ct);

        public async Task<Descriptor> PushManifestAsync(ReadOnlyMemory<byte> content, string mediaType, string? tag, CancellationToken ct)
        {
            var pushed = await inner.PushManifestAsync(content, mediaType, tag, ct);
            if (tag is not null && Interlocked.Decrement(ref _remaining) >= 0)
                await inner.PushManifestAsync(competitorIndex, MediaTypes.ImageIndex, tag, ct); // it read the index before ours landed
            return pushed;
        }
    }

    private static async Task<(RestoreScenario Scenario, IOciRepositoryStore Store, byte[] CompetitorIndex, string Zip)> StageAsync(RegistryProcess registry)
    {
        var scenario = new RestoreScenario();
        var environment = ProcessCliEnvironment.Create(new Dictionary<string, string?> { ["HOME"] = scenario.Temp.CreateDirectory("home") }, scenario.Temp.Path);
        var source = MirrorSource.Load(new MirrorSourceOptions(registry.Host + "/race/${hostname}/${namespace}/${type}", null, scenario.Temp.Path), environment);
        var store = source.Stores!.Resolve(Demo).Single();
        // The competitor pushed darwin_arm64 alone; its index (that platform only) is what it will tag again.
        var theirs = ProviderZips.Create(Path.Combine(scenario.Zips, "theirs"), Demo.Type, "1.0.0", "darwin_arm64");
        await new PushJob().RunAsync(new PushRequest(PushSourceReader.Read([theirs], Demo, []), source.Stores!), default);
        var (descriptor, _) = await ProviderArtifactResolver.ReadIndexAsync(store, Version, default);
        var competitorIndex = await store.FetchManifestAsync(descriptor, default);
        var ours = ProviderZips.Create(Path.Combine(scenario.Zips, "ours"), Demo.Type, "1.0.0", "linux_amd64");
        return (scenario, store, competitorIndex, ours);
    }

    [TestMethod]
    public async Task A_platform_overwritten_by_a_concurrent_tag_is_merged_in_again()
    {
        RegistryProcess.RequireBinary();
        using var registry = RegistryProcess.Start();
        var (scenario, store, competitorIndex, ours) = await StageAsync(registry);
        using var _ = scenario;
        var racing = new CompetingStore(store, competitorIndex, overwrites: 1);

        var report = await new PushJob().RunAsync(new PushRequest(PushSourceReader.Read([ours], Demo, []), racing), default);

        var (descriptor, index) = await ProviderArtifactResolver.ReadIndexAsync(store, Version, default);
        CollectionAssert.AreEquivalent(new[] { "darwin_arm64", "linux_amd64" }, index.Manifests.Select(m => m.Platform!.ToString()).ToList());
        Assert.AreEqual(descriptor.Digest.ToString(), report.Versions.Single().IndexDigest, "the report names the index the tag holds");
    }

    [TestMethod]
    public async Task A_tag_that_keeps_being_overwritten_is_a_coded_failure_that_says_to_push_again()
    {
        RegistryProcess.RequireBinary();
        using var registry = RegistryProcess.Start();
        var (scenario, store, competitorIndex, ours) = await StageAsync(registry);
        using var _ = scenario;
        var racing = new CompetingStore(store, competitorIndex, overwrites: int.MaxValue);

        var failure = await Assert.ThrowsExactlyAsync<ProviderFailure>(() =>
            new PushJob().RunAsync(new PushRequest(PushSourceReader.Read([ours], Demo, []), racing), default));

        Assert.AreEqual(DiagnosticCodes.InvalidProviderArtifact, failure.Code);
        StringAssert.Contains(failure.Message, "kept changing");
        StringAssert.Contains(failure.Message, "Push again");
    }
}
