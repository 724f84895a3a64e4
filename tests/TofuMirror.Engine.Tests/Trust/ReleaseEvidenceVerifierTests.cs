using System;
using System.Linq;
using System.Text;
using System.Threading.Tasks;
using Microsoft.VisualStudio.TestTools.UnitTesting;
using TofuMirror.Engine.Providers;
using TofuMirror.Engine.Provenance;
using TofuMirror.Engine.Tests.Support;
using TofuMirror.Engine.Trust;
using TofuMirror.Model.Addresses;
using TofuMirror.Model.Diagnostics;
using TofuMirror.Model.Versions;
using TofuMirror.Oci.Content;
using TofuMirror.Testing;
using Platform = TofuMirror.Model.Platforms.Platform;

namespace TofuMirror.Engine.Tests.Trust;

/// <summary>
/// Evidence in a layout folder carrying HashiCorp's real signed SHA256SUMS of terraform-provider-null 3.1.0 (OpenTofu's
/// fixture): it verifies with HashiCorp's key as the trust anchor, not with another key, and a package that is not on
/// its signed line is refused.
/// </summary>
[TestClass]
public sealed class ReleaseEvidenceVerifierTests
{
    private static readonly ProviderAddress Null = ProviderAddress.Parse("hashicorp/null");

    private static async Task<(LayoutMirror Mirror, Digest Index)> MirrorWithHashiCorpEvidenceAsync(TempFolder temp)
    {
        var mirror = new LayoutMirror(temp.Combine("mirror"));
        await mirror.PublishAsync(temp.Combine("zips"), Null, "3.1.0", "linux_amd64");
        var store = mirror.Stores.Resolve(Null).Single();
        var evidence = new ProvenanceEvidence(Null.ToString(), "3.1.0", OpenTofuSignatureFixtures.NullShaSums, OpenTofuSignatureFixtures.NullShaSumsHashiCorpSignature,
            Encoding.ASCII.GetBytes(OpenTofuSignatureFixtures.HashiCorpPublicKey), "https://registry.opentofu.org/v1/providers/hashicorp/null/3.1.0/download/linux/amd64",
            [OpenTofuSignatureFixtures.HashiCorpKeyId], new DateTimeOffset(2026, 12, 3, 12, 0, 0, TimeSpan.Zero));
        await SignedReleases.AttachAsync(store, "3.1.0", evidence);
        var index = await ProviderArtifactResolver.ResolveVersionTagAsync(store, ProviderVersion.Parse("3.1.0"), default);
        return (mirror, index.Digest);
    }

    private static TrustAnchors AnchorsOf(string armored) =>
        TrustAnchors.Parse([("anchor.asc", Encoding.ASCII.GetBytes(armored))], out var problems) ?? throw new InvalidOperationException(string.Join("; ", problems));

    [TestMethod]
    public async Task HashiCorpsRealSignatureVerifiesWithHashiCorpsKeyAsAnchorAndVouchesForItsSignedLinesOnly()
    {
        using var temp = new TempFolder();
        var (mirror, index) = await MirrorWithHashiCorpEvidenceAsync(temp);
        var verifier = new ReleaseEvidenceVerifier(AnchorsOf(OpenTofuSignatureFixtures.HashiCorpPublicKey));

        var release = await verifier.VerifyAsync(mirror.Stores.Resolve(Null).Single(), index, Null, ProviderVersion.Parse("3.1.0"), requireSigned: true, default);

        Assert.IsNotNull(release);
        Assert.IsTrue(release.Anchored);
        Assert.AreEqual(OpenTofuSignatureFixtures.HashiCorpKeyId, release.SigningKeyId);
        var signedDarwin = Digest.Parse("sha256:fea4227271ebf7d9e2b61b89ce2328c7262acd9fd190e1fd6d15a591abfa848e");
        ReleaseEvidenceVerifier.CheckPackage(release, Null, ProviderVersion.Parse("3.1.0"), Platform.Parse("darwin_amd64"), signedDarwin);
        var failure = Assert.ThrowsExactly<ProviderFailure>(() =>
            ReleaseEvidenceVerifier.CheckPackage(release, Null, ProviderVersion.Parse("3.1.0"), Platform.Parse("darwin_arm64"), signedDarwin));
        Assert.AreEqual(DiagnosticCodes.PackageNotInSignedSums, failure.Code);
    }

    [TestMethod]
    public async Task HashiCorpsRealSignatureDoesNotVerifyWithAnotherKeyAsAnchor()
    {
        using var temp = new TempFolder();
        var (mirror, index) = await MirrorWithHashiCorpEvidenceAsync(temp);
        var verifier = new ReleaseEvidenceVerifier(AnchorsOf(OpenTofuSignatureFixtures.AnotherPublicKey));

        var failure = await Assert.ThrowsExactlyAsync<ProviderFailure>(() =>
            verifier.VerifyAsync(mirror.Stores.Resolve(Null).Single(), index, Null, ProviderVersion.Parse("3.1.0"), requireSigned: false, default));

        Assert.AreEqual(DiagnosticCodes.EvidenceSignatureRejected, failure.Code);
        // HashiCorp signs with subkey B0B441097685B676 of 34365D9472D7468F; the message names it, as the signature does.
        StringAssert.Contains(failure.Message, "signed by B0B441097685B676");
    }
}
