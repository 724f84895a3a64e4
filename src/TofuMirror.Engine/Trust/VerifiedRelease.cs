using TofuMirror.Engine.Provenance;
using TofuMirror.Model.Packages;

namespace TofuMirror.Engine.Trust;

/// <summary>
/// A provider version's evidence whose signature checked out: <see cref="Anchored"/> when a trust anchor made it,
/// otherwise only its integrity is known (it verifies with the keys stored beside it, which prove nothing about who
/// signed). <see cref="SigningKeyId"/> and <see cref="SigningFingerprint"/> name the signer's primary key.
/// </summary>
public sealed record VerifiedRelease(ProvenanceEvidence Evidence, ShaSumsFile Sums, SignatureCheck Signature, bool Anchored)
{
    public string? SigningKeyId => Signature.SignerKeyId;

    public string? SigningFingerprint => Signature.SignerFingerprint;
}
