using System.IO;
using System.Linq;
using System.Threading.Tasks;
using Microsoft.VisualStudio.TestTools.UnitTesting;
using TofuMirror.Engine.Tests.Support;
using TofuMirror.Engine.Trust;
using TofuMirror.Engine.Verify;
using TofuMirror.Model.Diagnostics;
using TofuMirror.Model.Hashing;
using TofuMirror.Model.Locks;
using Platform = TofuMirror.Model.Platforms.Platform;

namespace TofuMirror.Engine.Tests.Registry;

public sealed partial class SignedMirrorTests
{
    private static Task<VerifyReport> VerifyAsync(SignedMirror mirror, TrustAnchors anchors) =>
        VerifyJob.RunAsync(new VerifyRequest(mirror.Scenario.Module, mirror.Scenario.Output, [Platform.Parse("linux_amd64")])
        {
            Stores = mirror.Stores,
            RequireSigned = true,
            TrustAnchors = anchors,
        }, default);

    [TestMethod]
    public async Task VerifyRequireSignedReportsEachLockedProvidersEvidence()
    {
        using var mirror = new SignedMirror("4.0.0", "linux_amd64");
        await mirror.PushAsync();
        await mirror.AttachAsync(mirror.SignedBy(Author));
        RestoreScenario.AssertSucceeded(await mirror.RestoreAsync(SignedReleases.Anchors(Author), requireSigned: true));

        var report = await VerifyAsync(mirror, SignedReleases.Anchors(Author));

        Assert.IsTrue(report.Succeeded, string.Join("\n", report.SignatureChecks.Select(c => c.Problem).Concat(report.Diagnostics.Select(d => d.Detail))));
        var check = report.SignatureChecks.Single();
        Assert.IsTrue(check.Ok);
        Assert.AreEqual(Author.KeyId, check.SigningKeyId);

        var untrusted = await VerifyAsync(mirror, SignedReleases.Anchors(Attacker));
        Assert.IsFalse(untrusted.Succeeded);
        StringAssert.StartsWith(untrusted.SignatureChecks.Single().Problem, DiagnosticCodes.EvidenceSignatureRejected);
    }

    [TestMethod]
    public async Task VerifyRequireSignedFailsForUnsignedVersionsAndForALockedHashTheAuthorDidNotSign()
    {
        using var unsigned = new SignedMirror("4.1.0", "linux_amd64");
        await unsigned.PushAsync();
        var report = await VerifyAsync(unsigned, SignedReleases.Anchors(Author));
        StringAssert.StartsWith(report.SignatureChecks.Single().Problem, DiagnosticCodes.ProviderNotSigned);

        using var poisoned = new SignedMirror("4.2.0", "linux_amd64");
        await poisoned.PushAsync();
        await poisoned.AttachAsync(poisoned.SignedBy(Author));
        var lockPath = Path.Combine(poisoned.Scenario.Module, LockFile.FileName);
        var locked = LockFileReader.Read(File.ReadAllText(lockPath), lockPath).LockFile.Providers.Single();
        var foreign = PackageHash.Create(PackageHash.SchemeZip, new string('a', 64));
        ModuleFiles.WriteLock(poisoned.Scenario.Module, ModuleFiles.Lock(locked.Address, "4.2.0", locked.Hashes.Append(foreign)));

        var poisonedReport = await VerifyAsync(poisoned, SignedReleases.Anchors(Author));
        var problem = poisonedReport.SignatureChecks.Single().Problem!;
        StringAssert.StartsWith(problem, DiagnosticCodes.PackageNotInSignedSums);
        StringAssert.Contains(problem, foreign.ToString());
    }
}
