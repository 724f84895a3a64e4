using System.IO;
using System.Linq;
using System.Threading.Tasks;
using Microsoft.VisualStudio.TestTools.UnitTesting;
using TofuMirror.Engine.Lock;
using TofuMirror.Engine.Tests.Support;
using TofuMirror.Engine.Trust;
using TofuMirror.Testing.OpenPgp;
using TofuMirror.Model.Diagnostics;
using TofuMirror.Model.Hashing;
using TofuMirror.Model.Locks;
using Platform = TofuMirror.Model.Platforms.Platform;

namespace TofuMirror.Engine.Tests.Registry;

public sealed partial class SignedMirrorTests
{
    // A platform the author released and signed but the mirror does not hold.
    private const string WindowsZhHex = "5f3a1c0e9d7b6a5948372615f4e3d2c1b0a99887766554433221100ffeeddccb";

    private static async Task<SignedMirror> MirrorWithWindowsSignedButNotMirroredAsync(string version, TestSigningKey signer)
    {
        var mirror = new SignedMirror(version, "linux_amd64", "darwin_arm64");
        await mirror.PushAsync();
        File.Delete(Path.Combine(mirror.Scenario.Module, LockFile.FileName));
        var sums = SignedReleases.ShaSumsOf(mirror.Zips.Values, ($"terraform-provider-demo_{version}_windows_amd64.zip", WindowsZhHex));
        await mirror.AttachAsync(SignedReleases.Evidence(Demo, version, sums, signer));
        return mirror;
    }

    private static Task<LockReport> LockAsync(SignedMirror mirror, TrustAnchors anchors) =>
        new LockJob().RunAsync(new LockRequest(mirror.Scenario.Module, mirror.Stores, [], mirror.Scenario.Cache) { TrustAnchors = anchors }, default);

    private static PackageHash[] LockedHashes(SignedMirror mirror) =>
        LockFileReader.Read(File.ReadAllText(Path.Combine(mirror.Scenario.Module, LockFile.FileName)), LockFile.FileName).LockFile.Providers.Single().Hashes.ToArray();

    [TestMethod]
    public async Task LockRecordsEveryPlatformsZipHashFromTheSignedShaSums()
    {
        using var mirror = await MirrorWithWindowsSignedButNotMirroredAsync("3.0.0", Author);

        var report = await LockAsync(mirror, SignedReleases.Anchors(Author));

        Assert.IsTrue(report.Succeeded, string.Join("\n", report.Diagnostics));
        var locked = report.Providers.Single();
        Assert.AreEqual(Author.KeyId, locked.SigningKeyId);
        CollectionAssert.AreEquivalent(new[] { "darwin_arm64", "linux_amd64", "windows_amd64" }, locked.SignedZipHashes.Keys.Select(p => p.ToString()).ToArray());
        var hashes = LockedHashes(mirror);
        CollectionAssert.Contains(hashes, PackageHash.Create(PackageHash.SchemeZip, WindowsZhHex), "the platform the mirror lacks is locked from the signed SHA256SUMS");
        foreach (var zip in mirror.Zips.Values)
        {
            CollectionAssert.Contains(hashes, ProviderZips.Zh(zip));
            CollectionAssert.Contains(hashes, ProviderZips.H1(zip));
        }
        Assert.AreEqual(5, hashes.Length);
    }

    [TestMethod]
    public async Task LockWithoutAnchorsSaysSoAndRecordsOnlyTheMirroredPlatforms()
    {
        using var mirror = await MirrorWithWindowsSignedButNotMirroredAsync("3.1.0", Author);

        var report = await LockAsync(mirror, TrustAnchors.Empty);

        Assert.IsTrue(report.Succeeded, string.Join("\n", report.Diagnostics));
        Assert.AreEqual(DiagnosticCodes.SignedHashesNotRecorded, report.Diagnostics.Single().Code);
        Assert.IsNull(report.Providers.Single().SigningKeyId);
        Assert.AreEqual(4, LockedHashes(mirror).Length, "two mirrored platforms, zh: and h1: each");
    }

    [TestMethod]
    public async Task LockRefusesEvidenceSignedByAKeyThatIsNotAnAnchorAndLeavesTheLockFileAlone()
    {
        using var mirror = await MirrorWithWindowsSignedButNotMirroredAsync("3.2.0", Attacker);

        var report = await LockAsync(mirror, SignedReleases.Anchors(Author));

        Assert.IsFalse(report.Succeeded);
        Assert.AreEqual(DiagnosticCodes.EvidenceSignatureRejected, report.Diagnostics.Single().Code);
        Assert.IsFalse(File.Exists(Path.Combine(mirror.Scenario.Module, LockFile.FileName)));
    }

    [TestMethod]
    public async Task LockRefusesAMirroredZipThatIsNotTheSignedOne()
    {
        using var mirror = new SignedMirror("3.3.0", "linux_amd64");
        await mirror.PushAsync();
        var genuine = mirror.SignedBy(Author);
        await mirror.PushAsync(ProviderZips.Create(Path.Combine(mirror.Scenario.Zips, "forged"), Demo.Type, "3.3.0", "linux_amd64", flavour: "backdoor"));
        await mirror.AttachAsync(genuine);
        File.Delete(Path.Combine(mirror.Scenario.Module, LockFile.FileName));

        var report = await LockAsync(mirror, SignedReleases.Anchors(Author));

        Assert.AreEqual(DiagnosticCodes.PackageNotInSignedSums, report.Diagnostics.Single().Code);
        Assert.IsFalse(File.Exists(Path.Combine(mirror.Scenario.Module, LockFile.FileName)));
    }
}
