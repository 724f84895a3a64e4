using System.IO;
using System.Linq;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using System.Threading.Tasks;
using Microsoft.VisualStudio.TestTools.UnitTesting;
using TofuMirror.Engine.Lock;
using TofuMirror.Model.Diagnostics;
using TofuMirror.Model.Platforms;
using TofuMirror.Testing.OpenPgp;
using TofuMirror.Testing.Origin;

namespace TofuMirror.Engine.Tests.Lock;

/// <summary><c>lock --origin</c> against a loopback origin registry whose SHA256SUMS are signed with a generated key.</summary>
[TestClass]
public sealed class OriginLockJobTests
{
    private static void AssertSucceeded(LockReport report) =>
        Assert.IsTrue(report.Succeeded, string.Join("\n", report.Diagnostics));

    [TestMethod]
    public async Task ThreeProvidersFourPlatforms_LockHasEverySignedZh_AndTheH1OfEachFetchedZip()
    {
        await using var scenario = await OriginLockScenario.StartAsync();

        var report = await scenario.LockAsync();

        AssertSucceeded(report);
        Assert.IsTrue(report.Written);
        foreach (var (type, version) in OriginLockScenario.Releases)
        {
            var expected = scenario.SumsLines(type, version).Values
                .Concat(OriginLockScenario.Platforms.Select(p => OriginLockScenario.H1Of(scenario.Zip(type, version, p))))
                .Order(System.StringComparer.Ordinal).ToList();
            CollectionAssert.AreEqual(expected, scenario.LockedHashes(type).Order(System.StringComparer.Ordinal).ToList(), type);
            Assert.AreEqual(4, scenario.SumsLines(type, version).Count);
            var provider = report.Providers.Single(p => p.Provider == OriginLockScenario.Address(type));
            Assert.AreEqual(version, provider.Version!.ToString());
            Assert.IsTrue(provider.Platforms.All(p => p.SignerKeyId == scenario.Author.KeyId && p.H1Source == H1Source.Computed));
        }
        StringAssert.Contains(File.ReadAllText(scenario.LockFilePath), "version     = \"1.2.0\"");
        Assert.AreEqual(12, scenario.ZipDownloads.Count());
    }

    [TestMethod]
    public async Task WithOnePlatform_OnlyItsZipIsFetched_ButEveryPlatformsSignedZhIsRecorded()
    {
        await using var scenario = await OriginLockScenario.StartAsync();

        var report = await scenario.LockAsync("linux_amd64");

        AssertSucceeded(report);
        foreach (var (type, version) in OriginLockScenario.Releases)
        {
            var expected = scenario.SumsLines(type, version).Values
                .Append(OriginLockScenario.H1Of(scenario.Zip(type, version, "linux_amd64")))
                .Order(System.StringComparer.Ordinal).ToList();
            CollectionAssert.AreEqual(expected, scenario.LockedHashes(type).Order(System.StringComparer.Ordinal).ToList(), type);
        }
        Assert.IsTrue(scenario.ZipDownloads.All(a => a.Path.EndsWith("_linux_amd64.zip", System.StringComparison.Ordinal)));
        Assert.AreEqual(3, scenario.ZipDownloads.Count());
    }

    [TestMethod]
    public async Task ASecondRun_TakesTheZipsFromTheCache_AndStillChecksTheSignature()
    {
        await using var scenario = await OriginLockScenario.StartAsync();
        await scenario.LockAsync("linux_amd64", "windows_amd64");
        var first = File.ReadAllBytes(scenario.LockFilePath);
        var downloadsBefore = scenario.ZipDownloads.Count();
        var signaturesBefore = scenario.Origin.Log.Count(a => a.Path.EndsWith(".sig", System.StringComparison.Ordinal));

        var report = await scenario.LockAsync("linux_amd64", "windows_amd64");

        AssertSucceeded(report);
        Assert.AreEqual(6, downloadsBefore);
        Assert.AreEqual(downloadsBefore, scenario.ZipDownloads.Count(), "nothing downloaded twice");
        Assert.AreEqual(2 * signaturesBefore, scenario.Origin.Log.Count(a => a.Path.EndsWith(".sig", System.StringComparison.Ordinal)));
        CollectionAssert.AreEqual(first, File.ReadAllBytes(scenario.LockFilePath));
        Assert.IsTrue(report.Providers.All(p => p.Change == LockChange.Unchanged));
    }

    [TestMethod]
    public async Task ACachedZipThatWasTamperedWith_IsFetchedAgain()
    {
        await using var scenario = await OriginLockScenario.StartAsync();
        await scenario.LockAsync("linux_amd64");
        var zh = scenario.SumsLines("widget", "1.2.0")["linux_amd64"];
        var cached = Path.Combine(scenario.Cache, "blobs", "sha256", zh["zh:".Length..]);
        File.WriteAllBytes(cached, OriginLayoutBuilder.ProviderZip("widget", "1.2.0", "evil"));

        var report = await scenario.LockAsync("linux_amd64");

        AssertSucceeded(report);
        Assert.AreEqual(4, scenario.ZipDownloads.Count(), "the damaged cache entry was downloaded again");
        CollectionAssert.AreEqual(scenario.Zip("widget", "1.2.0", "linux_amd64"), File.ReadAllBytes(cached));
    }

    [TestMethod]
    public async Task AShasumThatIsAPath_NeverReachesTheFileSystem()
    {
        await using var scenario = await OriginLockScenario.StartAsync();
        var victim = scenario.Temp.Combine("victim");
        File.WriteAllText(victim, "keep me");
        var path = scenario.DownloadJsonPath("gizmo", "0.3.0", "linux_amd64");
        var download = JsonNode.Parse(File.ReadAllText(path))!;
        download["shasum"] = "../../../victim";
        File.WriteAllText(path, download.ToJsonString());

        var report = await scenario.LockAsync("linux_amd64");

        Assert.IsFalse(report.Succeeded);
        Assert.AreEqual(DiagnosticCodes.OriginMalformedResponse, report.Diagnostics.Single(d => d.Severity == TofuMirror.Diagnostics.DiagnosticSeverity.Error).Code);
        Assert.AreEqual("keep me", File.ReadAllText(victim));
    }

    [TestMethod]
    public async Task WithAPackagesMap_H1IsTakenFromIt_WithoutDownloadingAnyZip()
    {
        await using var scenario = await OriginLockScenario.StartAsync(layout =>
        {
            layout.WithPackagesMap = true;
            layout.PackagesMapH1 = OriginLockScenario.H1Of;
        });

        var report = await scenario.LockAsync();

        AssertSucceeded(report);
        Assert.AreEqual(0, scenario.ZipDownloads.Count(), string.Join("\n", scenario.ZipDownloads.Select(a => a.Path)));
        Assert.IsTrue(scenario.Origin.Log.Any(a => a.Path.EndsWith("_SHA256SUMS.sig", System.StringComparison.Ordinal)), "the signature was still checked");
        foreach (var (type, version) in OriginLockScenario.Releases)
        {
            var expected = scenario.SumsLines(type, version).Values
                .Concat(OriginLockScenario.Platforms.Select(p => OriginLockScenario.H1Of(scenario.Zip(type, version, p))))
                .Order(System.StringComparer.Ordinal).ToList();
            CollectionAssert.AreEqual(expected, scenario.LockedHashes(type).Order(System.StringComparer.Ordinal).ToList(), type);
            var provider = report.Providers.Single(p => p.Provider == OriginLockScenario.Address(type));
            Assert.IsTrue(provider.Platforms.All(p => p.H1Source == H1Source.OriginReported && p.SignerKeyId == scenario.Author.KeyId));
        }
    }

    [TestMethod]
    public async Task APackagesMapContradictingTheShasum_IsRefused_WithoutDownloading_AndNothingIsWritten()
    {
        await using var scenario = await OriginLockScenario.StartAsync(layout =>
        {
            layout.WithPackagesMap = true;
            layout.PackagesMapH1 = OriginLockScenario.H1Of;
        });
        var path = scenario.DownloadJsonPath("gizmo", "0.3.0", "linux_amd64");
        var download = JsonNode.Parse(File.ReadAllText(path))!;
        download["packages"]!["linux_amd64"]!["hashes"]![1] = "zh:" + Convert(SHA256.HashData(Encoding.UTF8.GetBytes("other")));
        File.WriteAllText(path, download.ToJsonString());

        var report = await scenario.LockAsync("linux_amd64");

        Assert.IsFalse(report.Written);
        Assert.IsFalse(File.Exists(scenario.LockFilePath));
        var error = report.Diagnostics.Single(d => d.Severity == TofuMirror.Diagnostics.DiagnosticSeverity.Error);
        Assert.AreEqual(DiagnosticCodes.OriginPackagesInconsistent, error.Code, error.ToString());
        StringAssert.Contains(error.ToString(), "gizmo 0.3.0 (linux_amd64)");
        Assert.AreEqual(0, scenario.ZipDownloads.Count());
    }

    [TestMethod]
    public async Task ALockedVersionStillAllowed_IsKept_AndOneNoLongerAllowed_MovesToTheNewest()
    {
        await using var scenario = await OriginLockScenario.StartAsync();
        await scenario.LockAsync("linux_amd64");
        var text = File.ReadAllText(scenario.LockFilePath).Replace("version     = \"1.2.0\"", "version     = \"1.1.0\"");
        File.WriteAllText(scenario.LockFilePath, text);

        var kept = await scenario.LockAsync("linux_amd64");

        AssertSucceeded(kept);
        Assert.AreEqual("1.1.0", kept.Providers.Single(p => p.Provider == OriginLockScenario.Address("widget")).Version!.ToString());
        CollectionAssert.Contains(scenario.LockedHashes("widget").ToList(), scenario.SumsLines("widget", "1.1.0")["linux_amd64"]);

        File.WriteAllText(Path.Combine(scenario.Module, "versions.tf"),
            File.ReadAllText(Path.Combine(scenario.Module, "versions.tf")).Replace(
                $"source  = \"{OriginLockScenario.Host}/acme/widget\"\n      version = \">= 0.1.0\"",
                $"source  = \"{OriginLockScenario.Host}/acme/widget\"\n      version = \">= 1.2.0\""));
        var moved = await scenario.LockAsync("linux_amd64");

        AssertSucceeded(moved);
        var widget = moved.Providers.Single(p => p.Provider == OriginLockScenario.Address("widget"));
        Assert.AreEqual(LockChange.VersionChanged, widget.Change);
        Assert.AreEqual("1.2.0", widget.Version!.ToString());
        CollectionAssert.DoesNotContain(scenario.LockedHashes("widget").ToList(), scenario.SumsLines("widget", "1.1.0")["linux_amd64"]);
    }

    [TestMethod]
    public async Task AnExpiredSigningKey_IsAWarning_AndTheLockIsWritten()
    {
        await using var scenario = await OriginLockScenario.StartAsync(author: TestSigningKey.Expired());

        var report = await scenario.LockAsync("linux_amd64");

        AssertSucceeded(report);
        Assert.IsTrue(report.Written);
        Assert.IsTrue(report.Diagnostics.Any(d => d.Code == DiagnosticCodes.SigningKeyExpired && d.Severity == TofuMirror.Diagnostics.DiagnosticSeverity.Warning),
            string.Join("\n", report.Diagnostics));
    }

    public enum Refusal
    {
        TamperedZip,
        TamperedShaSums,
        UnknownKey,
        ShasumNotTheSumsLine,
        Origin500,
    }

    [TestMethod]
    [DataRow(Refusal.TamperedZip, DiagnosticCodes.PackageShasumMismatch, "does not match its checksum")]
    [DataRow(Refusal.TamperedShaSums, DiagnosticCodes.SignatureNotVerified, "is not signed by its author's key")]
    [DataRow(Refusal.UnknownKey, DiagnosticCodes.SignatureNotVerified, "is not signed by its author's key")]
    [DataRow(Refusal.ShasumNotTheSumsLine, DiagnosticCodes.PackageShasumMismatch, "does not match its SHA256SUMS line")]
    [DataRow(Refusal.Origin500, DiagnosticCodes.OriginUnavailable, "answered 500")]
    public async Task Refused_FailsWithItsCode_AndLeavesTheLockFileByteIdentical(Refusal refusal, string code, string message)
    {
        var stranger = TestSigningKey.Get("stranger");
        await using var scenario = await OriginLockScenario.StartAsync(signer: refusal == Refusal.UnknownKey ? stranger : null);
        var before = "# a lock file the user wrote\n" +
            "provider \"registry.example.com/acme/gadget\" {\n  version = \"2.0.1\"\n  hashes = [\n    \"zh:0000000000000000000000000000000000000000000000000000000000000000\",\n  ]\n}\n";
        File.WriteAllText(scenario.LockFilePath, before);
        var beforeBytes = File.ReadAllBytes(scenario.LockFilePath);
        Break(scenario, refusal);

        var report = await scenario.LockAsync("linux_amd64", "darwin_arm64");

        Assert.IsFalse(report.Succeeded);
        Assert.IsFalse(report.Written);
        // A stranger's signature fails every provider; the other refusals break gadget alone.
        var errors = report.Diagnostics.Where(d => d.Severity == TofuMirror.Diagnostics.DiagnosticSeverity.Error).ToList();
        Assert.AreEqual(refusal == Refusal.UnknownKey ? 3 : 1, errors.Count, string.Join("\n", errors));
        Assert.IsTrue(errors.All(e => e.Code == code), string.Join("\n", errors));
        var error = errors.Single(e => e.ToString().Contains("gadget", System.StringComparison.Ordinal));
        StringAssert.Contains(error.ToString(), message);
        CollectionAssert.AreEqual(beforeBytes, File.ReadAllBytes(scenario.LockFilePath));
        Assert.AreEqual(LockChange.Failed, report.Providers.Single(p => p.Provider == OriginLockScenario.Address("gadget")).Change);
        Assert.IsFalse(Directory.Exists(scenario.Cache) && Directory.EnumerateFiles(scenario.Cache, "*.part", SearchOption.AllDirectories).Any(), "no part file left");
    }

    private static void Break(OriginLockScenario scenario, Refusal refusal)
    {
        const string type = "gadget", version = "2.0.1";
        switch (refusal)
        {
            case Refusal.TamperedZip:
                File.WriteAllBytes(scenario.ReleaseFile(type, version, $"terraform-provider-{type}_{version}_darwin_arm64.zip"),
                    OriginLayoutBuilder.ProviderZip(type, version, "evil"));
                break;
            case Refusal.TamperedShaSums:
                var sums = File.ReadAllText(scenario.SumsPath(type, version));
                var line = sums.Split('\n').First(l => l.EndsWith("_windows_amd64.zip", System.StringComparison.Ordinal));
                var evil = Convert(SHA256.HashData(Encoding.UTF8.GetBytes("evil")));
                File.WriteAllText(scenario.SumsPath(type, version), sums.Replace(line, evil + line[64..]));
                break;
            case Refusal.UnknownKey:
                break;
            case Refusal.ShasumNotTheSumsLine:
                var path = scenario.DownloadJsonPath(type, version, "darwin_arm64");
                var download = JsonNode.Parse(File.ReadAllText(path))!;
                download["shasum"] = Convert(SHA256.HashData(Encoding.UTF8.GetBytes("other")));
                File.WriteAllText(path, download.ToJsonString());
                break;
            case Refusal.Origin500:
                scenario.Origin.Faults[$"/v1/providers/acme/{type}/{version}/download/darwin/arm64"] = new OriginFault(Status: 500);
                break;
        }
    }

    private static string Convert(byte[] hash) => System.Convert.ToHexString(hash).ToLowerInvariant();
}
