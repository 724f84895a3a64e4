using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text;
using Microsoft.VisualStudio.TestTools.UnitTesting;
using TofuMirror.Oci.Content;
using TofuMirror.Testing;

namespace TofuMirror.Oci.Tests.Content;

/// <summary>The worked example of oci-mirror.md §5, byte for byte.</summary>
[TestClass]
public sealed class ManifestSerializationTests
{
    private static byte[] Example(string name) => File.ReadAllBytes(Path.Combine(RepoPaths.SpecExamples, name));

    private static OciImageManifest PlatformManifest(string os, string arch)
    {
        var config = Encoding.UTF8.GetBytes($"{{\"architecture\":\"{arch}\",\"os\":\"{os}\"}}");
        var zip = Encoding.UTF8.GetBytes($"placeholder zip for {os}_{arch}\n");
        return new OciImageManifest
        {
            ArtifactType = MediaTypes.OpenTofuProviderTarget,
            Config = new Descriptor(MediaTypes.ImageConfig, Digest.Compute(config), config.Length),
            Layers = new[]
            {
                new Descriptor(MediaTypes.ZipArchive, Digest.Compute(zip), zip.Length)
                {
                    Annotations = new Dictionary<string, string> { [MediaTypes.Annotations.Title] = $"terraform-provider-random_3.6.0_{os}_{arch}.zip" },
                },
            },
        };
    }

    [TestMethod]
    [DataRow("linux", "amd64", "manifest_linux_amd64.json", 628)]
    [DataRow("darwin", "arm64", "manifest_darwin_arm64.json", 629)]
    public void ImageManifestMatchesExampleBytes(string os, string arch, string file, int size)
    {
        var bytes = OciJsonWriter.Serialize(PlatformManifest(os, arch));
        Assert.AreEqual(size, bytes.Length);
        Assert.AreEqual(Encoding.UTF8.GetString(Example(file)), Encoding.UTF8.GetString(bytes));
        CollectionAssert.AreEqual(Example(file), bytes);
    }

    [TestMethod]
    public void IndexMatchesExampleBytesAndDigest()
    {
        var darwin = OciJsonWriter.Serialize(PlatformManifest("darwin", "arm64"));
        var linux = OciJsonWriter.Serialize(PlatformManifest("linux", "amd64"));
        Assert.AreEqual("sha256:4ce2ac3e470abbfa8917c3f01094954a6d44586a8b64cd567945620779f51e5c", Digest.Compute(darwin).ToString());
        Assert.AreEqual("sha256:a506f16b10841ad52ca6e7b35f84ea5a5fed15455d6723133de19b863248a9e1", Digest.Compute(linux).ToString());
        var index = new OciIndex
        {
            ArtifactType = MediaTypes.OpenTofuProvider,
            Manifests = new[]
            {
                new Descriptor(MediaTypes.ImageManifest, Digest.Compute(darwin), darwin.Length) { ArtifactType = MediaTypes.OpenTofuProviderTarget, Platform = new Platform("darwin", "arm64") },
                new Descriptor(MediaTypes.ImageManifest, Digest.Compute(linux), linux.Length) { ArtifactType = MediaTypes.OpenTofuProviderTarget, Platform = new Platform("linux", "amd64") },
            },
        };
        var bytes = OciJsonWriter.Serialize(index);
        Assert.AreEqual(833, bytes.Length);
        CollectionAssert.AreEqual(Example("index.json"), bytes);
        Assert.AreEqual("sha256:084d1268ba6f6fe8a724eca2a23d4bc105691497887aa492234ba7ea9cd9991a", Digest.Compute(bytes).ToString());
    }

    [TestMethod]
    public void ParsesExamplesAndReserialisesIdentically()
    {
        foreach (var file in new[] { "manifest_linux_amd64.json", "manifest_darwin_arm64.json" })
        {
            var parsed = OciJsonReader.ParseImageManifest(Example(file));
            Assert.AreEqual(MediaTypes.OpenTofuProviderTarget, parsed.ArtifactType);
            CollectionAssert.AreEqual(Example(file), OciJsonWriter.Serialize(parsed));
        }

        var index = OciJsonReader.ParseIndex(Example("index.json"));
        Assert.AreEqual(2, index.Manifests.Count);
        Assert.AreEqual("darwin_arm64", index.Manifests[0].Platform!.ToString());
        CollectionAssert.AreEqual(Example("index.json"), OciJsonWriter.Serialize(index));
    }

    [TestMethod]
    public void ReaderIgnoresUnknownFieldsAndSniffsKinds()
    {
        var json = Encoding.UTF8.GetBytes("{\"schemaVersion\":2,\"x-extra\":[1,2],\"manifests\":[],\"mediaType\":\"" + MediaTypes.ImageIndex + "\"}");
        Assert.AreEqual(0, OciJsonReader.ParseIndex(json).Manifests.Count);
        Assert.AreEqual(OciJsonReader.ManifestKind.Index, OciJsonReader.Sniff(json).Kind);
        Assert.AreEqual(OciJsonReader.ManifestKind.ImageManifest, OciJsonReader.Sniff(Example("manifest_linux_amd64.json")).Kind);
        Assert.ThrowsExactly<OciProtocolException>(() => OciJsonReader.ParseIndex(Encoding.UTF8.GetBytes("{not json")));
        Assert.ThrowsExactly<OciProtocolException>(() => OciJsonReader.ParseImageManifest(Encoding.UTF8.GetBytes("{\"layers\":[]}")));
    }

    [TestMethod]
    public void AnnotationsAreSortedForDeterminism()
    {
        var d = new Descriptor(MediaTypes.ZipArchive, Digest.Compute(new byte[] { 1 }), 1)
        {
            Annotations = new Dictionary<string, string> { ["z"] = "1", ["a"] = "2" },
        };
        var text = Encoding.UTF8.GetString(OciJsonWriter.Serialize(new OciIndex { Manifests = new[] { d } }));
        Assert.IsTrue(text.IndexOf("\"a\"", System.StringComparison.Ordinal) < text.IndexOf("\"z\"", System.StringComparison.Ordinal));
        Assert.IsFalse(text.EndsWith('\n'));
        Assert.IsFalse(text.Contains('\r'));
        Assert.IsFalse(text.Contains("\\u002B"));
    }

    [TestMethod]
    [DataRow(5_242_879L, false)]
    [DataRow(5_242_880L, true)]
    [DataRow(4_194_304L, false)]
    public void ManifestLimitUsesIntegerDivision(long size, bool exceeds)
        => Assert.AreEqual(exceeds, ContentReader.ExceedsManifestLimit(size, 4));
}
