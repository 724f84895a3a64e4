using System.IO;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.VisualStudio.TestTools.UnitTesting;
using TofuMirror.Engine.Lock;
using TofuMirror.Engine.Restore;
using TofuMirror.Engine.Verify;
using static TofuMirror.Engine.Tests.Jobs.JobFixture;
using TofuMirror.Model.Diagnostics;
using TofuMirror.Model.Packages;
using TofuMirror.Model.Platforms;
using TofuMirror.Model.Versions;

namespace TofuMirror.Engine.Tests.Jobs;

[TestClass]
public sealed class VerifyJobTests
{
    /// <summary>Pushes demo 1.0.0 for two platforms, locks both and restores them (unpacked or packed).</summary>
    private static async Task<JobFixture> RestoredAsync(OutputLayout layout = OutputLayout.Unpacked)
    {
        var fixture = new JobFixture();
        await fixture.PushAsync(Demo, ["1.0.0"], [LinuxAmd64, DarwinArm64]);
        fixture.WriteConfig("1.0.0");
        var locked = await new LockJob().RunAsync(
            new LockRequest(fixture.ModuleDirectory, fixture.Stores, [LinuxAmd64, DarwinArm64], fixture.CacheDirectory), CancellationToken.None);
        Assert.IsTrue(locked.Succeeded, string.Join("\n", locked.Diagnostics));
        var restored = await new RestoreJob().RunAsync(
            new RestoreRequest(fixture.ModuleDirectory, fixture.Stores, [LinuxAmd64, DarwinArm64], fixture.OutputDirectory, layout, fixture.CacheDirectory),
            CancellationToken.None);
        Assert.IsTrue(restored.Succeeded, string.Join("\n", restored.AllDiagnostics));
        return fixture;
    }

    private static Task<VerifyReport> VerifyAsync(JobFixture fixture, bool withMirror = false, params Platform[] platforms) =>
        VerifyJob.RunAsync(new VerifyRequest(fixture.ModuleDirectory, fixture.OutputDirectory, platforms.Length == 0 ? [LinuxAmd64, DarwinArm64] : platforms)
        {
            Stores = withMirror ? fixture.Stores : null,
        }, CancellationToken.None);

    [TestMethod]
    public async Task FreshRestore_Verifies()
    {
        using var fixture = await RestoredAsync();

        var report = await VerifyAsync(fixture, withMirror: true);

        Assert.IsTrue(report.Succeeded, string.Join("\n", report.Packages.Select(p => p.Problem)));
        Assert.AreEqual(2, report.Packages.Count);
        Assert.IsTrue(report.Packages.All(p => p.Status == VerifyStatus.Ok && p.StampStatus == "no-h1" && p.Layout == "unpacked"),
            "the lock's zh: proved each zip, so restore recorded no h1: and the lock's h1: judges the folders");
        Assert.AreEqual(2, report.MirrorChecks.Count(m => m.Ok));
    }

    [TestMethod]
    public async Task ModifiedFileInAnInstalledProvider_IsAMismatch()
    {
        using var fixture = await RestoredAsync();
        var folder = FilesystemMirrorLayout.UnpackedDirectory(fixture.OutputDirectory, Demo, ProviderVersion.Parse("1.0.0"), LinuxAmd64);
        File.AppendAllText(Path.Combine(folder, "README.md"), "tampered\n");

        var report = await VerifyAsync(fixture);

        Assert.IsFalse(report.Succeeded);
        var bad = report.Packages.Single(p => p.Status != VerifyStatus.Ok);
        Assert.AreEqual(VerifyStatus.Mismatch, bad.Status);
        Assert.AreEqual(LinuxAmd64, bad.Platform);
        StringAssert.Contains(bad.Problem, "matches none of the hashes");
        Assert.AreEqual(VerifyStatus.Ok, report.Packages.Single(p => p.Platform == DarwinArm64).Status);
    }

    [TestMethod]
    public async Task AddedFile_IsAMismatchToo()
    {
        using var fixture = await RestoredAsync();
        var folder = FilesystemMirrorLayout.UnpackedDirectory(fixture.OutputDirectory, Demo, ProviderVersion.Parse("1.0.0"), DarwinArm64);
        File.WriteAllText(Path.Combine(folder, "extra.txt"), "x");

        var report = await VerifyAsync(fixture);

        Assert.AreEqual(VerifyStatus.Mismatch, report.Packages.Single(p => p.Platform == DarwinArm64).Status);
    }

    [TestMethod]
    public async Task PackedZips_AreCheckedByZhAndH1()
    {
        using var fixture = await RestoredAsync(OutputLayout.Packed);

        var report = await VerifyAsync(fixture);

        Assert.IsTrue(report.Succeeded, string.Join("\n", report.Packages.Select(p => p.Problem)));
        var package = report.Packages.First();
        Assert.AreEqual("packed", package.Layout);
        CollectionAssert.AreEqual(new[] { "zh", "h1" }, package.Hashes.Select(h => h.Scheme).ToArray());

        var zip = FilesystemMirrorLayout.PackedZipPath(fixture.OutputDirectory, Demo, ProviderVersion.Parse("1.0.0"), LinuxAmd64);
        ProviderZip.Write(zip, [new("terraform-provider-demo_v1.0.0", "evil\n")]);
        var after = await VerifyAsync(fixture);
        Assert.AreEqual(VerifyStatus.Mismatch, after.Packages.Single(p => p.Platform == LinuxAmd64).Status);
    }

    [TestMethod]
    public async Task MissingPlatformAndUnlockedProvider_AreReported()
    {
        using var fixture = await RestoredAsync();
        Directory.Delete(FilesystemMirrorLayout.UnpackedDirectory(fixture.OutputDirectory, Demo, ProviderVersion.Parse("1.0.0"), DarwinArm64), recursive: true);
        var stray = Path.Combine(fixture.OutputDirectory, "registry.opentofu.org", "example", "stray", "0.1.0", "linux_amd64");
        Directory.CreateDirectory(stray);
        File.WriteAllText(Path.Combine(stray, "terraform-provider-stray"), "x");

        var report = await VerifyAsync(fixture);

        Assert.IsFalse(report.Succeeded);
        var missing = report.Packages.Single(p => p.Status == VerifyStatus.Missing);
        Assert.AreEqual(DarwinArm64, missing.Platform);
        var extra = report.Packages.Single(p => p.Status == VerifyStatus.Extra);
        Assert.AreEqual("example/stray", extra.Provider.ForDisplay());
    }

    [TestMethod]
    public async Task MirrorCheck_FlagsAMirrorPackageTheLockDoesNotAccept()
    {
        using var fixture = await RestoredAsync();
        // The mirror's linux_amd64 package is replaced by different bytes under the same version.
        await fixture.PushAsync(Demo, ["1.0.0"], [LinuxAmd64], marker: " rebuilt");

        var report = await VerifyAsync(fixture, withMirror: true);

        Assert.IsFalse(report.Succeeded);
        var check = report.MirrorChecks.Single(m => !m.Ok);
        Assert.AreEqual(LinuxAmd64, check.Platform);
        StringAssert.StartsWith(check.Problem, DiagnosticCodes.ChecksumMismatch);
        Assert.IsTrue(report.Packages.All(p => p.Status == VerifyStatus.Ok), "what is installed still matches the lock");
    }

    [TestMethod]
    public async Task NoLockFile_IsAnError()
    {
        using var fixture = new JobFixture();
        fixture.WriteConfig("1.0.0");

        var report = await VerifyAsync(fixture);

        Assert.IsFalse(report.Succeeded);
        Assert.AreEqual(DiagnosticCodes.ProviderNotLocked, report.Diagnostics.Single().Code);
    }
}
