using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Threading.Tasks;
using Microsoft.VisualStudio.TestTools.UnitTesting;
using TofuMirror.Engine.Provenance;
using TofuMirror.Oci.Content;
using TofuMirror.Oci.Layout;
using TofuMirror.Testing;
using TofuMirror.Testing.Registry;

namespace TofuMirror.Engine.Tests.Provenance;

/// <summary>The strict reader refuses every departure from the format; the writer refuses to write what the reader would refuse.</summary>
[TestClass]
public sealed class EvidenceReaderTests
{
    private TempFolder _temp = null!;
    private OciLayoutStore _layout = null!;
    private Descriptor _subject = null!;

    [TestInitialize]
    public async Task Create()
    {
        _temp = new TempFolder();
        _layout = new OciLayoutStore(_temp.Combine("layout"));
        _subject = (await TestContent.PushProviderAsync(_layout, "1.0.0", TestContent.RandomBytes(2000, 1))).Index;
    }

    [TestCleanup]
    public void Delete() => _temp.Dispose();

    [TestMethod]
    public async Task TheUnchangedArtifactReads()
    {
        var read = await EvidenceReader.ReadAsync(_layout, await PushVariantAsync(m => m), _subject.Digest, default);
        ProvenanceStoreTests.AssertSame(EvidenceSamples.For("1.0.0"), read);
    }

    [TestMethod]
    public async Task WrongTypesAreRefused()
    {
        await AssertRefusedAsync(m => m with { ArtifactType = "application/vnd.example.signature" }, "artifactType");
        await AssertRefusedAsync(m => m with { Config = new Descriptor(MediaTypes.ImageConfig, m.Config.Digest, 2) }, "empty descriptor");
        await AssertRefusedAsync(m => m with { Layers = [m.Layers[1], m.Layers[0], m.Layers[2]] }, "media type");
        await AssertRefusedAsync(m => m with { Layers = m.Layers.Take(2).ToList() }, "2 layers");
        await AssertRefusedAsync(m => m with { Layers = [m.Layers[0] with { MediaType = "application/octet-stream" }, m.Layers[1], m.Layers[2]] }, "media type");
        await AssertRefusedAsync(m => m with { Layers = [m.Layers[0] with { Annotations = null }, m.Layers[1], m.Layers[2]] }, "titled");
    }

    [TestMethod]
    public async Task BadAnnotationsAreRefused()
    {
        await AssertRefusedAsync(m => m with { Annotations = Without(m, EvidenceFormat.Annotations.OriginUrl) }, "origin-url is missing");
        await AssertRefusedAsync(m => m with { Annotations = With(m, EvidenceFormat.Annotations.KeyIds, "34365d9472d7468f") }, "key ID");
        await AssertRefusedAsync(m => m with { Annotations = With(m, EvidenceFormat.Annotations.VerifiedAt, "yesterday") }, "RFC 3339");
        await AssertRefusedAsync(m => m with { Annotations = With(m, EvidenceFormat.Annotations.Provider, "hashicorp/demo") }, "normal form");
        await AssertRefusedAsync(m => m with { Annotations = With(m, EvidenceFormat.Annotations.Version, "v1.0") }, "canonical");
    }

    [TestMethod]
    public async Task AnOversizedLayerIsRefusedBeforeItIsRead()
    {
        var big = new byte[EvidenceFormat.MaxLayerBytes + 1];
        var bigDescriptor = new Descriptor(EvidenceFormat.ShaSumsMediaType, Digest.Compute(big), big.Length);
        await _layout.PushBlobAsync(bigDescriptor, new MemoryStream(big), default);
        await AssertRefusedAsync(m => m with { Layers = [bigDescriptor with { Annotations = m.Layers[0].Annotations }, m.Layers[1], m.Layers[2]] }, "1048577 bytes");
        Assert.ThrowsExactly<ArgumentException>(() => EvidenceArtifact.Create(EvidenceSamples.For("1.0.0") with { ShaSums = big }, _subject));
    }

    [TestMethod]
    public async Task ALayerThatDoesNotMatchItsDigestIsRefused()
    {
        var artifact = await PushVariantAsync(m => m);
        var manifest = OciJsonReader.ParseImageManifest(await _layout.FetchManifestAsync(artifact, default));
        var signature = manifest.Layers[1];
        var tampered = File.ReadAllBytes(_layout.BlobPath(signature.Digest));
        tampered[^3] ^= 1;
        File.WriteAllBytes(_layout.BlobPath(signature.Digest), tampered);

        var e = await Assert.ThrowsExactlyAsync<ProvenanceFormatException>(() => EvidenceReader.ReadAsync(_layout, artifact, _subject.Digest, default));
        StringAssert.Contains(e.Message, "digest");
    }

    [TestMethod]
    public void TheWriterRefusesWhatTheReaderWould()
    {
        var good = EvidenceSamples.For("1.0.0");
        Assert.ThrowsExactly<ArgumentException>(() => EvidenceArtifact.Create(good with { KeyIds = [] }, _subject));
        Assert.ThrowsExactly<ArgumentException>(() => EvidenceArtifact.Create(good with { OriginUrl = "ftp://example.com/x" }, _subject));
        Assert.ThrowsExactly<ArgumentException>(() => EvidenceArtifact.Create(good with { Signature = [] }, _subject));
    }

    private async Task AssertRefusedAsync(Func<OciImageManifest, OciImageManifest> change, string expected)
    {
        var artifact = await PushVariantAsync(change);
        var e = await Assert.ThrowsExactlyAsync<ProvenanceFormatException>(() => EvidenceReader.ReadAsync(_layout, artifact, _subject.Digest, default));
        StringAssert.Contains(e.Message, expected);
    }

    /// <summary>Pushes the blobs of the sample evidence and a manifest changed by <paramref name="change"/>.</summary>
    private async Task<Descriptor> PushVariantAsync(Func<OciImageManifest, OciImageManifest> change)
    {
        var artifact = EvidenceArtifact.Create(EvidenceSamples.For("1.0.0"), _subject);
        foreach (var (descriptor, content) in artifact.Blobs) await _layout.PushBlobAsync(descriptor, new MemoryStream(content), default);
        var manifest = OciJsonWriter.Serialize(change(OciJsonReader.ParseImageManifest(artifact.Manifest)));
        return await _layout.PushManifestAsync(manifest, MediaTypes.ImageManifest, null, default);
    }

    private static Dictionary<string, string> Without(OciImageManifest m, string name)
        => m.Annotations!.Where(p => p.Key != name).ToDictionary(p => p.Key, p => p.Value);

    private static Dictionary<string, string> With(OciImageManifest m, string name, string value)
        => new(m.Annotations!) { [name] = value };
}
