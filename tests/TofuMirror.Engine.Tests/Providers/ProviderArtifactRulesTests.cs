using System;
using System.Collections.Generic;
using System.Text;
using Microsoft.VisualStudio.TestTools.UnitTesting;
using TofuMirror.Engine.Providers;
using TofuMirror.Oci;
using TofuMirror.Oci.Content;
using CorePlatform = TofuMirror.Model.Platforms.Platform;
using OciPlatform = TofuMirror.Oci.Content.Platform;
using TofuMirror.Model.Addresses;
using TofuMirror.Model.Diagnostics;
using TofuMirror.Model.Hashing;
using TofuMirror.Model.Platforms;
using TofuMirror.Model.Versions;

namespace TofuMirror.Engine.Tests.Providers;

/// <summary>OpenTofu's index/manifest rules (oci-mirror spec §2.2–§2.6; conformance cases 18–30), with its messages.</summary>
[TestClass]
public sealed class ProviderArtifactRulesTests
{
    private static readonly CorePlatform LinuxAmd64 = CorePlatform.Parse("linux_amd64");

    private static Digest DigestOf(string text) => Digest.Compute(Encoding.UTF8.GetBytes(text));

    private static Descriptor Entry(string os, string arch, string? artifactType = MediaTypes.OpenTofuProviderTarget,
        string mediaType = MediaTypes.ImageManifest, string seed = "") =>
        new(mediaType, DigestOf(os + arch + seed), 600) { ArtifactType = artifactType, Platform = new OciPlatform(os, arch) };

    private static OciIndex Index(params Descriptor[] entries) => new() { ArtifactType = MediaTypes.OpenTofuProvider, Manifests = entries };

    private static Descriptor ZipLayer(string seed = "zip") => new(MediaTypes.ZipArchive, DigestOf(seed), 32);

    private static byte[] ManifestJson(params Descriptor[] layers) => OciJsonWriter.Serialize(new OciImageManifest
    {
        ArtifactType = MediaTypes.OpenTofuProviderTarget,
        Config = new Descriptor(MediaTypes.ImageConfig, DigestOf("config"), 37),
        Layers = layers,
    });

    private static ProviderFailure Fails(string code, Action action)
    {
        var failure = Assert.ThrowsExactly<ProviderFailure>(action);
        Assert.AreEqual(code, failure.Code, failure.Message);
        return failure;
    }

    private static void FailsInvalid(string message, Action action) =>
        Assert.AreEqual(message, Fails(DiagnosticCodes.InvalidProviderArtifact, action).Message);

    // Case 18 and the other §2.2 outcomes of resolving the version tag.
    [TestMethod]
    [DataRow(MediaTypes.ImageManifest, null, "selected an OCI image manifest directly, but providers must be selected through a multi-platform index manifest")]
    [DataRow(MediaTypes.Descriptor, null, "found OCI descriptor but expected multi-platform index manifest")]
    [DataRow(MediaTypes.DockerManifestList, null, "unsupported media type \"application/vnd.docker.distribution.manifest.list.v2+json\" for OCI index manifest")]
    [DataRow(MediaTypes.ImageIndex, MediaTypes.OpenTofuModulePackage, "selected OCI artifact is an OpenTofu module package, not a provider package")]
    [DataRow(MediaTypes.ImageIndex, MediaTypes.OpenTofuProviderTarget, "tag refers directly to image manifest, but OpenTofu providers require an index manifest for multi-platform support")]
    [DataRow(MediaTypes.ImageIndex, "application/vnd.example.thing", "unsupported OCI artifact type \"application/vnd.example.thing\"")]
    public void ResolvedTagMustBeAProviderIndex(string mediaType, string? artifactType, string problem)
    {
        var descriptor = new Descriptor(mediaType, DigestOf("x"), 100) { ArtifactType = artifactType };
        FailsInvalid($"resolving tag \"3.6.0\": {problem}", () => ProviderArtifactRules.CheckResolvedTag(descriptor, "3.6.0"));
    }

    [TestMethod]
    [DataRow(null)]
    [DataRow("")]
    [DataRow(MediaTypes.OpenTofuProvider)]
    public void ResolvedIndexWithoutOrWithProviderArtifactTypeIsAccepted(string? artifactType)
    {
        // A registry HEAD normally carries no artifact type; §2.3 checks the fetched index instead.
        ProviderArtifactRules.CheckResolvedTag(new Descriptor(MediaTypes.ImageIndex, DigestOf("x"), 100) { ArtifactType = artifactType }, "1.0.0");
    }

    [TestMethod]
    public void IndexWithoutArtifactTypeIsRejected()
    {
        // Case 20.
        var json = OciJsonWriter.Serialize(new OciIndex { Manifests = [Entry("linux", "amd64")] });
        FailsInvalid("unexpected artifact type \"\"", () => ProviderArtifactRules.ParseIndex(json));
    }

    [TestMethod]
    public void IndexOfAModulePackageIsRejected()
    {
        // Case 19 when the artifact type is only seen in the fetched index.
        var json = OciJsonWriter.Serialize(new OciIndex { ArtifactType = MediaTypes.OpenTofuModulePackage, Manifests = [Entry("linux", "amd64")] });
        FailsInvalid("unexpected artifact type \"application/vnd.opentofu.modulepkg\"", () => ProviderArtifactRules.ParseIndex(json));
    }

    [TestMethod]
    public void ImageManifestWhereAnIndexIsNeededIsRejected()
    {
        FailsInvalid("found image manifest but need index manifest", () => ProviderArtifactRules.ParseIndex(ManifestJson(ZipLayer())));
    }

    [TestMethod]
    public void IndexWithAnotherMediaTypeIsRejected()
    {
        var json = Encoding.UTF8.GetBytes(
            "{\"schemaVersion\":2,\"mediaType\":\"application/vnd.docker.distribution.manifest.list.v2+json\",\"artifactType\":\"application/vnd.opentofu.provider\",\"manifests\":[]}");
        FailsInvalid("unexpected manifest media type \"application/vnd.docker.distribution.manifest.list.v2+json\"", () => ProviderArtifactRules.ParseIndex(json));
    }

    [TestMethod]
    public void ProviderIndexParsesWithUnknownFieldsIgnored()
    {
        var json = Encoding.UTF8.GetBytes(
            "{\"schemaVersion\":2,\"mediaType\":\"application/vnd.oci.image.index.v1+json\",\"artifactType\":\"application/vnd.opentofu.provider\"," +
            "\"futureField\":{\"a\":1},\"annotations\":{\"x\":\"y\"},\"manifests\":[]}");
        var index = ProviderArtifactRules.ParseIndex(json);
        Assert.AreEqual(MediaTypes.OpenTofuProvider, index.ArtifactType);
        Assert.AreEqual(0, index.Manifests.Count);
    }

    [TestMethod]
    public void SelectsTheEntryOfTheTargetPlatform()
    {
        // Case 21.
        var darwin = Entry("darwin", "arm64");
        var linux = Entry("linux", "amd64");
        Assert.AreSame(linux, ProviderArtifactRules.SelectPlatformManifest(Index(darwin, linux), LinuxAmd64));
        Assert.AreSame(darwin, ProviderArtifactRules.SelectPlatformManifest(Index(darwin, linux), CorePlatform.Parse("darwin_arm64")));
    }

    [TestMethod]
    public void MissingPlatformIsPlatformNotSupportedAndMayFallThrough()
    {
        // Case 22.
        var failure = Fails(DiagnosticCodes.PlatformNotSupported,
            () => ProviderArtifactRules.SelectPlatformManifest(Index(Entry("darwin", "arm64"), Entry("linux", "amd64")), CorePlatform.Parse("windows_amd64")));
        Assert.IsTrue(failure.AllowsFallThrough);
        StringAssert.Contains(failure.Message, "windows_amd64");
        StringAssert.Contains(failure.Message, "darwin_arm64, linux_amd64");
    }

    [TestMethod]
    public void EntryWithOsVersionNeverMatches()
    {
        var withOsVersion = Entry("linux", "amd64") with { Platform = new OciPlatform("linux", "amd64") { OsVersion = "5.15" } };
        var failure = Fails(DiagnosticCodes.PlatformNotSupported, () => ProviderArtifactRules.SelectPlatformManifest(Index(withOsVersion), LinuxAmd64));
        Assert.IsTrue(failure.AllowsFallThrough);
    }

    [TestMethod]
    public void VariantIsNotChecked()
    {
        var withVariant = Entry("linux", "amd64") with { Platform = new OciPlatform("linux", "amd64") { Variant = "v3" } };
        Assert.AreSame(withVariant, ProviderArtifactRules.SelectPlatformManifest(Index(withVariant), LinuxAmd64));
    }

    [TestMethod]
    public void TwoEntriesForThePlatformAreAmbiguous()
    {
        // Case 23.
        FailsInvalid("ambiguous manifest has multiple descriptors for platform linux_amd64",
            () => ProviderArtifactRules.SelectPlatformManifest(Index(Entry("linux", "amd64", seed: "a"), Entry("linux", "amd64", seed: "b")), LinuxAmd64));
    }

    [TestMethod]
    public void ProviderTargetEntryWithIndexMediaTypeIsAHardError()
    {
        // Case 24: a hard error even though another entry would match.
        FailsInvalid("provider image manifest has unsupported media type \"application/vnd.oci.image.index.v1+json\"",
            () => ProviderArtifactRules.SelectPlatformManifest(Index(Entry("darwin", "arm64", mediaType: MediaTypes.ImageIndex), Entry("linux", "amd64")), LinuxAmd64));
    }

    [TestMethod]
    public void ProviderTargetEntryWithoutPlatformIsAHardError()
    {
        FailsInvalid("provider image manifest lacks the required platform constraints",
            () => ProviderArtifactRules.SelectPlatformManifest(Index(Entry("linux", "amd64") with { Platform = null }), LinuxAmd64));
    }

    [TestMethod]
    public void ContainerImageIndexIsRecognised()
    {
        // Case 25: every entry lacks the artifact type.
        FailsInvalid("provider image manifest has unsupported artifact type; is this a container image, rather than an OpenTofu provider?",
            () => ProviderArtifactRules.SelectPlatformManifest(Index(Entry("linux", "amd64", artifactType: null), Entry("linux", "arm64", artifactType: null)), LinuxAmd64));
    }

    [TestMethod]
    public void WrongArtifactTypeIsNamed()
    {
        FailsInvalid("provider image manifest has unsupported artifact type \"application/vnd.example.b\"",
            () => ProviderArtifactRules.SelectPlatformManifest(
                Index(Entry("linux", "amd64", artifactType: "application/vnd.example.a"), Entry("linux", "amd64", artifactType: null, seed: "2"),
                    Entry("linux", "amd64", artifactType: "application/vnd.example.b", seed: "3")),
                LinuxAmd64));
    }

    [TestMethod]
    public void EntriesOfOtherArtifactTypesAreSkippedSilently()
    {
        var target = Entry("linux", "amd64");
        var signature = Entry("linux", "amd64", artifactType: "application/vnd.example.signature", seed: "sig");
        Assert.AreSame(target, ProviderArtifactRules.SelectPlatformManifest(Index(signature, target), LinuxAmd64));
    }

    [TestMethod]
    public void ManifestSizeLimitIsFourMiBByIntegerDivision()
    {
        // Case 26: the rule itself (the stores apply it; see RestoreFailureTests for the end-to-end check).
        Assert.IsTrue(ContentReader.ExceedsManifestLimit(5_242_880, ProviderArtifactRules.ManifestLimitMiB));
        Assert.IsFalse(ContentReader.ExceedsManifestLimit(5_242_879, ProviderArtifactRules.ManifestLimitMiB));
    }

    [TestMethod]
    public void SelectsTheOnlyZipLayerAndIgnoresOthers()
    {
        var zip = ZipLayer();
        var other = new Descriptor("application/vnd.example.sbom", DigestOf("sbom"), 10);
        var (manifest, layer) = ProviderArtifactRules.SelectLayer(ManifestJson(other, zip), LinuxAmd64);
        Assert.AreEqual(zip.Digest, layer.Digest);
        Assert.AreEqual(2, manifest.Layers.Count);
        Assert.AreEqual(PackageHash.Parse("zh:" + zip.Digest.Hex), ProviderArtifactRules.ZipHashOf(layer));
    }

    [TestMethod]
    public void ManifestWithoutLayersHasNoZip()
    {
        // Case 28.
        FailsInvalid("image manifest contains no layers of type \"archive/zip\"", () => ProviderArtifactRules.SelectLayer(ManifestJson(), LinuxAmd64));
    }

    [TestMethod]
    public void ManifestWithOnlyOtherLayersMayBeForAnotherOpenTofu()
    {
        // Case 28, second half.
        FailsInvalid(
            "image manifest contains no layers of type \"archive/zip\", but has other unsupported formats; this OCI artifact might be intended for a different version of OpenTofu",
            () => ProviderArtifactRules.SelectLayer(ManifestJson(new Descriptor("application/octet-stream", DigestOf("bin"), 5)), LinuxAmd64));
    }

    [TestMethod]
    public void TwoZipLayersAreAmbiguous()
    {
        // Case 29.
        FailsInvalid("ambiguous manifest declares multiple eligible provider packages",
            () => ProviderArtifactRules.SelectLayer(ManifestJson(ZipLayer("a"), ZipLayer("b")), LinuxAmd64));
    }

    [TestMethod]
    public void ZipLayerForAnotherPlatformIsRejected()
    {
        var layer = ZipLayer() with { Platform = new OciPlatform("darwin", "arm64") };
        FailsInvalid("selected OCI artifact is for darwin_arm64, but was expected to be for linux_amd64",
            () => ProviderArtifactRules.SelectLayer(ManifestJson(layer), LinuxAmd64));
    }

    [TestMethod]
    public void IndexWhereAnImageManifestIsNeededIsRejected()
    {
        FailsInvalid("found index manifest but need image manifest",
            () => ProviderArtifactRules.SelectLayer(OciJsonWriter.Serialize(Index(Entry("linux", "amd64"))), LinuxAmd64));
    }

    [TestMethod]
    public void ImageManifestWithWrongArtifactTypeIsRejected()
    {
        var json = OciJsonWriter.Serialize(new OciImageManifest
        {
            ArtifactType = "application/vnd.example.thing",
            Config = new Descriptor(MediaTypes.ImageConfig, DigestOf("config"), 37),
            Layers = [ZipLayer()],
        });
        FailsInvalid("unexpected artifact type \"application/vnd.example.thing\"", () => ProviderArtifactRules.SelectLayer(json, LinuxAmd64));
    }

    [TestMethod]
    public void ZipLayerWithSha512DigestIsRejectedBeforeAnyDownload()
    {
        var json = Encoding.UTF8.GetBytes(
            "{\"schemaVersion\":2,\"mediaType\":\"application/vnd.oci.image.manifest.v1+json\",\"artifactType\":\"application/vnd.opentofu.provider-target\"," +
            "\"config\":{\"mediaType\":\"application/vnd.oci.image.config.v1+json\",\"digest\":\"" + DigestOf("c") + "\",\"size\":2}," +
            "\"layers\":[{\"mediaType\":\"archive/zip\",\"digest\":\"sha512:" + new string('a', 128) + "\",\"size\":32}]}");
        // The OCI reader refuses the digest while parsing; restore maps OciProtocolException to TOFU0106.
        var e = Assert.ThrowsExactly<OciProtocolException>(() => ProviderArtifactRules.SelectLayer(json, LinuxAmd64));
        StringAssert.Contains(e.Message, "unsupported digest algorithm \"sha512\"");
    }

    private static readonly ProviderAddress Random = ProviderAddress.Parse("hashicorp/random");
    private static readonly ProviderVersion V360 = ProviderVersion.Parse("3.6.0");

    [TestMethod]
    public void LockedZhMustLiterallyIncludeTheLayerDigest()
    {
        // Case 30.
        var layer = ZipLayer();
        var failure = Fails(DiagnosticCodes.ChecksumMismatch,
            () => ProviderArtifactRules.CheckLayerAgainstLock(layer, [PackageHash.Parse("zh:" + new string('a', 64))], Random, V360));
        StringAssert.StartsWith(failure.Message,
            "the current package for hashicorp/random 3.6.0 doesn't match any of the checksums previously recorded in the dependency lock file");
        StringAssert.EndsWith(failure.Message, "; for more information: https://opentofu.org/docs/language/files/dependency-lock/#checksum-verification");
        StringAssert.Contains(failure.Message, "zh:" + layer.Digest.Hex);
    }

    [TestMethod]
    public void LockWithOnlyH1HashesBlocksAnOciInstall()
    {
        // §2.6: the zh: must be literally present; an h1: (even the right one) cannot be checked before download.
        Fails(DiagnosticCodes.ChecksumMismatch,
            () => ProviderArtifactRules.CheckLayerAgainstLock(ZipLayer(), [PackageHash.Parse("h1:U5RVDcr6irM28qBuZN9gx81apIb82jbXmljb032GLR4=")], Random, V360));
    }

    [TestMethod]
    public void LockWithoutUsableHashesAcceptsNothing()
    {
        foreach (PackageHash[] hashes in new[] { Array.Empty<PackageHash>(), [PackageHash.Parse("test:whatever")] })
        {
            var e = Assert.ThrowsExactly<ProviderFailure>(() => ProviderArtifactRules.CheckLayerAgainstLock(ZipLayer(), hashes, Random, V360));
            Assert.AreEqual(DiagnosticCodes.ChecksumMismatch, e.Code);
            StringAssert.Contains(e.Message, "no h1: or zh: hash");
        }
    }

    [TestMethod]
    public void LockListingTheLayerZhAmongOthersIsAccepted()
    {
        var layer = ZipLayer();
        ProviderArtifactRules.CheckLayerAgainstLock(layer,
            [PackageHash.Parse("h1:U5RVDcr6irM28qBuZN9gx81apIb82jbXmljb032GLR4="), PackageHash.Parse("zh:" + new string('b', 64)), ProviderArtifactRules.ZipHashOf(layer)],
            Random, V360);
    }
}
