using System.IO;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.VisualStudio.TestTools.UnitTesting;
using TofuMirror.Engine.Inspect;
using TofuMirror.Engine.Providers;
using TofuMirror.Oci.Content;
using static TofuMirror.Engine.Tests.Jobs.JobFixture;
using TofuMirror.Engine.Hashing;
using TofuMirror.Model.Diagnostics;
using TofuMirror.Model.Platforms;

namespace TofuMirror.Engine.Tests.Jobs;

[TestClass]
public sealed class InspectJobTests
{
    [TestMethod]
    public async Task ListsVersionsSorted_WithPlatformsDigestsSizesAndH1()
    {
        using var fixture = new JobFixture();
        await fixture.PushAsync(Demo, ["1.10.0", "1.2.0"], [LinuxAmd64, DarwinArm64]);
        await fixture.PushAsync(Demo, ["1.2.0+build.7"], [LinuxAmd64]);

        var report = await InspectJob.RunAsync(Demo, fixture.Stores, CancellationToken.None);

        Assert.IsTrue(report.Succeeded);
        var repository = report.Repositories.Single();
        Assert.IsTrue(repository.Found);
        CollectionAssert.AreEqual(new[] { "1.2.0", "1.2.0+build.7", "1.10.0" }, repository.Versions.Select(v => v.Version.ToString()).ToArray());
        Assert.AreEqual("1.2.0_build.7", repository.Versions[1].Tag);
        var v110 = repository.Versions[2];
        CollectionAssert.AreEqual(new[] { "darwin_arm64", "linux_amd64" }, v110.Platforms.Select(p => p.Platform).ToArray());
        var linux = v110.Platforms[1];
        var zip = fixture.ZipPath(Demo, "1.10.0", LinuxAmd64);
        Assert.AreEqual(PackageHasher.ComputeZipHash(zip), linux.Zh);
        Assert.AreEqual("sha256:" + linux.Zh!.Value, linux.LayerDigest);
        Assert.AreEqual(new FileInfo(zip).Length, linux.LayerSize);
        Assert.AreEqual(PackageHasher.ComputeH1FromZip(zip), linux.H1);
        StringAssert.StartsWith(linux.ManifestDigest, "sha256:");
        Assert.IsTrue(linux.ManifestSize > 0);
        StringAssert.StartsWith(v110.IndexDigest, "sha256:");
    }

    [TestMethod]
    public async Task TagsThatAreNotVersions_AreListedAsIgnored_AndInvalidArtifactsReportedPerVersion()
    {
        using var fixture = new JobFixture();
        await fixture.PushAsync(Demo, ["1.0.0"], [LinuxAmd64]);
        var store = fixture.StoreOf(Demo);
        var index = await store.ResolveAsync("1.0.0", CancellationToken.None);
        var indexBytes = await store.FetchManifestAsync(index, CancellationToken.None);
        await store.PushManifestAsync(indexBytes, MediaTypes.ImageIndex, "latest", CancellationToken.None);
        await HandMadeArtifacts.TagImageManifestAsync(store, "2.0.0", LinuxAmd64, fixture.ZipPath(Demo, "1.0.0", LinuxAmd64));

        var report = await InspectJob.RunAsync(Demo, fixture.Stores, CancellationToken.None);

        Assert.IsFalse(report.Succeeded, "an invalid artifact fails the inspection");
        var repository = report.Repositories.Single();
        var ignored = repository.IgnoredTags.Single();
        Assert.AreEqual("latest", ignored.Tag);
        StringAssert.Contains(ignored.Reason, "not a version");
        var valid = repository.Versions.Single(v => v.Version.ToString() == "1.0.0");
        Assert.IsTrue(valid.IsValid);
        Assert.AreEqual(1, valid.Platforms.Count);
        var invalid = repository.Versions.Single(v => v.Version.ToString() == "2.0.0");
        StringAssert.StartsWith(invalid.Problem, DiagnosticCodes.InvalidProviderArtifact);
        StringAssert.Contains(invalid.Problem, "index manifest");
    }

    [TestMethod]
    public async Task MissingRepository_IsNotFound()
    {
        using var fixture = new JobFixture();

        var report = await InspectJob.RunAsync(Demo, fixture.Stores, CancellationToken.None);

        Assert.IsFalse(report.Succeeded);
        var repository = report.Repositories.Single();
        Assert.IsFalse(repository.Found);
        StringAssert.StartsWith(repository.Problem, DiagnosticCodes.ProviderNotInMirror);
    }
}
