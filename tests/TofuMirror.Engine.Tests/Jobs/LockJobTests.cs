using System.IO;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.VisualStudio.TestTools.UnitTesting;
using TofuMirror.Engine.Lock;
using static TofuMirror.Engine.Tests.Jobs.JobFixture;
using TofuMirror.Engine.Hashing;
using TofuMirror.Model.Diagnostics;
using TofuMirror.Model.Platforms;
using TofuMirror.Model.Versions;

namespace TofuMirror.Engine.Tests.Jobs;

[TestClass]
public sealed class LockJobTests
{
    // h1 of the generated release zips (file contents only), computed independently with Python's hashlib.
    private const string H1Linux100 = "h1:gvuqBap943xH8Tk/ekOqSzDSdFXbQeEk/KOpTUT2VNU=";
    private const string H1Linux110 = "h1:YTGE20ZcVgqkS1e4sgjZpTNThz2g9r5JqKwjoyi3Hp4=";
    private const string H1Darwin110 = "h1:lwulxDhzHCHeXBvwpTHj1ALpBE/7soxL3wxuCIOpbU4=";

    // No host platform: results do not depend on the machine running the tests (annotation checks: LockAnnotationCheckTests).
    private static Task<LockReport> LockAsync(JobFixture fixture, params Platform[] platforms) =>
        new LockJob().RunAsync(new LockRequest(fixture.ModuleDirectory, fixture.Stores, platforms, fixture.CacheDirectory) { HostPlatform = null },
            CancellationToken.None);

    private static string Zh(string zipPath) => PackageHasher.ComputeZipHash(zipPath).ToString();

    [TestMethod]
    public async Task EmptyLock_TwoPlatforms_RecordsZhAndH1OfEach_ByteExact()
    {
        using var fixture = new JobFixture();
        await fixture.PushAsync(Demo, ["1.0.0", "1.1.0", "2.0.0"], [LinuxAmd64, DarwinArm64]);
        fixture.WriteConfig("~> 1");

        var report = await LockAsync(fixture, LinuxAmd64, DarwinArm64);

        AssertNoErrors(report.Diagnostics);
        Assert.IsTrue(report.Succeeded);
        Assert.IsTrue(report.Written);
        var zhLinux = Zh(fixture.ZipPath(Demo, "1.1.0", LinuxAmd64));
        var zhDarwin = Zh(fixture.ZipPath(Demo, "1.1.0", DarwinArm64));
        var hashes = new[] { H1Darwin110, H1Linux110, zhLinux, zhDarwin }.OrderBy(h => h, System.StringComparer.Ordinal);
        var expected =
            "# This file is maintained automatically by \"tofu init\".\n" +
            "# Manual edits may be lost in future updates.\n" +
            "\n" +
            "provider \"registry.opentofu.org/example/demo\" {\n" +
            "  version     = \"1.1.0\"\n" +
            "  constraints = \"~> 1.0\"\n" +
            "  hashes = [\n" +
            string.Concat(hashes.Select(h => "    \"" + h + "\",\n")) +
            "  ]\n" +
            "}\n";
        Assert.AreEqual(expected, fixture.ReadLock());

        var provider = report.Providers.Single();
        Assert.AreEqual(LockChange.Added, provider.Change);
        Assert.AreEqual("1.1.0", provider.Version!.ToString());
        Assert.IsTrue(provider.Platforms.All(p => p.H1Source == H1Source.Annotation), "pushed packages carry the h1 annotation: no download");
        Assert.IsFalse(Directory.Exists(fixture.CacheDirectory), "nothing was downloaded");
    }

    [TestMethod]
    public async Task SecondRun_WithNothingNew_LeavesTheFileAlone()
    {
        using var fixture = new JobFixture();
        await fixture.PushAsync(Demo, ["1.0.0"], [LinuxAmd64]);
        fixture.WriteConfig(">= 1.0.0");
        await LockAsync(fixture, LinuxAmd64);
        var first = fixture.ReadLock();

        var report = await LockAsync(fixture, LinuxAmd64);

        Assert.IsTrue(report.Succeeded);
        Assert.IsFalse(report.Written);
        Assert.AreEqual(LockChange.Unchanged, report.Providers.Single().Change);
        Assert.AreEqual(first, fixture.ReadLock());
    }

    [TestMethod]
    public async Task ConstraintChange_ChoosesTheNewerVersion_AndStartsTheHashesFresh()
    {
        using var fixture = new JobFixture();
        await fixture.PushAsync(Demo, ["1.0.0", "1.1.0"], [LinuxAmd64]);
        fixture.WriteConfig("1.0.0");
        await LockAsync(fixture, LinuxAmd64);
        StringAssert.Contains(fixture.ReadLock(), "version     = \"1.0.0\"");

        fixture.WriteConfig(">= 1.1.0");
        var report = await LockAsync(fixture, LinuxAmd64);

        AssertNoErrors(report.Diagnostics);
        var provider = report.Providers.Single();
        Assert.AreEqual(LockChange.VersionChanged, provider.Change);
        Assert.AreEqual("1.0.0", provider.PreviousVersion!.ToString());
        Assert.AreEqual("1.1.0", provider.Version!.ToString());
        var text = fixture.ReadLock();
        StringAssert.Contains(text, "version     = \"1.1.0\"\n  constraints = \">= 1.1.0\"\n");
        StringAssert.Contains(text, H1Linux110);
        Assert.IsFalse(text.Contains(H1Linux100), "hashes of the old version are dropped");
        CollectionAssert.Contains(provider.RemovedHashes.Select(h => h.ToString()).ToList(), H1Linux100);
    }

    [TestMethod]
    public async Task LockedVersionStillAllowed_IsKept_EvenWhenANewerOneExists()
    {
        using var fixture = new JobFixture();
        await fixture.PushAsync(Demo, ["1.0.0"], [LinuxAmd64]);
        fixture.WriteConfig("~> 1.0");
        await LockAsync(fixture, LinuxAmd64);
        await fixture.PushAsync(Demo, ["1.1.0"], [LinuxAmd64]);

        var report = await LockAsync(fixture, LinuxAmd64);

        Assert.AreEqual(LockChange.Unchanged, report.Providers.Single().Change);
        StringAssert.Contains(fixture.ReadLock(), "version     = \"1.0.0\"");
    }

    [TestMethod]
    public async Task UnchangedVersion_KeepsExistingHashes_AndAddsTheNewPlatform_DroppingUnknownSchemes()
    {
        using var fixture = new JobFixture();
        await fixture.PushAsync(Demo, ["1.0.0"], [LinuxAmd64, DarwinArm64]);
        fixture.WriteConfig("~> 1.0");
        const string otherZh = "zh:0000000000000000000000000000000000000000000000000000000000000001";
        fixture.WriteLock(
            "provider \"registry.opentofu.org/example/demo\" {\n" +
            "  version     = \"1.0.0\"\n" +
            "  constraints = \"~> 1.0\"\n" +
            "  hashes = [\"" + H1Linux100 + "\", \"" + otherZh + "\", \"test:unknown\"]\n" +
            "}\n");

        var report = await LockAsync(fixture, DarwinArm64);

        AssertNoErrors(report.Diagnostics);
        var provider = report.Providers.Single();
        Assert.AreEqual(LockChange.HashesAdded, provider.Change);
        var text = fixture.ReadLock();
        StringAssert.Contains(text, H1Linux100);
        StringAssert.Contains(text, otherZh);
        StringAssert.Contains(text, "h1:mwWZ/X3+7Mc6208Eaq1btbm22uHnmIVEJIZpmcoYRDM=");
        StringAssert.Contains(text, Zh(fixture.ZipPath(Demo, "1.0.0", DarwinArm64)));
        Assert.IsFalse(text.Contains("test:unknown"), "unknown schemes are dropped as on a fresh install");
        Assert.AreEqual(2, provider.AddedHashes.Count);
    }

    [TestMethod]
    public async Task MissingAnnotation_DownloadsTheBlob_AndRecordsTheUnpackedFolderH1()
    {
        using var fixture = new JobFixture();
        // A directory entry makes the zip's own h1 differ from the unpacked folder's: OpenTofu records the folder's.
        var zip = ProviderZip.Write(Path.Combine(fixture.ZipDirectory, "terraform-provider-demo_1.0.0_linux_amd64.zip"),
        [
            new("docs/", ""),
            new("docs/index.md", "docs\n"),
            new("terraform-provider-demo_v1.0.0", "bin\n"),
        ]);
        await HandMadeArtifacts.PushWithoutAnnotationAsync(fixture.StoreOf(Demo), ProviderVersion.Parse("1.0.0"), LinuxAmd64, zip);
        fixture.WriteConfig("1.0.0");

        var report = await LockAsync(fixture, LinuxAmd64);

        AssertNoErrors(report.Diagnostics);
        var platform = report.Providers.Single().Platforms.Single();
        Assert.AreEqual(H1Source.Computed, platform.H1Source);
        Assert.AreEqual("h1:msIIWtnt3dhT8m3UqTe6/DGdNRS9K9W8RBzxq5nf5+A=", platform.H1.ToString(), "the folder h1, not the zip's");
        Assert.AreNotEqual(PackageHasher.ComputeH1FromZip(zip), platform.H1);
        Assert.AreEqual(Zh(zip), platform.Zh.ToString());
        Assert.IsTrue(File.Exists(Path.Combine(fixture.CacheDirectory, "blobs", "sha256", platform.Zh.Value)), "downloaded through the blob cache");
        StringAssert.Contains(fixture.ReadLock(), "h1:msIIWtnt3dhT8m3UqTe6/DGdNRS9K9W8RBzxq5nf5+A=");
    }

    [TestMethod]
    public async Task MissingPlatform_FailsWithTofu0105_AndLeavesTheLockFileUntouched()
    {
        using var fixture = new JobFixture();
        await fixture.PushAsync(Demo, ["1.0.0"], [LinuxAmd64]);
        fixture.WriteConfig("~> 1.0");
        await LockAsync(fixture, LinuxAmd64);
        var before = File.ReadAllBytes(fixture.LockFilePath);

        var report = await LockAsync(fixture, LinuxAmd64, DarwinArm64);

        Assert.IsFalse(report.Succeeded);
        Assert.IsFalse(report.Written);
        Assert.AreEqual(LockChange.Failed, report.Providers.Single().Change);
        var error = report.Diagnostics.Single(d => d.Severity == TofuMirror.Diagnostics.DiagnosticSeverity.Error);
        Assert.AreEqual(DiagnosticCodes.PlatformNotSupported, error.Code);
        StringAssert.Contains(error.Summary, "example/demo 1.0.0 for darwin_arm64");
        StringAssert.Contains(error.Detail, "linux_amd64");
        CollectionAssert.AreEqual(before, File.ReadAllBytes(fixture.LockFilePath));
        Assert.AreEqual(1, Directory.GetFiles(fixture.ModuleDirectory, ".terraform.lock.hcl*").Length, "no temp file left behind");
    }

    [TestMethod]
    public async Task ProviderNotInMirror_FailsWithTofu0102_AndWritesNoLockFile()
    {
        using var fixture = new JobFixture();
        await fixture.PushAsync(Demo, ["1.0.0"], [LinuxAmd64]);
        File.WriteAllText(Path.Combine(fixture.ModuleDirectory, "main.tf"),
            "terraform {\n  required_providers {\n    demo = { source = \"example/demo\" }\n    other = { source = \"example/other\" }\n  }\n}\n");

        var report = await LockAsync(fixture, LinuxAmd64);

        Assert.IsFalse(report.Succeeded);
        var error = report.Diagnostics.Single(d => d.Severity == TofuMirror.Diagnostics.DiagnosticSeverity.Error);
        Assert.AreEqual(DiagnosticCodes.ProviderNotInMirror, error.Code);
        StringAssert.Contains(error.Summary, "example/other");
        Assert.AreEqual("main.tf", Path.GetFileName(error.Subject!.Value.FileName), "points at the requirement");
        Assert.IsFalse(File.Exists(fixture.LockFilePath));
    }

    [TestMethod]
    public async Task NoAllowedVersion_Fails_NamingTheConstraintAndWhatTheMirrorHas()
    {
        using var fixture = new JobFixture();
        await fixture.PushAsync(Demo, ["1.0.0", "2.0.0-beta1"], [LinuxAmd64]);
        fixture.WriteConfig(">= 2.0.0");

        var report = await LockAsync(fixture, LinuxAmd64);

        var error = report.Diagnostics.Single(d => d.Severity == TofuMirror.Diagnostics.DiagnosticSeverity.Error);
        Assert.AreEqual(DiagnosticCodes.ProviderNotInMirror, error.Code);
        StringAssert.Contains(error.Detail, ">= 2.0.0");
        StringAssert.Contains(error.Detail, "1.0.0, 2.0.0-beta1");
    }

    [TestMethod]
    public async Task PreRelease_IsChosenOnlyWhenAnExactConstraintNamesIt()
    {
        using var fixture = new JobFixture();
        await fixture.PushAsync(Demo, ["1.0.0", "1.1.0-beta1"], [LinuxAmd64]);
        fixture.WriteConfig(">= 1.0.0");
        Assert.AreEqual("1.0.0", (await LockAsync(fixture, LinuxAmd64)).Providers.Single().Version!.ToString());

        fixture.WriteConfig("1.1.0-beta1");
        var report = await LockAsync(fixture, LinuxAmd64);
        Assert.AreEqual("1.1.0-beta1", report.Providers.Single().Version!.ToString());
        StringAssert.Contains(fixture.ReadLock(), "version     = \"1.1.0-beta1\"\n  constraints = \"1.1.0-beta1\"\n");
    }

    [TestMethod]
    public async Task ConstraintsFromSeveralModules_AreRecordedAsOneNormalizedSet()
    {
        using var fixture = new JobFixture();
        await fixture.PushAsync(Demo, ["1.0.0", "1.2.0", "1.3.0"], [LinuxAmd64]);
        File.WriteAllText(Path.Combine(fixture.ModuleDirectory, "main.tf"),
            "terraform {\n  required_providers {\n    demo = { source = \"example/demo\", version = \"~> 1.0\" }\n  }\n}\n" +
            "module \"child\" {\n  source = \"./child\"\n}\n");
        Directory.CreateDirectory(Path.Combine(fixture.ModuleDirectory, "child"));
        File.WriteAllText(Path.Combine(fixture.ModuleDirectory, "child", "main.tf"),
            "terraform {\n  required_providers {\n    d = { source = \"example/demo\", version = \"< 1.3\" }\n  }\n}\n");

        var report = await LockAsync(fixture, LinuxAmd64);

        AssertNoErrors(report.Diagnostics);
        Assert.AreEqual("1.2.0", report.Providers.Single().Version!.ToString());
        StringAssert.Contains(fixture.ReadLock(), "constraints = \"~> 1.0, < 1.3.0\"\n");
    }

    [TestMethod]
    public async Task InvalidLockFile_IsReported_AndNotOverwritten()
    {
        using var fixture = new JobFixture();
        await fixture.PushAsync(Demo, ["1.0.0"], [LinuxAmd64]);
        fixture.WriteConfig("1.0.0");
        fixture.WriteLock("provider \"registry.opentofu.org/example/demo\" {\n  version = \"v1.0.0\"\n}\n");
        var before = fixture.ReadLock();

        var report = await LockAsync(fixture, LinuxAmd64);

        Assert.IsFalse(report.Succeeded);
        Assert.IsTrue(report.Diagnostics.Any(d => d.Code == DiagnosticCodes.InvalidLockFile));
        Assert.AreEqual(before, fixture.ReadLock());
    }

    [TestMethod]
    public async Task ModuleWithoutProviders_GetsNoLockFile()
    {
        using var fixture = new JobFixture();
        File.WriteAllText(Path.Combine(fixture.ModuleDirectory, "main.tf"), "locals {\n  a = 1\n}\n");

        var report = await LockAsync(fixture, LinuxAmd64);

        Assert.IsTrue(report.Succeeded);
        Assert.AreEqual(0, report.Providers.Count);
        Assert.IsFalse(File.Exists(fixture.LockFilePath));
    }

    [TestMethod]
    public async Task LockedButNoLongerRequired_IsRefreshedAndKept()
    {
        using var fixture = new JobFixture();
        await fixture.PushAsync(Demo, ["1.0.0"], [LinuxAmd64]);
        fixture.WriteConfig("1.0.0");
        await LockAsync(fixture, LinuxAmd64);
        File.WriteAllText(Path.Combine(fixture.ModuleDirectory, "versions.tf"), "locals {\n  a = 1\n}\n");

        var report = await LockAsync(fixture, LinuxAmd64);

        AssertNoErrors(report.Diagnostics);
        var provider = report.Providers.Single();
        Assert.IsTrue(provider.NotRequired);
        Assert.AreEqual(LockChange.Unchanged, provider.Change);
        Assert.AreEqual("1.0.0", provider.Version!.ToString());
        StringAssert.Contains(fixture.ReadLock(), "constraints = \"1.0.0\"");
    }
    /// <summary>A lock as <c>terraform providers lock -fs-mirror</c> writes it: one <c>h1:</c> per platform, no <c>zh:</c>.</summary>
    private static void WriteH1OnlyLock(JobFixture fixture, params string[] zips) =>
        fixture.WriteLock(
            "provider \"registry.opentofu.org/example/demo\" {\n" +
            "  version     = \"1.0.0\"\n" +
            "  constraints = \"1.0.0\"\n" +
            "  hashes = [\n" +
            string.Concat(zips.Select(z => "    \"" + PackageHasher.ComputeH1FromZip(z) + "\",\n").OrderBy(l => l, System.StringComparer.Ordinal)) +
            "  ]\n" +
            "}\n");

    private static string BlobPath(JobFixture fixture, string zip) =>
        Path.Combine(fixture.CacheDirectory, "blobs", "sha256", PackageHasher.ComputeZipHash(zip).Value);

    [TestMethod]
    public async Task H1OnlyLock_DownloadsEveryPackage_AndAddsItsZh_BecauseItsH1IsLocked()
    {
        using var fixture = new JobFixture();
        var zips = await fixture.PushAsync(Demo, ["1.0.0"], [LinuxAmd64, DarwinArm64]);
        fixture.WriteConfig("1.0.0");
        WriteH1OnlyLock(fixture, [.. zips]);

        var report = await LockAsync(fixture, LinuxAmd64, DarwinArm64);

        AssertNoErrors(report.Diagnostics);
        Assert.IsTrue(report.Written);
        var provider = report.Providers.Single();
        Assert.AreEqual(LockChange.HashesAdded, provider.Change);
        CollectionAssert.AreEquivalent(zips.Select(Zh).ToList(), provider.AddedHashes.Select(h => h.ToString()).ToList(), "exactly the zh: of each package");
        Assert.IsTrue(provider.Platforms.All(p => p.H1Source == H1Source.Computed), "the annotation is not what vouches for the package");
        foreach (var zip in zips)
        {
            Assert.IsTrue(File.Exists(BlobPath(fixture, zip)), "downloaded although the manifest carries the h1 annotation: " + zip);
            StringAssert.Contains(fixture.ReadLock(), Zh(zip));
            StringAssert.Contains(fixture.ReadLock(), PackageHasher.ComputeH1FromZip(zip).ToString());
        }

        var again = await LockAsync(fixture, LinuxAmd64, DarwinArm64);
        Assert.IsFalse(again.Written, "once zh: is locked the entry is an ordinary one");
        Assert.AreEqual(LockChange.Unchanged, again.Providers.Single().Change);
    }

    [TestMethod]
    public async Task H1OnlyLock_WithAChangedPackageInTheMirror_IsRefused_AndTheFileIsByteIdentical()
    {
        using var fixture = new JobFixture();
        var locked = ProviderZip.Release(Path.Combine(fixture.Root, "genuine"), "demo", "1.0.0", "linux_amd64");
        await fixture.PushAsync(Demo, ["1.0.0"], [LinuxAmd64], marker: " rebuilt");
        fixture.WriteConfig("1.0.0");
        WriteH1OnlyLock(fixture, locked);
        var before = File.ReadAllBytes(fixture.LockFilePath);

        var report = await LockAsync(fixture, LinuxAmd64);

        Assert.IsFalse(report.Succeeded);
        Assert.IsFalse(report.Written);
        var error = report.Diagnostics.Single(d => d.Severity == TofuMirror.Diagnostics.DiagnosticSeverity.Error);
        Assert.AreEqual(DiagnosticCodes.ChecksumMismatch, error.Code);
        StringAssert.Contains(error.Summary, "example/demo 1.0.0");
        var served = PackageHasher.ComputeH1FromZip(fixture.ZipPath(Demo, "1.0.0", LinuxAmd64)).ToString();
        StringAssert.Contains(error.Detail, "linux_amd64 (" + served + ")");
        StringAssert.Contains(error.Detail, PackageHasher.ComputeH1FromZip(locked).ToString());
        StringAssert.Contains(error.Detail, "lock file is unchanged");
        CollectionAssert.AreEqual(before, File.ReadAllBytes(fixture.LockFilePath));
        Assert.AreEqual(1, Directory.GetFiles(fixture.ModuleDirectory, ".terraform.lock.hcl*").Length, "no temp file left behind");
    }

    [TestMethod]
    public async Task H1OnlyLock_ChecksTheDownloadedBytes_NotAnAnnotationClaimingTheLockedH1()
    {
        using var fixture = new JobFixture();
        var locked = ProviderZip.Release(Path.Combine(fixture.Root, "genuine"), "demo", "1.0.0", "linux_amd64");
        var other = ProviderZip.Release(fixture.ZipDirectory, "demo", "1.0.0", "linux_amd64", marker: " evil");
        await HandMadeArtifacts.PushWithClaimedH1Async(fixture.StoreOf(Demo), ProviderVersion.Parse("1.0.0"), LinuxAmd64, other,
            PackageHasher.ComputeH1FromZip(locked));
        fixture.WriteConfig("1.0.0");
        WriteH1OnlyLock(fixture, locked);
        var before = File.ReadAllBytes(fixture.LockFilePath);

        var report = await LockAsync(fixture, LinuxAmd64);

        var error = report.Diagnostics.Single(d => d.Severity == TofuMirror.Diagnostics.DiagnosticSeverity.Error);
        Assert.AreEqual(DiagnosticCodes.ChecksumMismatch, error.Code);
        StringAssert.Contains(error.Detail, PackageHasher.ComputeH1FromZip(other).ToString());
        CollectionAssert.AreEqual(before, File.ReadAllBytes(fixture.LockFilePath));
    }

    [TestMethod]
    public async Task H1OnlyLock_ForOnePlatform_RefusesThePlatformItNeverHad_NamingTheOneThatMatches()
    {
        using var fixture = new JobFixture();
        await fixture.PushAsync(Demo, ["1.0.0"], [LinuxAmd64, DarwinArm64]);
        fixture.WriteConfig("1.0.0");
        WriteH1OnlyLock(fixture, fixture.ZipPath(Demo, "1.0.0", LinuxAmd64));
        var before = File.ReadAllBytes(fixture.LockFilePath);

        var all = await LockAsync(fixture);

        var error = all.Diagnostics.Single(d => d.Severity == TofuMirror.Diagnostics.DiagnosticSeverity.Error);
        Assert.AreEqual(DiagnosticCodes.ChecksumMismatch, error.Code);
        StringAssert.Contains(error.Detail, "darwin_arm64 (h1:");
        StringAssert.Contains(error.Detail, "--platform linux_amd64");
        CollectionAssert.AreEqual(before, File.ReadAllBytes(fixture.LockFilePath));

        // As the message says: the locked platform first, then the new one is added as to any lock.
        AssertNoErrors((await LockAsync(fixture, LinuxAmd64)).Diagnostics);
        StringAssert.Contains(fixture.ReadLock(), Zh(fixture.ZipPath(Demo, "1.0.0", LinuxAmd64)));
        AssertNoErrors((await LockAsync(fixture, DarwinArm64)).Diagnostics);
        StringAssert.Contains(fixture.ReadLock(), Zh(fixture.ZipPath(Demo, "1.0.0", DarwinArm64)));
    }
}
