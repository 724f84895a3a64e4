using System;
using System.IO;
using System.Linq;
using System.Text;
using System.Threading.Tasks;
using Microsoft.VisualStudio.TestTools.UnitTesting;
using TofuMirror.Oci.Content;
using TofuMirror.Oci.Layout;
using TofuMirror.Testing.Registry;

namespace TofuMirror.Oci.Tests.Layout;

[TestClass]
public sealed class OciLayoutStoreTests
{
    private string _root = null!;

    [TestInitialize]
    public void Create() => _root = Path.Combine(Path.GetTempPath(), "tofumirror-layout-" + Guid.NewGuid().ToString("N"));

    [TestCleanup]
    public void Delete()
    {
        if (Directory.Exists(_root)) Directory.Delete(_root, recursive: true);
    }

    [TestMethod]
    public async Task PushAndReadBackProvider()
    {
        var store = new OciLayoutStore(_root);
        var zip = TestContent.RandomBytes(20_000, 20);
        var pushed = await TestContent.PushProviderAsync(store, "1.0.0", zip);

        Assert.AreEqual("{\"imageLayoutVersion\":\"1.0.0\"}", File.ReadAllText(Path.Combine(_root, "oci-layout")));
        Assert.IsTrue(File.Exists(Path.Combine(_root, "blobs", "sha256", pushed.Zip.Digest.Hex)));
        CollectionAssert.AreEqual(new[] { "1.0.0" }, (await store.ListTagsAsync(default)).ToArray());
        var resolved = await store.ResolveAsync("1.0.0", default);
        Assert.AreEqual(pushed.Index.Digest, resolved.Digest);
        Assert.IsNull(resolved.Annotations);
        var index = OciJsonReader.ParseIndex(await store.FetchManifestAsync(resolved, default));
        var manifestDescriptor = await store.ResolveAsync(index.Manifests[0].Digest.ToString(), default);
        Assert.AreEqual(MediaTypes.ImageManifest, manifestDescriptor.MediaType);
        var target = Path.Combine(_root, "out", "provider.zip");
        await store.FetchBlobToFileAsync(pushed.Zip, target, default);
        CollectionAssert.AreEqual(zip, File.ReadAllBytes(target));

        var entry = OciJsonReader.ParseIndex(File.ReadAllBytes(Path.Combine(_root, "index.json"))).Manifests.Single();
        Assert.AreEqual("1.0.0", entry.GetAnnotation(MediaTypes.Annotations.RefName));
        Assert.AreEqual(MediaTypes.OpenTofuProvider, entry.ArtifactType);
    }

    [TestMethod]
    public async Task RetaggingMovesTheTagAndRepushSkips()
    {
        var store = new OciLayoutStore(_root);
        var a = await TestContent.PushProviderAsync(store, "1.0.0", TestContent.RandomBytes(100, 21));
        var b = await TestContent.PushProviderAsync(store, "1.0.0", TestContent.RandomBytes(100, 22));
        Assert.AreNotEqual(a.Index.Digest, b.Index.Digest);
        Assert.AreEqual(b.Index.Digest, (await store.ResolveAsync("1.0.0", default)).Digest);
        Assert.AreEqual(1, (await store.ListTagsAsync(default)).Count);
        var blob = TestContent.Blob(MediaTypes.ZipArchive, TestContent.RandomBytes(100, 21));
        Assert.AreEqual(BlobPushResult.AlreadyExists, await store.PushBlobAsync(blob.Descriptor, new MemoryStream(blob.Bytes), default));
    }

    [TestMethod]
    public async Task ConcurrentWritersKeepEveryTag()
    {
        var tags = Enumerable.Range(0, 24).Select(i => $"1.0.{i}").ToArray();
        await Task.WhenAll(tags.Select(t => Task.Run(() => TestContent.PushProviderAsync(new OciLayoutStore(_root), t, Encoding.UTF8.GetBytes("zip " + t)))));
        CollectionAssert.AreEquivalent(tags, (await new OciLayoutStore(_root).ListTagsAsync(default)).ToArray());
        Assert.AreEqual(0, Directory.GetFiles(_root, "*.tmp-*", SearchOption.AllDirectories).Length);
        Assert.IsFalse(File.Exists(Path.Combine(_root, "index.json.lock")), "the writers lock oci-layout; no lock file is left behind");
        Assert.AreEqual("{\"imageLayoutVersion\":\"1.0.0\"}", File.ReadAllText(Path.Combine(_root, "oci-layout")));
    }

    [TestMethod]
    public async Task AMissingFolderOrAFolderWithoutIndexIsAMissingRepositoryNotAMissingTag()
    {
        var store = new OciLayoutStore(_root);
        foreach (var read in new Func<Task>[] { () => store.ListTagsAsync(default), () => store.ResolveAsync("1.0.0", default) })
        {
            var missing = await Assert.ThrowsExactlyAsync<OciNotFoundException>(read);
            Assert.AreEqual($"oci-layout:{_root} does not exist (no such folder)", missing.Message);
            Assert.IsTrue(missing.HasErrorCode("NAME_UNKNOWN"));
        }
        Assert.IsFalse(Directory.Exists(_root));

        Directory.CreateDirectory(_root);
        var notLayout = await Assert.ThrowsExactlyAsync<OciNotFoundException>(() => store.ResolveAsync("1.0.0", default));
        Assert.AreEqual($"oci-layout:{_root} is not an OCI image layout (the folder has no index.json)", notLayout.Message);
        Assert.IsTrue(notLayout.HasErrorCode("NAME_UNKNOWN"));

        await TestContent.PushProviderAsync(store, "1.0.0", TestContent.RandomBytes(100, 25));
        var missingTag = await Assert.ThrowsExactlyAsync<OciNotFoundException>(() => store.ResolveAsync("2.0.0", default));
        Assert.IsFalse(missingTag.HasErrorCode("NAME_UNKNOWN"));
    }

    [TestMethod]
    public async Task AnEmptyOciLayoutFileLeftByACrashIsFilledIn()
    {
        Directory.CreateDirectory(_root);
        File.WriteAllText(Path.Combine(_root, "oci-layout"), "");

        await TestContent.PushProviderAsync(new OciLayoutStore(_root), "1.0.0", TestContent.RandomBytes(100, 26));

        Assert.AreEqual("{\"imageLayoutVersion\":\"1.0.0\"}", File.ReadAllText(Path.Combine(_root, "oci-layout")));
    }

    [TestMethod]
    public async Task RejectsBadContentAndReportsMissing()
    {
        var store = new OciLayoutStore(_root);
        var blob = TestContent.Blob(MediaTypes.ZipArchive, TestContent.RandomBytes(100, 23));
        var lie = blob.Descriptor with { Digest = Digest.Compute(new byte[] { 1 }) };
        await Assert.ThrowsExactlyAsync<OciDigestMismatchException>(() => store.PushBlobAsync(lie, new MemoryStream(blob.Bytes), default));
        Assert.IsFalse(await store.BlobExistsAsync(lie, default));
        await Assert.ThrowsExactlyAsync<OciNotFoundException>(() => store.ListTagsAsync(default));
        await store.PushBlobAsync(blob.Descriptor, new MemoryStream(blob.Bytes), default);
        await Assert.ThrowsExactlyAsync<OciNotFoundException>(() => store.ResolveAsync("nope", default));

        // A blob corrupted on disk is caught when read.
        File.WriteAllBytes(store.BlobPath(blob.Descriptor.Digest), TestContent.RandomBytes(100, 24));
        await Assert.ThrowsExactlyAsync<OciDigestMismatchException>(() => store.FetchBlobAsync(blob.Descriptor, Stream.Null, default));
    }
}
