using System.IO;
using System.Linq;
using System.Text;
using System.Threading.Tasks;
using Microsoft.VisualStudio.TestTools.UnitTesting;
using TofuMirror.Engine.Providers;
using TofuMirror.Engine.Push;
using TofuMirror.Engine.Restore;
using TofuMirror.Engine.Tests.Support;
using TofuMirror.Model.Diagnostics;
using TofuMirror.Testing.OpenPgp;

namespace TofuMirror.Engine.Tests.Registry;

public sealed partial class SignedMirrorTests
{
    private static PushEvidenceFiles EvidenceFiles(string shaSums, TestSigningKey signer, TestSigningKey offeredKey)
    {
        var bytes = Encoding.ASCII.GetBytes(shaSums);
        return new PushEvidenceFiles("SHA256SUMS", bytes, "SHA256SUMS.sig", signer.SignDetached(bytes), "key.asc", Encoding.ASCII.GetBytes(offeredKey.ArmoredPublicKey));
    }

    private static Task<PushReport> PushWithEvidenceAsync(SignedMirror mirror, PushEvidenceFiles evidence, params string[] zips) =>
        new PushJob().RunAsync(new PushRequest(PushSourceReader.Read(zips, Demo, []), mirror.Stores) { Evidence = evidence }, default);

    [TestMethod]
    public async Task PushWithSignedChecksumsAttachesThemAndRequireSignedRestoreAcceptsThePackages()
    {
        using var mirror = new SignedMirror("5.0.0", "linux_amd64", "darwin_arm64");

        await PushWithEvidenceAsync(mirror, EvidenceFiles(SignedReleases.ShaSumsOf(mirror.Zips.Values), Author, Author), [.. mirror.Zips.Values]);
        ModuleFiles.Write(mirror.Scenario.Module, (Demo, "5.0.0", RestoreScenario.HashesOf(mirror.Zips.Values)));

        var report = await mirror.RestoreAsync(SignedReleases.Anchors(Author), requireSigned: true);
        RestoreScenario.AssertSucceeded(report);
        Assert.IsTrue(report.Items.All(i => i.Stamp!.SigningKeyId == Author.KeyId));
    }

    [TestMethod]
    public async Task PushRefusesAZipThatIsNotOnItsSignedLineAndPushesNothing()
    {
        using var mirror = new SignedMirror("5.1.0", "linux_amd64");
        var sums = SignedReleases.ShaSumsOf(mirror.Zips.Values);
        var rebuilt = ProviderZips.Create(Path.Combine(mirror.Scenario.Zips, "rebuilt"), Demo.Type, "5.1.0", "linux_amd64", flavour: "rebuilt");

        var failure = await Assert.ThrowsExactlyAsync<ProviderFailure>(() => PushWithEvidenceAsync(mirror, EvidenceFiles(sums, Author, Author), rebuilt));

        Assert.AreEqual(DiagnosticCodes.PushEvidenceRejected, failure.Code);
        StringAssert.Contains(failure.Message, "is not the zip the author signed");
        await Assert.ThrowsExactlyAsync<Oci.OciNotFoundException>(() => mirror.Store.ListTagsAsync(default), "nothing was pushed: the repository does not exist");
    }

    [TestMethod]
    public async Task PushRefusesASignatureThatDoesNotVerifyWithTheGivenKey()
    {
        using var mirror = new SignedMirror("5.2.0", "linux_amd64");
        var sums = SignedReleases.ShaSumsOf(mirror.Zips.Values);

        var failure = await Assert.ThrowsExactlyAsync<ProviderFailure>(() => PushWithEvidenceAsync(mirror, EvidenceFiles(sums, Attacker, Author), [.. mirror.Zips.Values]));

        Assert.AreEqual(DiagnosticCodes.PushEvidenceRejected, failure.Code);
        StringAssert.Contains(failure.Message, "does not verify with key.asc");
        await Assert.ThrowsExactlyAsync<Oci.OciNotFoundException>(() => mirror.Store.ListTagsAsync(default), "nothing was pushed: the repository does not exist");
    }
}
