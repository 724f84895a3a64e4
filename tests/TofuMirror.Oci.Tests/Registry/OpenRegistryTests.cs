using System;
using System.IO;
using System.Linq;
using System.Threading.Tasks;
using Microsoft.VisualStudio.TestTools.UnitTesting;
using TofuMirror.Oci.Content;
using TofuMirror.Oci.Transport;
using TofuMirror.Testing.Registry;

namespace TofuMirror.Oci.Tests.Registry;

[TestClass]
public sealed class OpenRegistryTests
{
    private static readonly ClassRegistry s_registry = new();

    [ClassCleanup]
    public static void Stop() => s_registry.Dispose();

    private static RegistryProcess Registry => s_registry.Process;

    [TestMethod]
    public async Task PushThenPullProviderRoundTrips()
    {
        using var factory = new OciClientFactory(TestContent.FastOptions);
        var repo = factory.CreateRepository(Registry.Host, "opentofu-providers/hashicorp/random");
        Assert.IsTrue(await repo.PingAsync(default));
        var zip = TestContent.RandomBytes(100_000, 1);
        var pushed = await TestContent.PushProviderAsync(repo, "3.6.0", zip);

        CollectionAssert.Contains((await repo.ListTagsAsync(default)).ToList(), "3.6.0");
        var resolved = await repo.ResolveAsync("3.6.0", default);
        Assert.AreEqual(pushed.Index.Digest, resolved.Digest);
        Assert.AreEqual(MediaTypes.ImageIndex, resolved.MediaType);
        Assert.AreEqual(pushed.Index.Size, resolved.Size);

        var index = OciJsonReader.ParseIndex(await repo.FetchManifestAsync(resolved, default));
        Assert.AreEqual(MediaTypes.OpenTofuProvider, index.ArtifactType);
        var entry = index.Manifests.Single();
        Assert.AreEqual("linux", entry.Platform!.Os);
        var manifest = OciJsonReader.ParseImageManifest(await repo.FetchManifestAsync(entry, default));
        var layer = manifest.Layers.Single();
        Assert.AreEqual(MediaTypes.ZipArchive, layer.MediaType);

        using var buffer = new MemoryStream();
        await repo.FetchBlobAsync(layer, buffer, default);
        CollectionAssert.AreEqual(zip, buffer.ToArray());
    }

    [TestMethod]
    public async Task RepushingUploadsNothing()
    {
        using var factory = new OciClientFactory(TestContent.FastOptions);
        var repo = factory.CreateRepository(Registry.Host, "repush/test");
        var blob = TestContent.Blob(MediaTypes.ZipArchive, TestContent.RandomBytes(1000, 2));
        Assert.AreEqual(BlobPushResult.Uploaded, await repo.PushBlobAsync(blob.Descriptor, new MemoryStream(blob.Bytes), default));
        Assert.AreEqual(BlobPushResult.AlreadyExists, await repo.PushBlobAsync(blob.Descriptor, new MemoryStream(blob.Bytes), default));
        Assert.IsTrue(await repo.BlobExistsAsync(blob.Descriptor, default));
    }
}
