using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using Org.BouncyCastle.Bcpg.OpenPgp;

namespace TofuMirror.Engine.Trust;

/// <summary>
/// Checks a detached OpenPGP signature (armored or binary) over some bytes against a keyring, with BouncyCastle.
/// A signature by a subkey counts only when the subkey carries a valid binding signature of its primary key, so a
/// key list cannot smuggle in a foreign subkey under a trusted primary key. A key its owner revoked (a revocation
/// signature by the primary key, on the primary or on the signing subkey) makes no valid signature, whatever the
/// reason and date of the revocation: as in OpenTofu, where the signature is then refused. Nor does a key whose own
/// key flags (in its self-signature or binding signature) leave out signing: OpenTofu only looks among signing keys.
/// </summary>
public static class DetachedSignatureVerifier
{
    /// <summary>Checks <paramref name="signature"/> over <paramref name="data"/>; expiry is judged at <paramref name="now"/>.</summary>
    public static SignatureCheck Verify(byte[] data, byte[] signature, OpenPgpKeyring keys, DateTimeOffset now)
    {
        var tried = keys.KeyIds;
        PgpSignature parsed;
        try
        {
            parsed = ReadSignature(signature);
        }
        catch (Exception e) when (e is IOException or PgpException or ArgumentException or InvalidOperationException or InvalidCastException or FormatException)
        {
            return Failure(SignatureStatus.Malformed, null, tried, $"the signature is not OpenPGP signature data ({e.Message})");
        }

        var issuer = parsed.KeyId == 0 ? null : parsed.KeyId.ToString("X16");
        var candidates = keys.Rings
            .SelectMany(ring => ring.GetPublicKeys().Select(key => (Ring: ring, Key: key)))
            .Where(c => parsed.KeyId == 0 || c.Key.KeyId == parsed.KeyId)
            .ToList();
        if (candidates.Count == 0)
        {
            return Failure(SignatureStatus.NoMatchingKey, issuer, tried, $"it was made by key {issuer ?? "(unnamed)"}, which is not among the keys offered");
        }

        // A key that may not sign counts as no key (first such reason kept); a signature that does not verify wins over it.
        (SignatureStatus Status, string Problem)? failure = null;
        foreach (var (ring, key) in candidates)
        {
            var primary = ring.GetPublicKey();
            if (!key.IsMasterKey && !IsBoundSubkey(primary, key))
            {
                failure ??= (SignatureStatus.NoMatchingKey, $"subkey {OpenPgpKeyring.KeyIdOf(key)} is not bound to primary key {OpenPgpKeyring.KeyIdOf(primary)} by a valid signature");
                continue;
            }
            if (!MaySign(primary, key))
            {
                failure ??= (SignatureStatus.NoMatchingKey, $"key {OpenPgpKeyring.KeyIdOf(key)} may not make signatures: its key flags, set by its owner, leave out signing");
                continue;
            }
            if (!VerifiesWith(parsed, key, data))
            {
                failure = (SignatureStatus.BadSignature, $"it does not verify with key {OpenPgpKeyring.KeyIdOf(key)}: the signed content differs or the signature is corrupt");
                continue;
            }
            if (RevocationOf(primary, key) is { } revocation)
            {
                return Failure(SignatureStatus.KeyRevoked, issuer, tried, revocation);
            }
            var expiry = Earliest(ExpiryOf(primary), key.IsMasterKey ? null : ExpiryOf(key), SignatureExpiryOf(parsed));
            var expired = expiry is { } at && at <= now;
            return new SignatureCheck(
                expired ? SignatureStatus.ValidButKeyExpired : SignatureStatus.Valid,
                OpenPgpKeyring.KeyIdOf(primary), OpenPgpKeyring.FingerprintOf(primary), OpenPgpKeyring.KeyIdOf(key),
                expiry, issuer, tried, expired ? $"key {OpenPgpKeyring.KeyIdOf(primary)} expired on {expiry:yyyy-MM-dd}" : null);
        }
        return Failure(failure!.Value.Status, issuer, tried, failure.Value.Problem);
    }

    private static PgpSignature ReadSignature(byte[] signature)
    {
        using var decoded = PgpUtilities.GetDecoderStream(new MemoryStream(signature));
        var factory = new PgpObjectFactory(decoded);
        var item = factory.NextPgpObject();
        if (item is PgpCompressedData compressed)
        {
            item = new PgpObjectFactory(compressed.GetDataStream()).NextPgpObject();
        }
        return item is PgpSignatureList { Count: > 0 } list
            ? list[0]
            : throw new PgpException("no signature packet found");
    }

    private static bool VerifiesWith(PgpSignature signature, PgpPublicKey key, byte[] data)
    {
        try
        {
            signature.InitVerify(key);
            signature.Update(data);
            return signature.Verify();
        }
        catch (Exception e) when (IsUnverifiable(e))
        {
            return false;
        }
    }

    /// <summary>Whether one of the subkey's binding signatures is made by the primary key (a broken one binds nothing).</summary>
    private static bool IsBoundSubkey(PgpPublicKey primary, PgpPublicKey subkey) =>
        subkey.GetSignaturesOfType(PgpSignature.SubkeyBinding).Any(binding => IsMadeBy(primary, binding, () => binding.VerifyCertification(primary, subkey)));

    /// <summary>
    /// False when the key's owner restricted it to other uses: the newest valid user-ID self-certification of a primary
    /// key (or binding signature of a subkey) that carries key flags lacks the signing flag. No flags at all allow
    /// signing (direct-key signatures are not read, as OpenTofu reads a version 4 key's flags from its identities).
    /// </summary>
    private static bool MaySign(PgpPublicKey primary, PgpPublicKey key)
    {
        var selfSignatures = key.IsMasterKey
            ? primary.GetUserIds()
                .SelectMany(id => primary.GetSignaturesForId(id)
                    .Where(s => s.KeyId == primary.KeyId && IsUserIdCertification(s.SignatureType))
                    .Select(s => (Signature: s, Verify: (Func<bool>)(() => s.VerifyCertification(id, primary)))))
            : key.GetSignaturesOfType(PgpSignature.SubkeyBinding)
                .Select(s => (Signature: s, Verify: (Func<bool>)(() => s.VerifyCertification(primary, key))));
        var newestWithFlags = selfSignatures
            .Where(c => c.Signature.HasSubpackets && c.Signature.GetHashedSubPackets().HasSubpacket(Org.BouncyCastle.Bcpg.SignatureSubpacketTag.KeyFlags))
            .OrderByDescending(c => c.Signature.CreationTime)
            .FirstOrDefault(c => IsMadeBy(primary, c.Signature, c.Verify));
        return newestWithFlags.Signature is null || (newestWithFlags.Signature.GetHashedSubPackets().GetKeyFlags() & PgpKeyFlags.CanSign) != 0;
    }

    private static bool IsUserIdCertification(int type) => type is PgpSignature.DefaultCertification or PgpSignature.NoCertification
        or PgpSignature.CasualCertification or PgpSignature.PositiveCertification;

    /// <summary>What revoked the key or its primary key (a revocation signature the primary key made), null when neither is revoked.</summary>
    private static string? RevocationOf(PgpPublicKey primary, PgpPublicKey key)
    {
        foreach (var revocation in primary.GetSignaturesOfType(PgpSignature.KeyRevocation))
        {
            if (IsMadeBy(primary, revocation, () => revocation.VerifyCertification(primary))) return Revoked(primary, revocation);
        }
        if (key.IsMasterKey) return null;
        foreach (var revocation in key.GetSignaturesOfType(PgpSignature.SubkeyRevocation))
        {
            if (IsMadeBy(primary, revocation, () => revocation.VerifyCertification(primary, key))) return Revoked(key, revocation);
        }
        return null;
    }

    /// <summary>Whether the primary key made this signature over a key (<paramref name="verify"/> checks it); a broken one says nothing.</summary>
    private static bool IsMadeBy(PgpPublicKey primary, PgpSignature signature, Func<bool> verify)
    {
        try
        {
            signature.InitVerify(primary);
            return verify();
        }
        catch (Exception e) when (IsUnverifiable(e))
        {
            return false;
        }
    }

    /// <summary>
    /// What BouncyCastle throws for a signature it cannot check against a key (corrupt packets, a signature type or an
    /// algorithm that does not fit the key): from keys and signatures anyone may write, so such a signature just does
    /// not verify.
    /// </summary>
    private static bool IsUnverifiable(Exception e) =>
        e is PgpException or IOException or InvalidOperationException or InvalidCastException or ArgumentException or NotSupportedException
            or Org.BouncyCastle.Security.SecurityUtilityException or Org.BouncyCastle.Crypto.CryptoException;

    private static string Revoked(PgpPublicKey key, PgpSignature revocation)
    {
        var reason = revocation.GetHashedSubPackets()?.GetSubpacket(Org.BouncyCastle.Bcpg.SignatureSubpacketTag.RevocationReason)
            as Org.BouncyCastle.Bcpg.RevocationReason;
        var description = Printable(reason?.GetRevocationDescription());
        var why = description.Length == 0 ? "" : $" (\"{description}\")";
        return $"key {OpenPgpKeyring.KeyIdOf(key)} was revoked by its owner on {revocation.CreationTime:yyyy-MM-dd}{why}, so its signatures no longer count";
    }

    /// <summary>The key owner's free text as one short printable line: control characters become spaces, at most 120 characters.</summary>
    private static string Printable(string? text)
    {
        if (string.IsNullOrWhiteSpace(text)) return "";
        var line = new string(text.Select(c => char.IsControl(c) ? ' ' : c).ToArray()).Trim();
        return line.Length <= 120 ? line : line[..119] + "…";
    }

    private static DateTimeOffset? ExpiryOf(PgpPublicKey key)
    {
        var seconds = key.GetValidSeconds();
        return seconds > 0 ? new DateTimeOffset(DateTime.SpecifyKind(key.CreationTime, DateTimeKind.Utc)).AddSeconds(seconds) : null;
    }

    private static DateTimeOffset? SignatureExpiryOf(PgpSignature signature)
    {
        var seconds = signature.GetHashedSubPackets()?.GetSignatureExpirationTime() ?? 0;
        return seconds > 0 ? new DateTimeOffset(DateTime.SpecifyKind(signature.CreationTime, DateTimeKind.Utc)).AddSeconds(seconds) : null;
    }

    private static DateTimeOffset? Earliest(params DateTimeOffset?[] times) =>
        times.Where(t => t.HasValue).OrderBy(t => t!.Value).FirstOrDefault();

    private static SignatureCheck Failure(SignatureStatus status, string? issuer, IReadOnlyList<string> tried, string problem) =>
        new(status, null, null, null, null, issuer, tried, problem);
}
