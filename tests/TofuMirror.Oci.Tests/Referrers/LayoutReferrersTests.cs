using System.IO;
using System.Linq;
using System.Threading.Tasks;
using Microsoft.VisualStudio.TestTools.UnitTesting;
using TofuMirror.Oci.Content;
using TofuMirror.Oci.Layout;
using TofuMirror.Testing;
using TofuMirror.Testing.Registry;

namespace TofuMirror.Oci.Tests.Referrers;

[TestClass]
public sealed class LayoutReferrersTests
{
    [TestMethod]
    public async Task ReferrersAreUntaggedIndexEntriesFoundByTheirSubject()
    {
        using var temp = new TempFolder();
        var store = new OciLayoutStore(temp.Combine("layout"));
        var subject = (await TestContent.PushProviderAsync(store, "1.0.0", TestContent.RandomBytes(1000, 1))).Index;
        var other = (await TestContent.PushProviderAsync(store, "2.0.0", TestContent.RandomBytes(1000, 2))).Index;

        var signature = await ReferrerContent.PushAsync(store, subject, "application/vnd.test.signature", "one");
        var sbom = await ReferrerContent.PushAsync(store, subject, "application/vnd.test.sbom", "two");
        var otherSignature = await ReferrerContent.PushAsync(store, other, "application/vnd.test.signature", "three");
        await ReferrerContent.PushAsync(store, subject, "application/vnd.test.signature", "one");

        CollectionAssert.AreEquivalent(new[] { signature.Digest, sbom.Digest }, (await store.ListReferrersAsync(subject.Digest, null, default)).Select(d => d.Digest).ToArray());
        var signatures = await store.ListReferrersAsync(subject.Digest, "application/vnd.test.signature", default);
        Assert.AreEqual(signature.Digest, signatures.Single().Digest);
        Assert.AreEqual(otherSignature.Digest, (await store.ListReferrersAsync(other.Digest, null, default)).Single().Digest);
        CollectionAssert.AreEquivalent(new[] { "1.0.0", "2.0.0" }, (await store.ListTagsAsync(default)).ToArray());

        var index = OciJsonReader.ParseIndex(await File.ReadAllBytesAsync(temp.Combine("layout", "index.json")));
        Assert.AreEqual(5, index.Manifests.Count, "two tags and three referrers, each once");
        var entry = index.Manifests.Single(d => d.Digest == sbom.Digest);
        Assert.AreEqual("application/vnd.test.sbom", entry.ArtifactType);
        Assert.IsNull(entry.GetAnnotation(MediaTypes.Annotations.RefName));
    }
}
