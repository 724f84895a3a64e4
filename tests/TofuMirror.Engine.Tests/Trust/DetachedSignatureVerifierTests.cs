using System;
using System.Linq;
using System.Text;
using Microsoft.VisualStudio.TestTools.UnitTesting;
using TofuMirror.Engine.Trust;
using TofuMirror.Testing.OpenPgp;
using static TofuMirror.Engine.Tests.Trust.OpenTofuSignatureFixtures;

namespace TofuMirror.Engine.Tests.Trust;

[TestClass]
public sealed class DetachedSignatureVerifierTests
{
    private static readonly byte[] Data = Encoding.ASCII.GetBytes("0123  terraform-provider-demo_1.0.0_linux_amd64.zip\n");

    private static OpenPgpKeyring Keys(params string[] armored)
    {
        Assert.IsTrue(OpenPgpKeyring.TryRead(string.Concat(armored), out var keyring, out var error), error);
        return keyring;
    }

    [TestMethod]
    public void HashiCorp_signature_verifies_with_the_HashiCorp_key_which_has_expired()
    {
        var check = DetachedSignatureVerifier.Verify(NullShaSums, NullShaSumsHashiCorpSignature, Keys(HashiCorpPublicKey), DateTimeOffset.UtcNow);

        Assert.AreEqual(SignatureStatus.ValidButKeyExpired, check.Status, check.Problem);
        Assert.AreEqual(HashiCorpKeyId, check.SignerKeyId);
        Assert.AreEqual(40, check.SignerFingerprint!.Length);
        Assert.IsTrue(check.SignerFingerprint.EndsWith(HashiCorpKeyId, StringComparison.Ordinal));
        Assert.IsNotNull(check.KeyExpiry);
    }

    [TestMethod]
    public void HashiCorp_signature_was_valid_before_the_key_expired()
    {
        var keys = Keys(HashiCorpPublicKey);
        var expiry = DetachedSignatureVerifier.Verify(NullShaSums, NullShaSumsHashiCorpSignature, keys, DateTimeOffset.UtcNow).KeyExpiry!.Value;

        var check = DetachedSignatureVerifier.Verify(NullShaSums, NullShaSumsHashiCorpSignature, keys, expiry.AddDays(-1));

        Assert.AreEqual(SignatureStatus.Valid, check.Status, check.Problem);
    }

    [TestMethod]
    public void HashiCorp_signature_over_other_bytes_is_a_bad_signature()
    {
        var altered = NullShaSums.ToArray();
        altered[0] ^= 1;

        var check = DetachedSignatureVerifier.Verify(altered, NullShaSumsHashiCorpSignature, Keys(HashiCorpPublicKey), DateTimeOffset.UtcNow);

        Assert.AreEqual(SignatureStatus.BadSignature, check.Status);
        Assert.IsFalse(check.Verifies);
    }

    [TestMethod]
    public void Test_author_signature_verifies_with_the_test_author_key()
    {
        var check = DetachedSignatureVerifier.Verify(ExampleShaSumsData, TestAuthorSignatureGood, Keys(TestAuthorPublicKey), DateTimeOffset.UtcNow);

        Assert.IsTrue(check.Verifies, check.Problem);
        Assert.AreEqual(TestAuthorFingerprint, check.SignerFingerprint);
        Assert.AreEqual(TestAuthorFingerprint.Substring(24), check.SignerKeyId);
    }

    [TestMethod]
    public void OpenTofu_bad_signature_is_refused_as_malformed()
    {
        var check = DetachedSignatureVerifier.Verify(ExampleShaSumsData, TestAuthorSignatureBad, Keys(TestAuthorPublicKey), DateTimeOffset.UtcNow);

        Assert.IsFalse(check.Verifies);
        Assert.AreEqual(SignatureStatus.Malformed, check.Status, check.Problem);
    }

    [TestMethod]
    public void Other_authors_signature_does_not_verify_with_the_HashiCorp_key()
    {
        var check = DetachedSignatureVerifier.Verify(ExampleShaSumsData, TestAuthorSignatureGood, Keys(HashiCorpPublicKey, AnotherPublicKey), DateTimeOffset.UtcNow);

        Assert.AreEqual(SignatureStatus.NoMatchingKey, check.Status);
        Assert.AreEqual(TestAuthorFingerprint.Substring(24), check.IssuerKeyId);
        CollectionAssert.Contains(check.KeyIdsTried.ToList(), HashiCorpKeyId);
        Assert.AreEqual(2, check.KeyIdsTried.Count);
    }

    [TestMethod]
    public void Binary_and_armored_signatures_of_a_generated_key_verify_among_several_keys()
    {
        var author = TestSigningKey.Get();
        var keys = Keys(TestSigningKey.Get("someone-else").ArmoredPublicKey, author.ArmoredPublicKey);

        var binary = DetachedSignatureVerifier.Verify(Data, author.SignDetached(Data), keys, DateTimeOffset.UtcNow);
        var armored = DetachedSignatureVerifier.Verify(Data, Encoding.ASCII.GetBytes(author.SignDetachedArmored(Data)), keys, DateTimeOffset.UtcNow);

        Assert.AreEqual(SignatureStatus.Valid, binary.Status, binary.Problem);
        Assert.AreEqual(SignatureStatus.Valid, armored.Status, armored.Problem);
        Assert.AreEqual(author.KeyId, binary.SignerKeyId);
        Assert.AreEqual(author.Fingerprint, binary.SignerFingerprint);
        Assert.IsNull(binary.KeyExpiry);
    }

    [TestMethod]
    public void A_signing_subkey_reports_its_primary_key()
    {
        var author = TestSigningKey.Get("subkey-author", signingSubkey: true);

        var check = DetachedSignatureVerifier.Verify(Data, author.SignDetached(Data), Keys(author.ArmoredPublicKey), DateTimeOffset.UtcNow);

        Assert.AreEqual(SignatureStatus.Valid, check.Status, check.Problem);
        Assert.AreNotEqual(author.KeyId, author.SigningKeyId);
        Assert.AreEqual(author.KeyId, check.SignerKeyId);
        Assert.AreEqual(author.Fingerprint, check.SignerFingerprint);
        Assert.AreEqual(author.SigningKeyId, check.SigningKeyId);
    }

    [TestMethod]
    public void An_expired_generated_key_is_valid_but_expired()
    {
        var author = TestSigningKey.Expired();

        var check = DetachedSignatureVerifier.Verify(Data, author.SignDetached(Data), Keys(author.ArmoredPublicKey), DateTimeOffset.UtcNow);

        Assert.AreEqual(SignatureStatus.ValidButKeyExpired, check.Status, check.Problem);
        Assert.IsTrue(check.KeyExpiry < DateTimeOffset.UtcNow);
    }

    [TestMethod]
    public void A_key_that_expires_later_is_valid_now()
    {
        var author = TestSigningKey.Get("long-lived", validFor: TimeSpan.FromDays(365));

        var check = DetachedSignatureVerifier.Verify(Data, author.SignDetached(Data), Keys(author.ArmoredPublicKey), DateTimeOffset.UtcNow);

        Assert.AreEqual(SignatureStatus.Valid, check.Status, check.Problem);
        Assert.IsTrue(check.KeyExpiry > DateTimeOffset.UtcNow);
    }

    [TestMethod]
    [DataRow(false, DisplayName = "the primary key revoked")]
    [DataRow(true, DisplayName = "only the signing subkey revoked")]
    public void A_revoked_key_makes_no_valid_signature_and_the_problem_says_why(bool subkeyOnly)
    {
        var author = TestSigningKey.Get("revoking-author", signingSubkey: subkeyOnly);
        var signature = author.SignDetached(Data);
        Assert.AreEqual(SignatureStatus.Valid, DetachedSignatureVerifier.Verify(Data, signature, Keys(author.ArmoredPublicKey), DateTimeOffset.UtcNow).Status);

        var check = DetachedSignatureVerifier.Verify(Data, signature, Keys(author.ArmoredRevokedPublicKey(subkeyOnly, "stolen laptop")), DateTimeOffset.UtcNow);

        Assert.AreEqual(SignatureStatus.KeyRevoked, check.Status, check.Problem);
        Assert.IsFalse(check.Verifies);
        StringAssert.Contains(check.Problem, $"key {(subkeyOnly ? author.SigningKeyId : author.KeyId)} was revoked by its owner");
        StringAssert.Contains(check.Problem, "\"stolen laptop\"");
    }

    [TestMethod]
    public void A_revocation_made_by_another_key_revokes_nothing()
    {
        var author = TestSigningKey.Get("revoking-author");
        var forged = author.ArmoredRevokedPublicKey(forgedBy: TestSigningKey.Get("someone-else"));

        var check = DetachedSignatureVerifier.Verify(Data, author.SignDetached(Data), Keys(forged), DateTimeOffset.UtcNow);

        Assert.AreEqual(SignatureStatus.Valid, check.Status, check.Problem);
    }

    [TestMethod]
    public void A_primary_key_its_owner_flagged_for_certifying_only_makes_no_valid_signature()
    {
        // The subkey author's primary key carries only the certify flag: its signatures are made by the subkey.
        var author = TestSigningKey.Get("subkey-author", signingSubkey: true);

        var check = DetachedSignatureVerifier.Verify(Data, author.SignDetachedWithPrimaryKey(Data), Keys(author.ArmoredPublicKey), DateTimeOffset.UtcNow);

        Assert.AreEqual(SignatureStatus.NoMatchingKey, check.Status, check.Problem);
        StringAssert.Contains(check.Problem, $"key {author.KeyId} may not make signatures");
        Assert.AreEqual(SignatureStatus.Valid, DetachedSignatureVerifier.Verify(Data, author.SignDetached(Data), Keys(author.ArmoredPublicKey), DateTimeOffset.UtcNow).Status);
    }

    [TestMethod]
    public void A_signature_of_another_algorithm_naming_a_key_is_a_bad_signature_not_a_crash()
    {
        var author = TestSigningKey.Get();
        var curve = new Org.BouncyCastle.Crypto.Generators.Ed25519KeyPairGenerator();
        curve.Init(new Org.BouncyCastle.Crypto.Parameters.Ed25519KeyGenerationParameters(new Org.BouncyCastle.Security.SecureRandom()));
        var forger = new Org.BouncyCastle.Bcpg.OpenPgp.PgpKeyPair(Org.BouncyCastle.Bcpg.PublicKeyAlgorithmTag.EdDsa_Legacy, curve.GenerateKeyPair(), DateTime.UtcNow);
        var generator = new Org.BouncyCastle.Bcpg.OpenPgp.PgpSignatureGenerator(Org.BouncyCastle.Bcpg.PublicKeyAlgorithmTag.EdDsa_Legacy, Org.BouncyCastle.Bcpg.HashAlgorithmTag.Sha256);
        generator.InitSign(Org.BouncyCastle.Bcpg.OpenPgp.PgpSignature.BinaryDocument, forger.PrivateKey);
        var hashed = new Org.BouncyCastle.Bcpg.OpenPgp.PgpSignatureSubpacketGenerator();
        hashed.SetIssuerKeyID(false, unchecked((long)ulong.Parse(author.KeyId, System.Globalization.NumberStyles.HexNumber)));
        generator.SetHashedSubpackets(hashed.Generate());
        generator.Update(Data);
        var signature = generator.Generate().GetEncoded();

        var check = DetachedSignatureVerifier.Verify(Data, signature, Keys(author.ArmoredPublicKey), DateTimeOffset.UtcNow);

        Assert.AreEqual(SignatureStatus.BadSignature, check.Status, check.Problem);
        StringAssert.Contains(check.Problem, author.KeyId);
    }

    [TestMethod]
    public void Garbage_is_a_malformed_signature_and_not_a_key()
    {
        var check = DetachedSignatureVerifier.Verify(Data, Encoding.ASCII.GetBytes("not a signature"), Keys(TestSigningKey.Get().ArmoredPublicKey), DateTimeOffset.UtcNow);

        Assert.AreEqual(SignatureStatus.Malformed, check.Status);
        Assert.IsFalse(OpenPgpKeyring.TryRead("invalid PGP armor value", out _, out var error));
        StringAssert.Contains(error, "OpenPGP");
    }
}
