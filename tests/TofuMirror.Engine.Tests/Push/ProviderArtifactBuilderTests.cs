using System.IO;
using System.Linq;
using System.Text;
using Microsoft.VisualStudio.TestTools.UnitTesting;
using TofuMirror.Engine.Providers;
using TofuMirror.Engine.Push;
using TofuMirror.Oci.Content;
using TofuMirror.Testing;
using Platform = TofuMirror.Model.Platforms.Platform;
using TofuMirror.Model.Hashing;
using TofuMirror.Model.Packages;
using TofuMirror.Model.Platforms;
using TofuMirror.Model.Versions;

namespace TofuMirror.Engine.Tests.Push;

/// <summary>The worked example of oci-mirror spec §5, built with <see cref="ProviderArtifactBuilder"/>.</summary>
[TestClass]
public sealed class ProviderArtifactBuilderTests
{
    private static readonly Platform LinuxAmd64 = Platform.Parse("linux_amd64");
    private static readonly Platform DarwinArm64 = Platform.Parse("darwin_arm64");
    private static readonly PackageHash SomeH1 = PackageHash.Parse("h1:U5RVDcr6irM28qBuZN9gx81apIb82jbXmljb032GLR4=");

    private static byte[] Example(string name) => File.ReadAllBytes(Path.Combine(RepoPaths.SpecExamples, name));

    private static Descriptor Config(Platform platform)
    {
        var bytes = ProviderArtifactBuilder.ConfigBlob(platform);
        return new Descriptor(MediaTypes.ImageConfig, Digest.Compute(bytes), bytes.Length);
    }

    private static Descriptor Layer(Platform platform)
    {
        var placeholder = Encoding.UTF8.GetBytes($"placeholder zip for {platform}\n");
        return ProviderArtifactBuilder.ZipLayer(Digest.Compute(placeholder), placeholder.Length,
            ProviderZipFileName.Format("random", ProviderVersion.Parse("3.6.0"), platform));
    }

    private static OciImageManifest Manifest(Platform platform) =>
        ProviderArtifactBuilder.PlatformManifest(platform, Config(platform), Layer(platform), SomeH1);

    /// <summary>The manifest as the spec example has it: ours minus the h1 annotation.</summary>
    private static byte[] WithoutH1(OciImageManifest manifest) => OciJsonWriter.Serialize(manifest with { Annotations = null });

    [TestMethod]
    public void ConfigBlobsAreWhatOrasWrites()
    {
        var linux = ProviderArtifactBuilder.ConfigBlob(LinuxAmd64);
        Assert.AreEqual("{\"architecture\":\"amd64\",\"os\":\"linux\"}", Encoding.UTF8.GetString(linux));
        Assert.AreEqual("sha256:9d99a75171aea000c711b34c0e5e3f28d3d537dd99d110eafbfbc2bd8e52c2bf", Digest.Compute(linux).ToString());
        var darwin = ProviderArtifactBuilder.ConfigBlob(DarwinArm64);
        Assert.AreEqual(38, darwin.Length);
        Assert.AreEqual("sha256:e94c0ba80a1157ffab5b5c6656fffc089c6446c7ed0604f3382910d1ef7dd40d", Digest.Compute(darwin).ToString());
    }

    [TestMethod]
    [DataRow("linux_amd64", "manifest_linux_amd64.json")]
    [DataRow("darwin_arm64", "manifest_darwin_arm64.json")]
    public void PlatformManifestIsTheExampleByteForByteApartFromTheH1Annotation(string platform, string example)
    {
        var manifest = Manifest(Platform.Parse(platform));
        CollectionAssert.AreEqual(Example(example), WithoutH1(manifest), Encoding.UTF8.GetString(WithoutH1(manifest)));
    }

    [TestMethod]
    public void PlatformManifestCarriesOnlyTheH1AnnotationOnTopOfTheExample()
    {
        var ours = OciJsonReader.ParseImageManifest(OciJsonWriter.Serialize(Manifest(LinuxAmd64)));
        var example = OciJsonReader.ParseImageManifest(Example("manifest_linux_amd64.json"));
        Assert.AreEqual(example.SchemaVersion, ours.SchemaVersion);
        Assert.AreEqual(example.MediaType, ours.MediaType);
        Assert.AreEqual(example.ArtifactType, ours.ArtifactType);
        Assert.AreEqual(example.Config.MediaType, ours.Config.MediaType);
        Assert.AreEqual(example.Config.Digest, ours.Config.Digest);
        Assert.AreEqual(example.Config.Size, ours.Config.Size);
        Assert.AreEqual(1, ours.Layers.Count);
        var (expected, actual) = (example.Layers[0], ours.Layers[0]);
        Assert.AreEqual(expected.MediaType, actual.MediaType);
        Assert.AreEqual(expected.Digest, actual.Digest);
        Assert.AreEqual(expected.Size, actual.Size);
        Assert.AreEqual("terraform-provider-random_3.6.0_linux_amd64.zip", actual.GetAnnotation(MediaTypes.Annotations.Title));
        Assert.AreEqual(1, actual.Annotations!.Count);
        Assert.IsNull(example.Annotations);
        Assert.AreEqual(1, ours.Annotations!.Count);
        Assert.AreEqual(SomeH1.ToString(), ours.Annotations[ProviderAnnotations.H1]);
        StringAssert.Contains(Encoding.UTF8.GetString(OciJsonWriter.Serialize(Manifest(LinuxAmd64))), "\"org.tofumirror.package.h1\": \"" + SomeH1 + "\"");
        // What OpenTofu reads still selects the zip layer.
        var (_, layer) = ProviderArtifactRules.SelectLayer(OciJsonWriter.Serialize(Manifest(LinuxAmd64)), LinuxAmd64);
        Assert.AreEqual("1e315d00458f3b8483380267117108e3681d9f414f5984fdd23b1c7097b22484", layer.Digest.Hex);
    }

    [TestMethod]
    public void IndexOfTheExampleManifestsIsTheExampleIndexByteForByte()
    {
        // Pushed in the "wrong" order: the index sorts by platform, so darwin_arm64 comes first as in the example.
        var entries = new[] { LinuxAmd64, DarwinArm64 }.Select(p =>
        {
            var bytes = WithoutH1(Manifest(p));
            return ProviderArtifactBuilder.ManifestEntry(Digest.Compute(bytes), bytes.Length, p);
        });
        var index = OciJsonWriter.Serialize(ProviderArtifactBuilder.Index(entries, existing: null));
        CollectionAssert.AreEqual(Example("index.json"), index, Encoding.UTF8.GetString(index));
        Assert.AreEqual("sha256:084d1268ba6f6fe8a724eca2a23d4bc105691497887aa492234ba7ea9cd9991a", Digest.Compute(index).ToString());
    }

    [TestMethod]
    public void IndexOfOurManifestsHasTheExampleShape()
    {
        var manifests = new[] { LinuxAmd64, DarwinArm64 }.ToDictionary(p => p.ToString(), p => OciJsonWriter.Serialize(Manifest(p)));
        var entries = new[] { LinuxAmd64, DarwinArm64 }.Select(p =>
            ProviderArtifactBuilder.ManifestEntry(Digest.Compute(manifests[p.ToString()]), manifests[p.ToString()].Length, p));
        var ours = OciJsonReader.ParseIndex(OciJsonWriter.Serialize(ProviderArtifactBuilder.Index(entries, null)));
        var example = OciJsonReader.ParseIndex(Example("index.json"));

        Assert.AreEqual(example.SchemaVersion, ours.SchemaVersion);
        Assert.AreEqual(example.MediaType, ours.MediaType);
        Assert.AreEqual(example.ArtifactType, ours.ArtifactType);
        Assert.AreEqual(example.Manifests.Count, ours.Manifests.Count);
        for (var i = 0; i < ours.Manifests.Count; i++)
        {
            var (expected, actual) = (example.Manifests[i], ours.Manifests[i]);
            Assert.AreEqual(expected.MediaType, actual.MediaType);
            Assert.AreEqual(expected.ArtifactType, actual.ArtifactType);
            Assert.AreEqual(expected.Platform, actual.Platform);
            Assert.AreEqual(Digest.Compute(manifests[actual.Platform!.ToString()]), actual.Digest);
            Assert.AreEqual(manifests[actual.Platform.ToString()].Length, actual.Size);
            // The annotation makes each manifest longer than the example's, so the digests differ.
            Assert.AreNotEqual(expected.Digest, actual.Digest);
            Assert.IsNull(actual.Annotations);
        }
    }

    [TestMethod]
    public void IndexMergeReplacesPushedPlatformsAndKeepsTheOthersSorted()
    {
        Descriptor Entry(string platform, string seed) =>
            ProviderArtifactBuilder.ManifestEntry(Digest.Compute(Encoding.UTF8.GetBytes(seed)), 100 + seed.Length, Platform.Parse(platform));
        var existing = ProviderArtifactBuilder.Index([Entry("linux_amd64", "old linux"), Entry("windows_amd64", "windows")], null);

        var merged = ProviderArtifactBuilder.Index([Entry("linux_amd64", "new linux"), Entry("darwin_arm64", "darwin")], existing);

        CollectionAssert.AreEqual(new[] { "darwin_arm64", "linux_amd64", "windows_amd64" }, merged.Manifests.Select(m => m.Platform!.ToString()).ToArray());
        Assert.AreEqual(Digest.Compute(Encoding.UTF8.GetBytes("new linux")), merged.Manifests[1].Digest);
        Assert.AreEqual(Digest.Compute(Encoding.UTF8.GetBytes("windows")), merged.Manifests[2].Digest);
        Assert.AreEqual(MediaTypes.OpenTofuProvider, merged.ArtifactType);
        Assert.AreEqual(MediaTypes.ImageIndex, merged.MediaType);
    }

    [TestMethod]
    public void SameSetOfPlatformsGivesTheSameIndexBytesInAnyOrder()
    {
        Descriptor Entry(string platform) =>
            ProviderArtifactBuilder.ManifestEntry(Digest.Compute(Encoding.UTF8.GetBytes(platform)), 500, Platform.Parse(platform));
        var a = OciJsonWriter.Serialize(ProviderArtifactBuilder.Index([Entry("linux_arm64"), Entry("darwin_amd64"), Entry("linux_amd64")], null));
        var b = OciJsonWriter.Serialize(ProviderArtifactBuilder.Index([Entry("linux_amd64"), Entry("linux_arm64"), Entry("darwin_amd64")], null));
        CollectionAssert.AreEqual(a, b);
    }
}
