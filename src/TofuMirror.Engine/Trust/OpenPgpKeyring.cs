using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text;
using Org.BouncyCastle.Bcpg.OpenPgp;

namespace TofuMirror.Engine.Trust;

/// <summary>
/// A set of OpenPGP public keys (each a primary key with its subkeys), read from ASCII-armored blocks or binary
/// keyrings. Keys are named as OpenTofu prints them: key IDs as 16 upper-case hex digits, fingerprints as 40.
/// </summary>
public sealed class OpenPgpKeyring
{
    private const string ArmorStart = "-----BEGIN PGP PUBLIC KEY BLOCK-----";

    internal OpenPgpKeyring(IReadOnlyList<PgpPublicKeyRing> rings) => Rings = rings;

    /// <summary>An empty keyring.</summary>
    public static OpenPgpKeyring Empty { get; } = new([]);

    internal IReadOnlyList<PgpPublicKeyRing> Rings { get; }

    /// <summary>The primary keys' IDs, in the order read.</summary>
    public IReadOnlyList<string> KeyIds => Rings.Select(r => KeyIdOf(r.GetPublicKey())).ToList();

    /// <summary>The primary keys' fingerprints, in the order read.</summary>
    public IReadOnlyList<string> Fingerprints => Rings.Select(r => FingerprintOf(r.GetPublicKey())).ToList();

    /// <summary>
    /// Reads every public key in <paramref name="data"/>: one or more armored blocks (text around them is ignored)
    /// or a binary keyring. False with a reason when nothing usable is there or a block is corrupt.
    /// </summary>
    public static bool TryRead(byte[] data, out OpenPgpKeyring keyring, out string error)
    {
        keyring = Empty;
        var text = Encoding.UTF8.GetString(data);
        var blocks = text.Contains(ArmorStart)
            ? text.Split([ArmorStart], StringSplitOptions.None).Skip(1).Select(b => Encoding.UTF8.GetBytes(ArmorStart + b)).ToList()
            : [data];
        var rings = new List<PgpPublicKeyRing>();
        foreach (var block in blocks)
        {
            try
            {
                using var decoded = PgpUtilities.GetDecoderStream(new MemoryStream(block));
                rings.AddRange(new PgpPublicKeyRingBundle(decoded).GetKeyRings());
            }
            catch (Exception e) when (e is IOException or PgpException or ArgumentException or InvalidOperationException or FormatException)
            {
                error = $"it is not a valid OpenPGP public key ({e.Message})";
                return false;
            }
        }
        if (rings.Count == 0)
        {
            error = "it holds no OpenPGP public key";
            return false;
        }
        keyring = new OpenPgpKeyring(rings);
        error = string.Empty;
        return true;
    }

    /// <summary>Reads armored text; see <see cref="TryRead(byte[], out OpenPgpKeyring, out string)"/>.</summary>
    public static bool TryRead(string armored, out OpenPgpKeyring keyring, out string error) =>
        TryRead(Encoding.UTF8.GetBytes(armored), out keyring, out error);

    /// <summary>All keys of both keyrings.</summary>
    public OpenPgpKeyring Concat(OpenPgpKeyring other) => new(Rings.Concat(other.Rings).ToList());

    /// <summary>Only the keys whose primary fingerprint is in <paramref name="fingerprints"/> (40 hex digits, any case).</summary>
    public OpenPgpKeyring WithPrimaryFingerprints(IEnumerable<string> fingerprints)
    {
        var wanted = new HashSet<string>(fingerprints, StringComparer.OrdinalIgnoreCase);
        return new(Rings.Where(r => wanted.Contains(FingerprintOf(r.GetPublicKey()))).ToList());
    }

    /// <summary>The ASCII-armored form of every key, one block per primary key.</summary>
    public string ToArmoredText()
    {
        var text = new StringBuilder();
        foreach (var ring in Rings)
        {
            using var buffer = new MemoryStream();
            using (var armor = new Org.BouncyCastle.Bcpg.ArmoredOutputStream(buffer))
            {
                ring.Encode(armor);
            }
            text.Append(Encoding.ASCII.GetString(buffer.ToArray()));
        }
        return text.ToString();
    }

    internal static string KeyIdOf(PgpPublicKey key) => key.KeyId.ToString("X16");

    internal static string FingerprintOf(PgpPublicKey key) => Convert.ToHexString(key.GetFingerprint());
}
