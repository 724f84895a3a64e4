using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Threading.Tasks;
using Microsoft.VisualStudio.TestTools.UnitTesting;
using TofuMirror.Engine.Push;
using TofuMirror.Engine.Restore;
using TofuMirror.Engine.Stores;
using TofuMirror.Engine.Tests.Support;
using TofuMirror.Engine.Trust;
using TofuMirror.Model.Addresses;
using TofuMirror.Model.CliConfig;
using TofuMirror.Model.Diagnostics;
using TofuMirror.Model.Versions;
using TofuMirror.Oci;
using TofuMirror.Testing;
using TofuMirror.Testing.OpenPgp;
using TofuMirror.Testing.Registry;
using Platform = TofuMirror.Model.Platforms.Platform;

namespace TofuMirror.Engine.Tests.Registry;

/// <summary>
/// Restore, lock and verify checking provenance evidence in the real CNCF registry (found through the referrers tag schema): the happy
/// path under <c>--require-signed</c> and each attack refused with its code before anything is installed.
/// </summary>
[TestClass]
public sealed partial class SignedMirrorTests
{
    private static readonly ProviderAddress Demo = RestoreScenario.Demo;
    private static readonly ClassRegistry s_registry = new();

    [ClassCleanup]
    public static void Stop() => s_registry.Dispose();

    private static RegistryProcess Registry => s_registry.Process;

    private static TestSigningKey Author => TestSigningKey.Get("signed-restore-author");

    private static TestSigningKey Attacker => TestSigningKey.Get("signed-restore-attacker");

    /// <summary>A mirror in its own registry namespace, the demo provider's zips of <paramref name="version"/> pushed, the lock written for them.</summary>
    private sealed class SignedMirror : IDisposable
    {
        private readonly MirrorSource _source;

        public SignedMirror(string version, params string[] platforms)
        {
            Scenario = new RestoreScenario();
            var home = Scenario.Temp.CreateDirectory("home");
            _source = MirrorSource.Load(
                new MirrorSourceOptions(Registry.Host + "/signed-" + Guid.NewGuid().ToString("N")[..12] + "/${hostname}/${namespace}/${type}", null, Scenario.Temp.Path),
                ProcessCliEnvironment.Create(new Dictionary<string, string?> { ["HOME"] = home }, home));
            Version = version;
            Zips = platforms.ToDictionary(p => p, p => ProviderZips.Create(Path.Combine(Scenario.Zips, Demo.Type), Demo.Type, version, p));
        }

        public RestoreScenario Scenario { get; }

        public string Version { get; }

        public Dictionary<string, string> Zips { get; }

        public IProviderStoreResolver Stores => _source.Stores!;

        public IOciRepositoryStore Store => Stores.Resolve(Demo).Single();

        public async Task PushAsync(params string[] zips)
        {
            await new PushJob().RunAsync(new PushRequest(PushSourceReader.Read(zips.Length > 0 ? zips : [.. Zips.Values], Demo, []), Stores), default);
            ModuleFiles.Write(Scenario.Module, (Demo, Version, RestoreScenario.HashesOf(zips.Length > 0 ? zips : Zips.Values)));
        }

        public Task AttachAsync(TofuMirror.Engine.Provenance.ProvenanceEvidence evidence) => SignedReleases.AttachAsync(Store, Version, evidence);

        public TofuMirror.Engine.Provenance.ProvenanceEvidence SignedBy(TestSigningKey key, IEnumerable<string>? zips = null, string? version = null) =>
            SignedReleases.Evidence(Demo, version ?? Version, SignedReleases.ShaSumsOf(zips ?? Zips.Values), key);

        public Task<RestoreReport> RestoreAsync(TrustAnchors anchors, bool requireSigned, params string[] platforms) =>
            new RestoreJob().RunAsync(new RestoreRequest(Scenario.Module, Stores, (platforms.Length > 0 ? platforms : [.. Zips.Keys]).Select(Platform.Parse).ToList(),
                Scenario.Output, OutputLayout.Unpacked, Scenario.Cache) { TrustAnchors = anchors, RequireSigned = requireSigned }, default);

        public void Dispose()
        {
            _source.Dispose();
            Scenario.Dispose();
        }
    }

    private static void AssertRefused(RestoreReport report, string code, SignedMirror mirror)
    {
        Assert.IsFalse(report.Succeeded);
        var errors = report.AllDiagnostics.Where(d => d.Severity == TofuMirror.Diagnostics.DiagnosticSeverity.Error).ToList();
        Assert.IsTrue(errors.Count > 0 && errors.All(d => d.Code == code), string.Join("\n", errors.Select(d => $"{d.Code} {d.Detail}")));
        Assert.AreEqual(0, RestoreScenario.VisibleFiles(mirror.Scenario.Output).Count(f => f.Contains("terraform-provider-")), "nothing is installed");
    }

    [TestMethod]
    public async Task RequireSignedInstallsWhatTheAnchoredAuthorSignedAndANoOpStaysUpToDate()
    {
        using var mirror = new SignedMirror("1.2.0", "linux_amd64", "darwin_arm64");
        await mirror.PushAsync();
        await mirror.AttachAsync(mirror.SignedBy(Author));

        var report = await mirror.RestoreAsync(SignedReleases.Anchors(Author), requireSigned: true);

        RestoreScenario.AssertSucceeded(report);
        Assert.AreEqual(2, report.Items.Count);
        Assert.IsTrue(report.Items.All(i => i.Status == RestoreStatus.Installed && i.Stamp!.SigningKeyId == Author.KeyId && i.Stamp.SigningFingerprint == Author.Fingerprint));
        var again = await mirror.RestoreAsync(SignedReleases.Anchors(Author), requireSigned: true);
        Assert.IsTrue(again.Items.All(i => i.Status == RestoreStatus.UpToDate), "a no-op restore of signed packages asks nobody");
    }

    [TestMethod]
    public async Task RequireSignedDoesNotSkipAPackageInstalledUnsigned()
    {
        using var mirror = new SignedMirror("1.3.0", "linux_amd64");
        await mirror.PushAsync();
        var unsigned = RestoreScenario.Single(await mirror.RestoreAsync(TrustAnchors.Empty, requireSigned: false));
        Assert.AreEqual(RestoreStatus.Installed, unsigned.Status);
        Assert.IsNull(unsigned.Stamp!.SigningKeyId);

        var refused = await mirror.RestoreAsync(SignedReleases.Anchors(Author), requireSigned: true);
        Assert.AreEqual(DiagnosticCodes.ProviderNotSigned, RestoreScenario.Single(refused).Error!.Code, "an unsigned install is not taken as up to date");

        await mirror.AttachAsync(mirror.SignedBy(Author));
        var signed = RestoreScenario.Single(await mirror.RestoreAsync(SignedReleases.Anchors(Author), requireSigned: true));
        Assert.AreEqual(RestoreStatus.Installed, signed.Status, signed.Error?.Detail);
        Assert.AreEqual(Author.KeyId, signed.Stamp!.SigningKeyId);
    }

    [TestMethod]
    public async Task WithoutAnchorsPresentEvidenceIsCheckedForIntegrityAndNotRecordedAsSigned()
    {
        using var mirror = new SignedMirror("1.4.0", "linux_amd64");
        await mirror.PushAsync();
        await mirror.AttachAsync(mirror.SignedBy(Author));

        var item = RestoreScenario.Single(await mirror.RestoreAsync(TrustAnchors.Empty, requireSigned: false));

        Assert.AreEqual(RestoreStatus.Installed, item.Status, item.Error?.Detail);
        Assert.IsNull(item.Stamp!.SigningKeyId, "the keys stored beside the evidence vouch for nothing");
    }

    [TestMethod]
    public async Task RequireSignedWithoutAnyAnchorIsRefusedBeforeAnything()
    {
        using var mirror = new SignedMirror("1.5.0", "linux_amd64");
        await mirror.PushAsync();
        await mirror.AttachAsync(mirror.SignedBy(Author));

        var report = await mirror.RestoreAsync(TrustAnchors.Empty, requireSigned: true);

        Assert.AreEqual(DiagnosticCodes.NoTrustAnchors, report.Diagnostics.Single().Code);
        Assert.AreEqual(0, report.Items.Count);
    }

    [TestMethod]
    public async Task AttackZipReplacedInTheMirrorIsRefused()
    {
        using var mirror = new SignedMirror("2.0.0", "linux_amd64");
        await mirror.PushAsync();
        var genuine = mirror.SignedBy(Author);
        // The attacker pushes their own zip under the same tag, re-attaches the genuine evidence to the new index and
        // writes a lock for their zip.
        var forged = ProviderZips.Create(Path.Combine(mirror.Scenario.Zips, "forged"), Demo.Type, "2.0.0", "linux_amd64", flavour: "backdoor");
        await mirror.PushAsync(forged);
        await mirror.AttachAsync(genuine);

        AssertRefused(await mirror.RestoreAsync(SignedReleases.Anchors(Author), requireSigned: true), DiagnosticCodes.PackageNotInSignedSums, mirror);
        AssertRefused(await mirror.RestoreAsync(SignedReleases.Anchors(Author), requireSigned: false), DiagnosticCodes.PackageNotInSignedSums, mirror);
        AssertRefused(await mirror.RestoreAsync(TrustAnchors.Empty, requireSigned: false), DiagnosticCodes.PackageNotInSignedSums, mirror);
    }

    [TestMethod]
    public async Task AttackShaSumsResignedByAKeyThatIsNotAnAnchorIsRefused()
    {
        using var mirror = new SignedMirror("2.1.0", "linux_amd64");
        var forged = ProviderZips.Create(Path.Combine(mirror.Scenario.Zips, "forged"), Demo.Type, "2.1.0", "linux_amd64", flavour: "backdoor");
        await mirror.PushAsync(forged);
        await mirror.AttachAsync(mirror.SignedBy(Attacker, [forged]));

        AssertRefused(await mirror.RestoreAsync(SignedReleases.Anchors(Author), requireSigned: true), DiagnosticCodes.EvidenceSignatureRejected, mirror);
        AssertRefused(await mirror.RestoreAsync(SignedReleases.Anchors(Author), requireSigned: false), DiagnosticCodes.EvidenceSignatureRejected, mirror);
    }

    [TestMethod]
    public async Task AttackEvidenceDeletedIsRefusedUnderRequireSigned()
    {
        using var mirror = new SignedMirror("2.2.0", "linux_amd64");
        await mirror.PushAsync();

        AssertRefused(await mirror.RestoreAsync(SignedReleases.Anchors(Author), requireSigned: true), DiagnosticCodes.ProviderNotSigned, mirror);
        var lenient = RestoreScenario.Single(await mirror.RestoreAsync(SignedReleases.Anchors(Author), requireSigned: false));
        Assert.AreEqual(RestoreStatus.Installed, lenient.Status, "without --require-signed, absent evidence is fine");
    }

    [TestMethod]
    public async Task AttackEvidenceOfAnotherVersionAttachedToThisIndexIsRefused()
    {
        using var mirror = new SignedMirror("2.3.0", "linux_amd64");
        await mirror.PushAsync();
        var olderZip = ProviderZips.Create(Path.Combine(mirror.Scenario.Zips, "older"), Demo.Type, "2.2.9", "linux_amd64");
        await mirror.AttachAsync(mirror.SignedBy(Author, [olderZip], version: "2.2.9"));

        AssertRefused(await mirror.RestoreAsync(SignedReleases.Anchors(Author), requireSigned: true), DiagnosticCodes.EvidenceForOtherRelease, mirror);
    }

    [TestMethod]
    public async Task OfflineRequireSignedInstallsFromTheCacheOnlyWhatWasVerifiedSigned()
    {
        using var mirror = new SignedMirror("2.4.0", "linux_amd64");
        await mirror.PushAsync();
        Assert.AreEqual(RestoreStatus.Installed, RestoreScenario.Single(await mirror.RestoreAsync(TrustAnchors.Empty, requireSigned: false)).Status);
        Directory.Delete(mirror.Scenario.Output, recursive: true);

        var offline = await new RestoreJob().RunAsync(new RestoreRequest(mirror.Scenario.Module, mirror.Stores, [Platform.Parse("linux_amd64")],
            mirror.Scenario.Output, OutputLayout.Unpacked, mirror.Scenario.Cache) { TrustAnchors = SignedReleases.Anchors(Author), RequireSigned = true, Offline = true }, default);

        AssertRefused(offline, DiagnosticCodes.ProviderNotSigned, mirror);
    }
}
