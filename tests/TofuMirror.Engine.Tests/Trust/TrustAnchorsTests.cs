using System;
using System.IO;
using System.Linq;
using System.Text;
using Microsoft.VisualStudio.TestTools.UnitTesting;
using TofuMirror.Engine.Provenance;
using TofuMirror.Engine.Trust;
using TofuMirror.Model.Diagnostics;
using TofuMirror.Testing;
using TofuMirror.Testing.OpenPgp;

namespace TofuMirror.Engine.Tests.Trust;

[TestClass]
public sealed class TrustAnchorsTests
{
    private static readonly byte[] Data = Encoding.ASCII.GetBytes("checksums to vouch for\n");

    private static OpenPgpKeyring Keys(string armored)
    {
        Assert.IsTrue(OpenPgpKeyring.TryRead(armored, out var keyring, out var error), error);
        return keyring;
    }

    private static string Spaced(string fingerprint) =>
        string.Join(" ", Enumerable.Range(0, 10).Select(i => fingerprint.Substring(i * 4, 4))).ToLowerInvariant();

    [TestMethod]
    public void Fingerprint_list_anchors_a_key_that_comes_with_the_evidence()
    {
        var author = TestSigningKey.Get();
        using var folder = new TempFolder();
        var list = folder.WriteFile("trusted.txt", $"# provider authors we trust\r\n{Spaced(author.Fingerprint)}  # test author\r\n\r\n");

        var anchors = TrustAnchors.Load([list], out var diagnostics);
        var check = anchors!.Verify(Data, author.SignDetached(Data), Keys(author.ArmoredPublicKey), DateTimeOffset.UtcNow);

        Assert.AreEqual(0, diagnostics.Count);
        Assert.AreEqual(author.Fingerprint, anchors.Fingerprints.Single());
        Assert.AreEqual(SignatureStatus.Valid, check.Status, check.Problem);
        Assert.AreEqual(author.Fingerprint, check.SignerFingerprint);
        Assert.IsNull(TrustAnchors.Describe(check, "example/demo 1.0.0"));
    }

    [TestMethod]
    public void A_key_from_the_evidence_that_is_not_anchored_is_not_trusted()
    {
        var author = TestSigningKey.Get();
        var mirror = TestSigningKey.Get("mirror-operator");
        var anchors = TrustAnchors.Parse([("trusted.txt", Encoding.ASCII.GetBytes(author.Fingerprint + "\n"))], out _)!;

        var check = anchors.Verify(Data, mirror.SignDetached(Data), Keys(mirror.ArmoredPublicKey + author.ArmoredPublicKey), DateTimeOffset.UtcNow);
        var diagnostic = TrustAnchors.Describe(check, "example/demo 1.0.0");

        Assert.AreEqual(SignatureStatus.NoMatchingKey, check.Status);
        Assert.AreEqual(DiagnosticCodes.SignatureNotTrusted, diagnostic!.Code);
        StringAssert.Contains(diagnostic.ToString(), mirror.KeyId);
        StringAssert.Contains(diagnostic.ToString(), TrustAnchors.EnvironmentVariable);
    }

    [TestMethod]
    public void A_foreign_subkey_attached_to_an_anchored_primary_key_is_not_trusted()
    {
        var author = TestSigningKey.Get();
        var attacker = TestSigningKey.Get("attacker-with-subkey", signingSubkey: true);
        var anchors = TrustAnchors.Parse([("trusted.txt", Encoding.ASCII.GetBytes(author.Fingerprint))], out _)!;
        var spliced = Splice(author.ArmoredPublicKey, attacker.ArmoredPublicKey);

        var check = anchors.Verify(Data, attacker.SignDetached(Data), Keys(spliced), DateTimeOffset.UtcNow);

        Assert.IsFalse(check.Verifies, check.Problem);
        StringAssert.Contains(check.Problem, "not bound");
    }

    [TestMethod]
    public void Armored_keyring_file_anchors_its_keys()
    {
        var author = TestSigningKey.Get("keyring-author", signingSubkey: true);
        using var folder = new TempFolder();
        var keyring = folder.WriteFile("authors.asc", TestSigningKey.Get().ArmoredPublicKey + author.ArmoredPublicKey);

        var anchors = TrustAnchors.Load([keyring], out var diagnostics);
        var check = anchors!.Verify(Data, Encoding.ASCII.GetBytes(author.SignDetachedArmored(Data)), null, DateTimeOffset.UtcNow);

        Assert.AreEqual(0, diagnostics.Count);
        Assert.AreEqual(2, anchors.Fingerprints.Count);
        Assert.AreEqual(SignatureStatus.Valid, check.Status, check.Problem);
        Assert.AreEqual(author.KeyId, check.SignerKeyId);
    }

    [TestMethod]
    public void OpenTofu_fixture_key_as_anchor_verifies_its_signature()
    {
        var anchors = TrustAnchors.Parse(
            [("hashicorp.asc", Encoding.ASCII.GetBytes(OpenTofuSignatureFixtures.TestAuthorPublicKey)), ("more.txt", Encoding.ASCII.GetBytes("# nothing else\n"))],
            out var diagnostics)!;

        var check = anchors.Verify(OpenTofuSignatureFixtures.ExampleShaSumsData, OpenTofuSignatureFixtures.TestAuthorSignatureGood, null, DateTimeOffset.UtcNow);

        Assert.AreEqual(0, diagnostics.Count);
        Assert.IsTrue(check.Verifies, check.Problem);
        Assert.AreEqual(OpenTofuSignatureFixtures.TestAuthorFingerprint, check.SignerFingerprint);
    }

    [TestMethod]
    public void Environment_variable_lists_several_files()
    {
        var first = TestSigningKey.Get();
        var second = TestSigningKey.Get("second-author");
        using var folder = new TempFolder();
        var list = folder.WriteFile("a.txt", first.Fingerprint);
        var keyring = folder.WriteFile("b.asc", second.ArmoredPublicKey);
        var value = list + Path.PathSeparator + keyring + Path.PathSeparator;

        var anchors = TrustAnchors.LoadFromEnvironment(out var diagnostics, name => name == TrustAnchors.EnvironmentVariable ? value : null);

        Assert.AreEqual(0, diagnostics.Count);
        CollectionAssert.AreEquivalent(new[] { first.Fingerprint, second.Fingerprint }, anchors!.Fingerprints.ToList());
        Assert.AreSame(TrustAnchors.Empty, TrustAnchors.LoadFromEnvironment(out _, _ => null));
    }

    [TestMethod]
    public void A_bad_fingerprint_line_is_an_error_naming_file_and_line()
    {
        using var folder = new TempFolder();
        var list = folder.WriteFile("trusted.txt", $"# ok\n{TestSigningKey.Get().Fingerprint}\nABCDEF ##vso[task.complete]\n");

        var anchors = TrustAnchors.Load([list], out var diagnostics);

        Assert.IsNull(anchors);
        var diagnostic = diagnostics.Single();
        Assert.AreEqual(DiagnosticCodes.TrustAnchorsInvalid, diagnostic.Code);
        Assert.AreEqual(list, diagnostic.Subject!.Value.FileName);
        Assert.AreEqual(3, diagnostic.Subject!.Value.Start.Line);
        Assert.IsFalse(diagnostic.ToString().Contains("##vso["));
    }

    [TestMethod]
    public void A_missing_file_or_a_corrupt_keyring_is_an_error()
    {
        using var folder = new TempFolder();
        var corrupt = folder.WriteFile("broken.asc", "-----BEGIN PGP PUBLIC KEY BLOCK-----\n\nnot base64 at all!!\n-----END PGP PUBLIC KEY BLOCK-----\n");

        TrustAnchors.Load([folder.Combine("missing.txt"), corrupt], out var diagnostics);

        Assert.AreEqual(2, diagnostics.Count);
        Assert.IsTrue(diagnostics.All(d => d.Code == DiagnosticCodes.TrustAnchorsInvalid));
        StringAssert.Contains(diagnostics[0].ToString(), "missing.txt");
        StringAssert.Contains(diagnostics[1].ToString(), "broken.asc");
    }

    [TestMethod]
    public void Stored_evidence_verifies_with_its_own_keys_only_when_anchored()
    {
        var author = TestSigningKey.Get();
        var evidence = new ProvenanceEvidence("registry.example.test/example/demo", "1.0.0", Data, author.SignDetached(Data),
            Encoding.ASCII.GetBytes(author.ArmoredPublicKey), "https://registry.example.test", [author.KeyId], DateTimeOffset.UtcNow);
        var anchored = TrustAnchors.Parse([("trusted.txt", Encoding.ASCII.GetBytes(author.Fingerprint))], out _)!;
        var other = TrustAnchors.Parse([("trusted.txt", Encoding.ASCII.GetBytes(TestSigningKey.Get("someone-else").Fingerprint))], out _)!;

        Assert.AreEqual(SignatureStatus.Valid, anchored.VerifyEvidence(evidence, DateTimeOffset.UtcNow).Status);
        Assert.AreEqual(SignatureStatus.NoMatchingKey, other.VerifyEvidence(evidence, DateTimeOffset.UtcNow).Status);
        Assert.AreEqual(SignatureStatus.NoMatchingKey, anchored.VerifyEvidence(evidence with { PublicKeys = [] }, DateTimeOffset.UtcNow).Status);
    }

    [TestMethod]
    public void With_no_anchors_nothing_verifies()
    {
        var author = TestSigningKey.Get();

        var check = TrustAnchors.Empty.Verify(Data, author.SignDetached(Data), Keys(author.ArmoredPublicKey), DateTimeOffset.UtcNow);

        Assert.AreEqual(SignatureStatus.NoMatchingKey, check.Status);
        StringAssert.Contains(check.Problem, "trust anchor");
    }

    /// <summary>The primary key (with user ID) of <paramref name="victim"/> carrying the subkey of <paramref name="attacker"/>.</summary>
    private static string Splice(string victim, string attacker)
    {
        var victimRing = ReadRing(victim);
        var attackerSubkey = ReadRing(attacker).GetPublicKeys().Skip(1).Single();
        var spliced = Org.BouncyCastle.Bcpg.OpenPgp.PgpPublicKeyRing.InsertPublicKey(victimRing, attackerSubkey);
        using var buffer = new MemoryStream();
        using (var armor = new Org.BouncyCastle.Bcpg.ArmoredOutputStream(buffer))
        {
            spliced.Encode(armor);
        }
        return Encoding.ASCII.GetString(buffer.ToArray());
    }

    private static Org.BouncyCastle.Bcpg.OpenPgp.PgpPublicKeyRing ReadRing(string armored) =>
        new(Org.BouncyCastle.Bcpg.OpenPgp.PgpUtilities.GetDecoderStream(new MemoryStream(Encoding.ASCII.GetBytes(armored))));
}
