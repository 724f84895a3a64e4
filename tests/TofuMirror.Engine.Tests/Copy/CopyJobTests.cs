using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.VisualStudio.TestTools.UnitTesting;
using TofuMirror.Engine.Copy;
using TofuMirror.Engine.Provenance;
using TofuMirror.Engine.Tests.Provenance;
using TofuMirror.Engine.Tests.Support;
using TofuMirror.Model.Addresses;
using TofuMirror.Model.Diagnostics;
using TofuMirror.Model.Versions;
using TofuMirror.Oci;
using TofuMirror.Oci.Content;
using TofuMirror.Oci.Layout;
using TofuMirror.Oci.Transport;
using TofuMirror.Testing;
using TofuMirror.Testing.Registry;
using ModelPlatform = TofuMirror.Model.Platforms.Platform;

namespace TofuMirror.Engine.Tests.Copy;

/// <summary>copy between the real registry, a layout folder and a second registry: digests, evidence, idempotence, tampering, platforms.</summary>
[TestClass]
public sealed class CopyJobTests
{
    private static readonly ProviderAddress Demo = ProviderAddress.Parse("registry.opentofu.org/hashicorp/demo");
    private static RegistryProcess? s_first;
    private static RegistryProcess? s_second;

    [ClassInitialize]
    public static void Start(TestContext _)
    {
        if (!File.Exists(RegistryProcess.Binary)) return;
        s_first = RegistryProcess.Start();
        s_second = RegistryProcess.Start();
    }

    [ClassCleanup]
    public static void Stop()
    {
        s_first?.Dispose();
        s_second?.Dispose();
    }

    private static (RegistryProcess First, RegistryProcess Second) Registries
    {
        get
        {
            RegistryProcess.RequireBinary();
            return (s_first!, s_second!);
        }
    }

    [TestMethod]
    public async Task RegistryToLayoutToSecondRegistryKeepsDigestsAndEvidenceAndASecondRunCopiesNothing()
    {
        var (first, second) = Registries;
        using var temp = new TempFolder();
        using var factory = new OciClientFactory(TestContent.FastOptions);
        var origin = factory.CreateRepository(first.Host, "copy/keeps/demo");
        var v1 = await PushVersionAsync(origin, "1.0.0", withEvidence: true);
        var v2 = await PushVersionAsync(origin, "1.1.0", withEvidence: false);
        await PushVersionAsync(origin, "2.0.0", withEvidence: true);
        var layout = new OciLayoutStore(temp.Combine("carried"));

        var toLayout = await CopyAsync(origin, layout, new CopySelection(Demo) { Constraints = VersionConstraints.Parse("< 2.0.0") });
        Assert.IsTrue(toLayout.Succeeded, string.Join("\n", toLayout.Failures));
        CollectionAssert.AreEqual(new[] { "1.0.0", "1.1.0" }, toLayout.Versions.Select(v => v.Version.ToString()).ToArray());

        await using var proxy = await RegistryProxy.StartAsync(second.Host);
        var writes = 0;
        proxy.Intercept = context =>
        {
            if (context.Request.Method is "PUT" or "POST" or "PATCH") Interlocked.Increment(ref writes);
            return Task.FromResult(false);
        };
        var internalRegistry = factory.CreateRepository(proxy.Host, "internal/demo");
        var toInternal = await CopyAsync(layout, internalRegistry, new CopySelection(Demo));
        Assert.IsTrue(toInternal.Succeeded, string.Join("\n", toInternal.Failures));
        Assert.IsTrue(writes > 0);

        foreach (var (version, index) in new[] { ("1.0.0", v1), ("1.1.0", v2) })
        {
            var copied = await internalRegistry.ResolveAsync(version, default);
            Assert.AreEqual(index.Digest, copied.Digest, $"{version} keeps its index digest");
            var manifest = OciJsonReader.ParseIndex(await internalRegistry.FetchManifestAsync(copied, default)).Manifests.Single();
            var image = OciJsonReader.ParseImageManifest(await internalRegistry.FetchManifestAsync(manifest, default));
            using var zip = new MemoryStream();
            await internalRegistry.FetchBlobAsync(image.Layers.Single(), zip, default);
        }
        var evidence = (await new ProvenanceStore(internalRegistry).FindAsync(v1.Digest, default)).Single();
        ProvenanceStoreTests.AssertSame(EvidenceSamples.For("1.0.0"), evidence.Evidence);
        Assert.AreEqual(0, (await new ProvenanceStore(internalRegistry).FindAsync(v2.Digest, default)).Count);
        CollectionAssert.DoesNotContain((await internalRegistry.ListTagsAsync(default)).ToList(), "2.0.0");

        writes = 0;
        var again = await CopyAsync(layout, internalRegistry, new CopySelection(Demo));
        Assert.IsTrue(again.Succeeded);
        Assert.IsTrue(again.Versions.All(v => v.NothingToDo), "nothing left to copy");
        Assert.AreEqual(1, again.Versions.Single(v => v.Version.ToString() == "1.0.0").EvidencePresent);
        Assert.AreEqual(0, writes, "the second run writes nothing to the registry");
    }

    [TestMethod]
    public async Task ATamperedBlobInTheSourceIsRefusedAndNothingIsTagged()
    {
        var (_, second) = Registries;
        using var temp = new TempFolder();
        using var factory = new OciClientFactory(TestContent.FastOptions);
        var layout = new OciLayoutStore(temp.Combine("carried"));
        await PushVersionAsync(layout, "1.0.0", withEvidence: true, zipSize: 300_000);
        var index = OciJsonReader.ParseIndex(await layout.FetchManifestAsync(await layout.ResolveAsync("1.0.0", default), default));
        var zip = OciJsonReader.ParseImageManifest(await layout.FetchManifestAsync(index.Manifests.Single(), default)).Layers.Single();
        var bytes = File.ReadAllBytes(layout.BlobPath(zip.Digest));
        bytes[bytes.Length / 2] ^= 0x40;
        File.WriteAllBytes(layout.BlobPath(zip.Digest), bytes);
        var target = factory.CreateRepository(second.Host, "tampered/demo");
        var targetLayout = new OciLayoutStore(temp.Combine("target"));

        foreach (var store in new IOciRepositoryStore[] { target, targetLayout })
        {
            var report = await CopyAsync(layout, store, new CopySelection(Demo));
            var failure = report.Failures.Single();
            Assert.AreEqual(DiagnosticCodes.DigestMismatch, failure.Code, failure.Message);
            StringAssert.Contains(failure.Message, "1.0.0");
            Assert.AreEqual(0, report.Versions.Count);
            await AssertNotTaggedAsync(store, "1.0.0");
            Assert.IsFalse(await store.BlobExistsAsync(zip, default), "the tampered blob was not committed");
        }
    }

    [TestMethod]
    public async Task FewerPlatformsRewriteTheIndexAndReattachTheEvidence()
    {
        using var temp = new TempFolder();
        var source = new OciLayoutStore(temp.Combine("source"));
        var sourceIndex = await PushVersionAsync(source, "1.0.0", withEvidence: true, platforms: ["linux_amd64", "darwin_arm64"]);
        var target = new OciLayoutStore(temp.Combine("target"));
        var linux = new[] { ModelPlatform.Parse("linux_amd64") };

        var report = await CopyAsync(source, target, new CopySelection(Demo), linux);
        var copied = report.Versions.Single();
        CollectionAssert.AreEqual(new[] { "linux_amd64" }, copied.Platforms.ToArray());
        CollectionAssert.AreEqual(new[] { "darwin_arm64" }, copied.DroppedPlatforms.ToArray());
        var targetIndex = await target.ResolveAsync("1.0.0", default);
        Assert.AreNotEqual(sourceIndex.Digest, targetIndex.Digest);
        Assert.AreEqual(copied.TargetIndexDigest, targetIndex.Digest.ToString());
        Assert.AreEqual("linux_amd64", OciJsonReader.ParseIndex(await target.FetchManifestAsync(targetIndex, default)).Manifests.Single().Platform!.ToString());
        var evidence = (await new ProvenanceStore(target).FindAsync(targetIndex.Digest, default)).Single();
        ProvenanceStoreTests.AssertSame(EvidenceSamples.For("1.0.0"), evidence.Evidence);

        var again = await CopyAsync(source, target, new CopySelection(Demo), linux);
        Assert.IsTrue(again.Versions.Single().NothingToDo);
        var conflict = await CopyAsync(source, target, new CopySelection(Demo));
        Assert.AreEqual(DiagnosticCodes.CopyTargetConflict, conflict.Failures.Single().Code);
        Assert.AreEqual(targetIndex.Digest, (await target.ResolveAsync("1.0.0", default)).Digest, "nothing overwritten");
        var none = await CopyAsync(source, new OciLayoutStore(temp.Combine("other")), new CopySelection(Demo), [ModelPlatform.Parse("windows_386")]);
        Assert.AreEqual(DiagnosticCodes.CopyPlatformsMissing, none.Failures.Single().Code);
    }

    [TestMethod]
    public async Task VersionsTheSourceLacksAreReported()
    {
        using var temp = new TempFolder();
        var source = new OciLayoutStore(temp.Combine("source"));
        await PushVersionAsync(source, "1.0.0", withEvidence: false);
        var target = new OciLayoutStore(temp.Combine("target"));

        var byConstraint = await CopyAsync(source, target, new CopySelection(Demo) { Constraints = VersionConstraints.Parse(">= 2.0.0") });
        Assert.AreEqual(DiagnosticCodes.CopySourceVersionMissing, byConstraint.Failures.Single().Code);
        StringAssert.Contains(byConstraint.Failures.Single().Message, "1.0.0");
        var locked = await CopyAsync(source, target, new CopySelection(Demo) { Versions = [ProviderVersion.Parse("1.0.0"), ProviderVersion.Parse("3.0.0")] });
        Assert.AreEqual("1.0.0", locked.Versions.Single().Version.ToString());
        Assert.AreEqual(DiagnosticCodes.CopySourceVersionMissing, locked.Failures.Single().Code);
        StringAssert.Contains(locked.Failures.Single().Message, source.Name);
    }

    private static async Task AssertNotTaggedAsync(IOciRepositoryStore store, string tag)
    {
        try
        {
            CollectionAssert.DoesNotContain((await store.ListTagsAsync(default)).ToList(), tag);
        }
        catch (OciNotFoundException)
        {
            // No repository at all: nothing tagged either.
        }
    }

    private static Task<CopyReport> CopyAsync(IOciRepositoryStore source, IOciRepositoryStore target, CopySelection selection, IReadOnlyList<ModelPlatform>? platforms = null)
        => new CopyJob().RunAsync(new CopyRequest([selection], new FixedStores(source), new FixedStores(target)) { Platforms = platforms ?? [] }, default);

    /// <summary>Pushes a version with one zip per platform (an index listing them all) and, optionally, its evidence.</summary>
    internal static async Task<Descriptor> PushVersionAsync(IOciRepositoryStore store, string version, bool withEvidence, int zipSize = 4000, string[]? platforms = null)
    {
        var entries = new List<Descriptor>();
        foreach (var name in platforms ?? ["linux_amd64"])
        {
            var (os, arch) = (name.Split('_')[0], name.Split('_')[1]);
            var zip = TestContent.Blob(MediaTypes.ZipArchive, TestContent.RandomBytes(zipSize, (version + name).GetHashCode(StringComparison.Ordinal)));
            var config = TestContent.Blob(MediaTypes.ImageConfig, Encoding.UTF8.GetBytes($"{{\"architecture\":\"{arch}\",\"os\":\"{os}\"}}"));
            await store.PushBlobAsync(zip.Descriptor, new MemoryStream(zip.Bytes), default);
            await store.PushBlobAsync(config.Descriptor, new MemoryStream(config.Bytes), default);
            var manifest = new OciImageManifest
            {
                ArtifactType = MediaTypes.OpenTofuProviderTarget,
                Config = config.Descriptor,
                Layers = [zip.Descriptor with { Annotations = new Dictionary<string, string> { [MediaTypes.Annotations.Title] = $"terraform-provider-demo_{version}_{name}.zip" } }],
            };
            var pushed = await store.PushManifestAsync(OciJsonWriter.Serialize(manifest), MediaTypes.ImageManifest, null, default);
            entries.Add(pushed with { ArtifactType = MediaTypes.OpenTofuProviderTarget, Platform = new Platform(os, arch) });
        }
        var index = await store.PushManifestAsync(OciJsonWriter.Serialize(new OciIndex { ArtifactType = MediaTypes.OpenTofuProvider, Manifests = entries }),
            MediaTypes.ImageIndex, version, default);
        if (withEvidence) await new ProvenanceStore(store).AttachAsync(index, EvidenceSamples.For(version), default);
        return index;
    }
}
