using System;
using System.Collections.Concurrent;
using System.IO;
using System.Text;
using Org.BouncyCastle.Bcpg;
using Org.BouncyCastle.Bcpg.OpenPgp;
using Org.BouncyCastle.Crypto.Generators;
using Org.BouncyCastle.Crypto.Parameters;
using Org.BouncyCastle.Math;
using Org.BouncyCastle.Security;

namespace TofuMirror.Testing.OpenPgp;

/// <summary>
/// An RSA 2048 OpenPGP key pair made for a test, as provider authors use: a certified primary key and, optionally,
/// a signing subkey that makes the signatures. Keys are cached per test run by their options (RSA generation is slow).
/// </summary>
internal sealed class TestSigningKey
{
    private static readonly ConcurrentDictionary<(string Name, DateTime? Created, TimeSpan? ValidFor, bool Subkey), Lazy<TestSigningKey>> Cache = new();
    private static readonly SecureRandom Random = new();

    private readonly PgpPublicKeyRing publicRing;
    private readonly PgpPrivateKey primaryPrivateKey;
    private readonly PgpPrivateKey signingPrivateKey;
    private readonly PgpPublicKey signingPublicKey;

    private TestSigningKey(PgpSecretKeyRing secretRing, PgpPublicKeyRing publicRing, bool signWithSubkey)
    {
        this.publicRing = publicRing;
        var keys = new System.Collections.Generic.List<PgpSecretKey>(secretRing.GetSecretKeys());
        primaryPrivateKey = keys[0].ExtractPrivateKey(Array.Empty<char>());
        var signingSecret = signWithSubkey ? keys[1] : keys[0];
        signingPrivateKey = signingSecret.ExtractPrivateKey(Array.Empty<char>());
        signingPublicKey = signingSecret.PublicKey;
    }

    /// <summary>
    /// The cached key of that name and options. <paramref name="created"/> defaults to a day ago;
    /// <paramref name="validFor"/> sets the key expiry (relative to creation), null for a key that never expires.
    /// </summary>
    public static TestSigningKey Get(string name = "test-author", TimeSpan? validFor = null, DateTime? created = null, bool signingSubkey = false)
        => Cache.GetOrAdd((name, created, validFor, signingSubkey), options => new Lazy<TestSigningKey>(() => Generate(options.Name, options.Created, options.ValidFor, options.Subkey))).Value;

    /// <summary>A key created ten days ago that expired nine days ago.</summary>
    public static TestSigningKey Expired(string name = "expired-author")
        => Get(name, TimeSpan.FromDays(1), DateTime.UtcNow.Date.AddDays(-10));

    /// <summary>The primary key's ID as OpenTofu prints it: 16 upper-case hex digits.</summary>
    public string KeyId => publicRing.GetPublicKey().KeyId.ToString("X16");

    /// <summary>The ID of the key that makes the signatures (the subkey when there is one).</summary>
    public string SigningKeyId => signingPublicKey.KeyId.ToString("X16");

    /// <summary>The primary key's fingerprint: 40 upper-case hex digits.</summary>
    public string Fingerprint => Convert.ToHexString(publicRing.GetPublicKey().GetFingerprint());

    /// <summary>The public key (with its subkey, if any) as ASCII armor, as a registry serves it.</summary>
    public string ArmoredPublicKey => Armor(publicRing);

    /// <summary>
    /// The public key as ASCII armor after its owner revoked it: the primary key, or only the signing subkey. With
    /// <paramref name="forgedBy"/>, the revocation is made by that other key instead (and so revokes nothing).
    /// </summary>
    public string ArmoredRevokedPublicKey(bool subkeyOnly = false, string reason = "key material compromised", TestSigningKey? forgedBy = null)
    {
        var primary = publicRing.GetPublicKey();
        var signer = forgedBy?.primaryPrivateKey ?? primaryPrivateKey;
        var generator = new PgpSignatureGenerator(primary.Algorithm, HashAlgorithmTag.Sha256);
        generator.InitSign(subkeyOnly ? PgpSignature.SubkeyRevocation : PgpSignature.KeyRevocation, signer);
        var hashed = new PgpSignatureSubpacketGenerator();
        hashed.SetSignatureCreationTime(false, DateTime.UtcNow.AddMinutes(-1));
        hashed.SetRevocationReason(false, RevocationReasonTag.KeyCompromised, reason);
        generator.SetHashedSubpackets(hashed.Generate());
        var subkey = publicRing.GetPublicKey(signingPublicKey.KeyId); // as the ring holds it: with its binding signature
        var revoked = subkeyOnly
            ? PgpPublicKey.AddCertification(subkey, generator.GenerateCertification(primary, subkey))
            : PgpPublicKey.AddCertification(primary, generator.GenerateCertification(primary));
        return Armor(PgpPublicKeyRing.InsertPublicKey(publicRing, revoked));
    }

    private static string Armor(PgpPublicKeyRing ring)
    {
        using var buffer = new MemoryStream();
        using (var armor = new ArmoredOutputStream(buffer))
        {
            ring.Encode(armor);
        }
        return Encoding.ASCII.GetString(buffer.ToArray());
    }

    /// <summary>A binary detached signature made now by the primary key, also when a signing subkey should make them.</summary>
    public byte[] SignDetachedWithPrimaryKey(byte[] data) => SignDetached(data, DateTime.UtcNow, primaryPrivateKey, publicRing.GetPublicKey());

    /// <summary>A binary detached signature over <paramref name="data"/>, made now.</summary>
    public byte[] SignDetached(byte[] data) => SignDetached(data, DateTime.UtcNow);

    /// <summary>A binary detached signature over <paramref name="data"/> with the given creation time.</summary>
    public byte[] SignDetached(byte[] data, DateTime signatureTime) => SignDetached(data, signatureTime, signingPrivateKey, signingPublicKey);

    private static byte[] SignDetached(byte[] data, DateTime signatureTime, PgpPrivateKey privateKey, PgpPublicKey publicKey)
    {
        var generator = new PgpSignatureGenerator(publicKey.Algorithm, HashAlgorithmTag.Sha256);
        generator.InitSign(PgpSignature.BinaryDocument, privateKey);
        var hashed = new PgpSignatureSubpacketGenerator();
        hashed.SetSignatureCreationTime(false, signatureTime);
        hashed.SetIssuerKeyID(false, publicKey.KeyId);
        generator.SetHashedSubpackets(hashed.Generate());
        generator.Update(data);
        using var buffer = new MemoryStream();
        generator.Generate().Encode(buffer);
        return buffer.ToArray();
    }

    /// <summary>An ASCII-armored detached signature over <paramref name="data"/>.</summary>
    public string SignDetachedArmored(byte[] data)
    {
        var binary = SignDetached(data);
        using var buffer = new MemoryStream();
        using (var armor = new ArmoredOutputStream(buffer))
        {
            armor.Write(binary, 0, binary.Length);
        }
        return Encoding.ASCII.GetString(buffer.ToArray());
    }

    private static TestSigningKey Generate(string name, DateTime? created, TimeSpan? validFor, bool signingSubkey)
    {
        var creationTime = created ?? DateTime.UtcNow.Date.AddDays(-1);
        var primary = new PgpKeyPair(PublicKeyAlgorithmTag.RsaGeneral, NewRsaKeyPair(), creationTime);

        var primaryPackets = new PgpSignatureSubpacketGenerator();
        primaryPackets.SetKeyFlags(false, signingSubkey ? PgpKeyFlags.CanCertify : PgpKeyFlags.CanCertify | PgpKeyFlags.CanSign);
        primaryPackets.SetPreferredHashAlgorithms(false, [(int)HashAlgorithmTag.Sha256]);
        if (validFor is { } lifetime)
        {
            primaryPackets.SetKeyExpirationTime(false, (long)lifetime.TotalSeconds);
        }

        var generator = new PgpKeyRingGenerator(
            PgpSignature.PositiveCertification, primary, $"{name} <{name}@example.test>",
            SymmetricKeyAlgorithmTag.Null, Array.Empty<char>(), useSha1: false, primaryPackets.Generate(), null, Random);

        if (signingSubkey)
        {
            var subkeyPackets = new PgpSignatureSubpacketGenerator();
            subkeyPackets.SetKeyFlags(false, PgpKeyFlags.CanSign);
            if (validFor is { } subkeyLifetime)
            {
                subkeyPackets.SetKeyExpirationTime(false, (long)subkeyLifetime.TotalSeconds);
            }
            var subkey = new PgpKeyPair(PublicKeyAlgorithmTag.RsaGeneral, NewRsaKeyPair(), creationTime);
            generator.AddSubKey(subkey, subkeyPackets.Generate(), null, HashAlgorithmTag.Sha256);
        }

        return new TestSigningKey(generator.GenerateSecretKeyRing(), generator.GeneratePublicKeyRing(), signingSubkey);
    }

    private static Org.BouncyCastle.Crypto.AsymmetricCipherKeyPair NewRsaKeyPair()
    {
        var generator = new RsaKeyPairGenerator();
        generator.Init(new RsaKeyGenerationParameters(BigInteger.ValueOf(0x10001), Random, 2048, 12));
        return generator.GenerateKeyPair();
    }
}
