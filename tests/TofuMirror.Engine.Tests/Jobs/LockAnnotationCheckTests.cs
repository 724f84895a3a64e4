using System.IO;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.VisualStudio.TestTools.UnitTesting;
using TofuMirror.Engine.Hashing;
using TofuMirror.Engine.Lock;
using TofuMirror.Engine.Restore;
using TofuMirror.Model.Diagnostics;
using TofuMirror.Model.Platforms;
using TofuMirror.Model.Versions;
using static TofuMirror.Engine.Tests.Jobs.JobFixture;

namespace TofuMirror.Engine.Tests.Jobs;

/// <summary>
/// Anyone who can push can write any <c>org.tofumirror.package.h1</c>: <c>lock</c> checks it against the package's
/// own h1 for this machine's platform and for cached packages, and refuses a false one.
/// </summary>
[TestClass]
public sealed class LockAnnotationCheckTests
{
    private static Task<LockReport> LockAsync(JobFixture fixture, Platform host, bool trust = false) =>
        new LockJob().RunAsync(new LockRequest(fixture.ModuleDirectory, fixture.Stores, [LinuxAmd64], fixture.CacheDirectory)
        {
            HostPlatform = host,
            TrustAnnotations = trust,
        }, CancellationToken.None);

    /// <summary>linux_amd64 pushed with an annotation claiming another package's h1; returns that other h1.</summary>
    private static async Task<(string Zip, string ClaimedH1)> PushFalseAnnotationAsync(JobFixture fixture)
    {
        var other = ProviderZip.Release(Path.Combine(fixture.Root, "other"), "demo", "1.0.0", "linux_amd64", marker: " other");
        var pushed = ProviderZip.Release(fixture.ZipDirectory, "demo", "1.0.0", "linux_amd64", marker: " evil");
        var claimed = PackageHasher.ComputeH1FromZip(other);
        await HandMadeArtifacts.PushWithClaimedH1Async(fixture.StoreOf(Demo), ProviderVersion.Parse("1.0.0"), LinuxAmd64, pushed, claimed);
        fixture.WriteConfig("1.0.0");
        return (pushed, claimed.ToString());
    }

    [TestMethod]
    public async Task FalseAnnotation_ForThisMachinesPlatform_IsRefused_NamingTheManifest()
    {
        using var fixture = new JobFixture();
        var (zip, claimed) = await PushFalseAnnotationAsync(fixture);

        var report = await LockAsync(fixture, host: LinuxAmd64);

        var error = report.Diagnostics.Single(d => d.Severity == TofuMirror.Diagnostics.DiagnosticSeverity.Error);
        Assert.AreEqual(DiagnosticCodes.ChecksumMismatch, error.Code);
        StringAssert.Contains(error.Detail, "manifest sha256:");
        StringAssert.Contains(error.Detail, claimed);
        StringAssert.Contains(error.Detail, PackageHasher.ComputeH1FromZip(zip).ToString());
        Assert.IsFalse(File.Exists(fixture.LockFilePath), "nothing is written");
    }

    [TestMethod]
    public async Task FalseAnnotation_ForACachedPackage_IsRefused()
    {
        using var fixture = new JobFixture();
        var (zip, _) = await PushFalseAnnotationAsync(fixture);
        var cached = new BlobCache(fixture.CacheDirectory).PathOf(PackageHasher.ComputeZipHash(zip));
        Directory.CreateDirectory(Path.GetDirectoryName(cached)!);
        File.Copy(zip, cached);

        var report = await LockAsync(fixture, host: DarwinArm64);

        Assert.AreEqual(DiagnosticCodes.ChecksumMismatch, report.Diagnostics.Single(d => d.Severity == TofuMirror.Diagnostics.DiagnosticSeverity.Error).Code);
        Assert.IsFalse(File.Exists(fixture.LockFilePath));
    }

    [TestMethod]
    public async Task TrueAnnotation_ForThisMachinesPlatform_IsRecordedAsVerified()
    {
        using var fixture = new JobFixture();
        await fixture.PushAsync(Demo, ["1.0.0"], [LinuxAmd64]);
        fixture.WriteConfig("1.0.0");

        var report = await LockAsync(fixture, host: LinuxAmd64);

        AssertNoErrors(report.Diagnostics);
        Assert.AreEqual(H1Source.AnnotationVerified, report.Providers.Single().Platforms.Single().H1Source);
    }

    [TestMethod]
    public async Task TrustedOrUncheckable_AnnotationIsTakenAsItIs()
    {
        using var fixture = new JobFixture();
        var (_, claimed) = await PushFalseAnnotationAsync(fixture);

        var trusted = await LockAsync(fixture, host: LinuxAmd64, trust: true);
        File.Delete(fixture.LockFilePath);
        var otherMachine = await LockAsync(fixture, host: DarwinArm64);

        foreach (var report in new[] { trusted, otherMachine })
        {
            AssertNoErrors(report.Diagnostics);
            var platform = report.Providers.Single().Platforms.Single();
            Assert.AreEqual((H1Source.Annotation, claimed), (platform.H1Source, platform.H1.ToString()));
        }
    }
}
