using System.IO;
using System.Linq;
using System.Threading.Tasks;
using Microsoft.VisualStudio.TestTools.UnitTesting;
using TofuMirror.Engine.Providers;
using TofuMirror.Engine.Push;
using TofuMirror.Engine.Tests.Support;
using TofuMirror.Oci;
using TofuMirror.Oci.Content;
using TofuMirror.Oci.Layout;
using Platform = TofuMirror.Model.Platforms.Platform;
using TofuMirror.Engine.Hashing;
using TofuMirror.Engine.Zip;
using TofuMirror.Model.Addresses;
using TofuMirror.Model.Platforms;
using TofuMirror.Model.Versions;

namespace TofuMirror.Engine.Tests.Layout;

/// <summary>The push job into OCI image-layout folders: what it writes, re-push, adding platforms, dry run.</summary>
[TestClass]
public sealed class PushToLayoutTests
{
    private static readonly ProviderAddress Demo = RestoreScenario.Demo;

    private static async Task<(OciIndex Index, Descriptor Descriptor)> ReadIndexAsync(LayoutMirror mirror, string tag)
    {
        var store = new OciLayoutStore(mirror.FolderOf(Demo));
        var descriptor = await store.ResolveAsync(tag, default);
        return (ProviderArtifactRules.ParseIndex(await store.FetchManifestAsync(descriptor, default)), descriptor);
    }

    [TestMethod]
    public async Task PushWritesBlobsManifestsAndTaggedIndexOpenTofuAccepts()
    {
        using var scenario = new RestoreScenario();
        var linux = ProviderZips.Create(scenario.Zips, "demo", "1.0.0", "linux_amd64");
        var darwin = ProviderZips.Create(scenario.Zips, "demo", "1.0.0", "darwin_arm64");

        var report = await scenario.Mirror.PushZipsAsync(Demo, linux, darwin);

        Assert.IsFalse(report.DryRun);
        var pushed = report.Versions.Single();
        Assert.AreEqual("1.0.0", pushed.Tag);
        Assert.AreEqual("oci-layout:" + scenario.Mirror.FolderOf(Demo), pushed.Repository);
        CollectionAssert.AreEqual(new[] { "darwin_arm64", "linux_amd64" }, pushed.Platforms.Select(p => p.Platform.ToString()).ToArray());
        Assert.AreEqual(0, pushed.KeptPlatforms.Count);
        foreach (var (platform, zip) in new[] { (pushed.Platforms[0], darwin), (pushed.Platforms[1], linux) })
        {
            Assert.AreEqual(BlobPushResult.Uploaded, platform.Blob);
            Assert.AreEqual(ProviderZips.H1(zip), platform.H1);
            Assert.AreEqual("sha256:" + ProviderZips.Zh(zip).Value, platform.LayerDigest);
            Assert.AreEqual(new FileInfo(zip).Length, platform.Size);
        }

        var (index, descriptor) = await ReadIndexAsync(scenario.Mirror, "1.0.0");
        Assert.AreEqual(pushed.IndexDigest, descriptor.Digest.ToString());
        Assert.AreEqual(MediaTypes.ImageIndex, descriptor.MediaType);
        CollectionAssert.AreEqual(new[] { "darwin_arm64", "linux_amd64" }, index.Manifests.Select(m => m.Platform!.ToString()).ToArray());
        CollectionAssert.AreEqual(new[] { "1.0.0" }, (await new OciLayoutStore(scenario.Mirror.FolderOf(Demo)).ListTagsAsync(default)).ToArray());

        // What OpenTofu's resolution finds for linux: the zip, its zh: from the digest, and our h1 annotation.
        var store = scenario.Mirror.Stores.Resolve(Demo).Single();
        var location = await ProviderArtifactResolver.ResolvePackageAsync(store, Demo, ProviderVersion.Parse("1.0.0"), Platform.Parse("linux_amd64"), default);
        Assert.AreEqual(ProviderZips.Zh(linux), location.Zh);
        Assert.AreEqual(ProviderZips.H1(linux), location.AnnotatedH1);
        Assert.AreEqual(pushed.Platforms[1].ManifestDigest, location.Manifest.Digest.ToString());
        Assert.AreEqual("terraform-provider-demo_1.0.0_linux_amd64.zip", location.Layer.GetAnnotation(MediaTypes.Annotations.Title));
        var manifest = OciJsonReader.ParseImageManifest(await store.FetchManifestAsync(location.Manifest, default));
        CollectionAssert.AreEqual(ProviderArtifactBuilder.ConfigBlob(Platform.Parse("linux_amd64")),
            await File.ReadAllBytesAsync(new OciLayoutStore(scenario.Mirror.FolderOf(Demo)).BlobPath(manifest.Config.Digest)));
        CollectionAssert.AreEqual(await File.ReadAllBytesAsync(linux),
            await File.ReadAllBytesAsync(new OciLayoutStore(scenario.Mirror.FolderOf(Demo)).BlobPath(location.Layer.Digest)));
    }

    [TestMethod]
    public async Task RepushUploadsNothingAndGivesTheSameIndex()
    {
        using var scenario = new RestoreScenario();
        var zips = new[] { "linux_amd64", "linux_arm64" }.Select(p => ProviderZips.Create(scenario.Zips, "demo", "2.1.0", p)).ToArray();
        var first = (await scenario.Mirror.PushZipsAsync(Demo, zips)).Versions.Single();
        var blobFiles = Directory.GetFiles(Path.Combine(scenario.Mirror.FolderOf(Demo), "blobs", "sha256")).Length;

        var second = (await scenario.Mirror.PushZipsAsync(Demo, zips)).Versions.Single();

        Assert.IsTrue(second.Platforms.All(p => p.Blob == BlobPushResult.AlreadyExists), string.Join(", ", second.Platforms.Select(p => p.Blob)));
        Assert.AreEqual(first.IndexDigest, second.IndexDigest);
        CollectionAssert.AreEqual(first.Platforms.Select(p => p.ManifestDigest).ToArray(), second.Platforms.Select(p => p.ManifestDigest).ToArray());
        Assert.AreEqual(blobFiles, Directory.GetFiles(Path.Combine(scenario.Mirror.FolderOf(Demo), "blobs", "sha256")).Length);
    }

    [TestMethod]
    public async Task PushingAnotherPlatformLaterKeepsTheFirst()
    {
        using var scenario = new RestoreScenario();
        var linux = ProviderZips.Create(scenario.Zips, "demo", "1.0.0", "linux_amd64");
        var windows = ProviderZips.Create(scenario.Zips, "demo", "1.0.0", "windows_amd64");
        var first = (await scenario.Mirror.PushZipsAsync(Demo, linux)).Versions.Single();

        var second = (await scenario.Mirror.PushZipsAsync(Demo, windows)).Versions.Single();

        CollectionAssert.AreEqual(new[] { "linux_amd64" }, second.KeptPlatforms.Select(p => p.ToString()).ToArray());
        var (index, _) = await ReadIndexAsync(scenario.Mirror, "1.0.0");
        CollectionAssert.AreEqual(new[] { "linux_amd64", "windows_amd64" }, index.Manifests.Select(m => m.Platform!.ToString()).ToArray());
        Assert.AreEqual(first.Platforms.Single().ManifestDigest, index.Manifests[0].Digest.ToString());
        Assert.AreEqual(second.IndexDigest, (await ReadIndexAsync(scenario.Mirror, "1.0.0")).Descriptor.Digest.ToString());
    }

    [TestMethod]
    public async Task RepushingAPlatformWithNewBytesReplacesOnlyThatEntry()
    {
        using var scenario = new RestoreScenario();
        var linux = ProviderZips.Create(scenario.Zips, "demo", "1.0.0", "linux_amd64");
        var darwin = ProviderZips.Create(scenario.Zips, "demo", "1.0.0", "darwin_arm64");
        await scenario.Mirror.PushZipsAsync(Demo, linux, darwin);
        var (before, _) = await ReadIndexAsync(scenario.Mirror, "1.0.0");

        var rebuilt = Path.Combine(scenario.Temp.CreateDirectory("rebuilt"), Path.GetFileName(linux));
        ProviderZips.Write(rebuilt, ProviderZips.Entries("demo", "1.0.0", "linux_amd64", flavour: "rebuilt"));
        await scenario.Mirror.PushZipsAsync(Demo, rebuilt);

        var (after, _) = await ReadIndexAsync(scenario.Mirror, "1.0.0");
        Assert.AreEqual(before.Manifests[0], after.Manifests[0]);
        Assert.AreNotEqual(before.Manifests[1].Digest, after.Manifests[1].Digest);
        var location = await ProviderArtifactResolver.ResolvePackageAsync(scenario.Mirror.Stores.Resolve(Demo).Single(), Demo,
            ProviderVersion.Parse("1.0.0"), Platform.Parse("linux_amd64"), default);
        Assert.AreEqual(ProviderZips.Zh(rebuilt), location.Zh);
    }

    [TestMethod]
    public async Task DryRunWritesNothingButReportsWhatPushWould()
    {
        using var scenario = new RestoreScenario();
        var zips = new[] { "linux_amd64", "darwin_arm64" }.Select(p => ProviderZips.Create(scenario.Zips, "demo", "1.0.0", p)).ToArray();
        var tempFilesBefore = Directory.GetFiles(Path.GetTempPath(), "tofumirror-push-*").Length;

        var dry = await scenario.Mirror.PushZipsAsync(Demo, dryRun: true, zips);

        Assert.IsTrue(dry.DryRun);
        Assert.IsFalse(Directory.Exists(scenario.Mirror.Root), "dry run created the mirror folder");
        Assert.IsTrue(dry.Versions.Single().Platforms.All(p => p.Blob is null));
        Assert.AreEqual(tempFilesBefore, Directory.GetFiles(Path.GetTempPath(), "tofumirror-push-*").Length);

        var real = await scenario.Mirror.PushZipsAsync(Demo, zips);
        Assert.AreEqual(real.Versions.Single().IndexDigest, dry.Versions.Single().IndexDigest);

        var again = await scenario.Mirror.PushZipsAsync(Demo, dryRun: true, zips);
        Assert.IsTrue(again.Versions.Single().Platforms.All(p => p.Blob == BlobPushResult.AlreadyExists));
    }

    [TestMethod]
    public async Task VersionWithBuildMetadataIsTaggedWithUnderscore()
    {
        using var scenario = new RestoreScenario();
        var zip = ProviderZips.Create(scenario.Zips, "demo", "1.0.0+build.5", "linux_amd64");
        var pushed = (await scenario.Mirror.PushZipsAsync(Demo, zip)).Versions.Single();
        Assert.AreEqual("1.0.0_build.5", pushed.Tag);
        var (versions, ignored) = await ProviderArtifactResolver.ListVersionsAsync(scenario.Mirror.Stores.Resolve(Demo).Single(), default);
        Assert.AreEqual("1.0.0+build.5", versions.Single().ToString());
        Assert.AreEqual(0, ignored.Count);
    }

    [TestMethod]
    public async Task UnpackedMirrorFolderIsPushedAsADeterministicZipWithTheFoldersH1()
    {
        using var scenario = new RestoreScenario();
        var packageDir = scenario.Temp.CreateDirectory("fsmirror", "registry.opentofu.org", "tofumirror", "demo", "1.2.0", "linux_amd64");
        SafeZipExtractor.Extract(ProviderZips.Create(scenario.Zips, "demo", "1.2.0", "linux_amd64"), packageDir);
        var packages = PushSourceReader.Read([scenario.Temp.Combine("fsmirror")], null, []);

        var first = (await new PushJob().RunAsync(new PushRequest(packages, scenario.Mirror.Stores), default)).Versions.Single();
        var second = (await new PushJob().RunAsync(new PushRequest(packages, scenario.Mirror.Stores), default)).Versions.Single();

        Assert.AreEqual(PackageHasher.ComputeH1FromDirectory(packageDir), first.Platforms.Single().H1);
        Assert.AreEqual(first.IndexDigest, second.IndexDigest, "re-zipping the folder gave other bytes");
        Assert.AreEqual(BlobPushResult.AlreadyExists, second.Platforms.Single().Blob);
    }
}
