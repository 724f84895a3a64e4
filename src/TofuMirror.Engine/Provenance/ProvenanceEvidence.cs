using System;
using System.Collections.Generic;

namespace TofuMirror.Engine.Provenance;

/// <summary>
/// The author's signed checksums for one provider version, as stored next to its OCI index (see docs/provenance.md):
/// the <c>SHA256SUMS</c> bytes, their detached OpenPGP signature, the public key(s) the origin offered, and where
/// and when they were verified. Nothing here is trusted by itself: a reader verifies the signature against its own
/// trust anchors and the layer digests against the checksum lines.
/// </summary>
public sealed record ProvenanceEvidence(
    string Provider,
    string Version,
    byte[] ShaSums,
    byte[] Signature,
    byte[] PublicKeys,
    string OriginUrl,
    IReadOnlyList<string> KeyIds,
    DateTimeOffset VerifiedAt);
