using System;
using System.Collections.Generic;

namespace TofuMirror.Engine.Trust;

/// <summary>How a detached OpenPGP signature checked out.</summary>
public enum SignatureStatus
{
    /// <summary>Made by one of the keys over exactly these bytes, and the key has not expired.</summary>
    Valid,
    /// <summary>Made by one of the keys over these bytes, but the key (or the signature) has expired.</summary>
    ValidButKeyExpired,
    /// <summary>A key with the signature's issuer ID is there but the signature does not verify with it.</summary>
    BadSignature,
    /// <summary>None of the keys made the signature (or the issuing subkey is not bound to its primary key).</summary>
    NoMatchingKey,
    /// <summary>The signature is not OpenPGP signature data.</summary>
    Malformed,
    /// <summary>Made by one of the keys over these bytes, but the owner revoked that key (or its primary key).</summary>
    KeyRevoked,
}

/// <summary>
/// The outcome of checking a detached signature. <see cref="SignerKeyId"/> and <see cref="SignerFingerprint"/> name
/// the primary key (also when a subkey signed: <see cref="SigningKeyId"/> is then the subkey's ID), as OpenTofu
/// reports it; <see cref="KeyIdsTried"/> lists the primary key IDs offered; <see cref="IssuerKeyId"/> is the ID the
/// signature names; <see cref="Problem"/> says what went wrong, null when valid.
/// </summary>
public sealed record SignatureCheck(
    SignatureStatus Status,
    string? SignerKeyId,
    string? SignerFingerprint,
    string? SigningKeyId,
    DateTimeOffset? KeyExpiry,
    string? IssuerKeyId,
    IReadOnlyList<string> KeyIdsTried,
    string? Problem)
{
    /// <summary>True when the signature verifies, expired key or not.</summary>
    public bool Verifies => Status is SignatureStatus.Valid or SignatureStatus.ValidButKeyExpired;
}
