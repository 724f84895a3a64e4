using System;
using System.Collections.Generic;
using System.Linq;
using System.Text;
using System.Threading;
using System.Threading.Tasks;
using TofuMirror.Engine.Providers;
using TofuMirror.Engine.Provenance;
using TofuMirror.Model.Addresses;
using TofuMirror.Model.Diagnostics;
using TofuMirror.Model.Packages;
using TofuMirror.Model.Platforms;
using TofuMirror.Model.Versions;
using TofuMirror.Oci;
using TofuMirror.Oci.Content;
using Platform = TofuMirror.Model.Platforms.Platform;

namespace TofuMirror.Engine.Trust;

/// <summary>
/// Checks the provenance evidence attached to a provider version's index in a mirror against the reader's trust
/// anchors: every piece present must name this provider and version, parse, and carry a signature that verifies with
/// an anchored key (with no anchors, at least with its own keys: a present-but-broken signature is never ignored).
/// Failures are <see cref="ProviderFailure"/>s with the TOFU023x codes.
/// </summary>
public sealed class ReleaseEvidenceVerifier
{
    private readonly TrustAnchors _anchors;
    private readonly Func<DateTimeOffset> _clock;

    public ReleaseEvidenceVerifier(TrustAnchors anchors, Func<DateTimeOffset>? clock = null)
    {
        _anchors = anchors ?? throw new ArgumentNullException(nameof(anchors));
        _clock = clock ?? (() => DateTimeOffset.UtcNow);
    }

    public TrustAnchors Anchors => _anchors;

    /// <summary>True when at least one trust anchor is configured.</summary>
    public bool HasAnchors => _anchors.Fingerprints.Count > 0;

    /// <summary>
    /// The verified evidence of <paramref name="index"/> in <paramref name="store"/>; null when there is none and
    /// <paramref name="requireSigned"/> is false. With <paramref name="requireSigned"/>, absent or unanchored evidence fails.
    /// </summary>
    public async Task<VerifiedRelease?> VerifyAsync(
        IOciRepositoryStore store, Digest index, ProviderAddress provider, ProviderVersion version, bool requireSigned,
        CancellationToken cancellationToken)
    {
        var release = $"{provider.ForDisplay()} {version}";
        IReadOnlyList<AttachedEvidence> attached;
        try
        {
            attached = await new ProvenanceStore(store).FindAsync(index, cancellationToken).ConfigureAwait(false);
        }
        catch (ProvenanceFormatException e)
        {
            throw new ProviderFailure(DiagnosticCodes.ProvenanceEvidenceInvalid, $"the provenance evidence of {release} in {store.Name} is unusable: {e.Message}", e);
        }

        if (attached.Count == 0)
        {
            if (!requireSigned) return null;
            throw new ProviderFailure(DiagnosticCodes.ProviderNotSigned,
                $"{release} in {store.Name} has no provenance evidence (signed SHA256SUMS) attached to its index {index}, and signed providers are required. "
                + "Mirror it with `tofu-mirror mirror`, which keeps the author's signed checksums, or attach them with `tofu-mirror push --shasums`.");
        }

        VerifiedRelease? chosen = null;
        foreach (var found in attached)
        {
            var verified = Check(found, store.Name, provider, version, release);
            if (chosen is null || (verified.Anchored && !chosen.Anchored)) chosen = verified;
        }

        if (requireSigned && !chosen!.Anchored)
            throw new ProviderFailure(DiagnosticCodes.EvidenceSignatureRejected,
                $"the SHA256SUMS of {release} in {store.Name} is not signed by a trust anchor, and signed providers are required.");
        return chosen;
    }

    /// <summary>Throws <see cref="DiagnosticCodes.PackageNotInSignedSums"/> unless <paramref name="layerDigest"/> is the signed line for the platform's zip.</summary>
    public static void CheckPackage(VerifiedRelease release, ProviderAddress provider, ProviderVersion version, Platform platform, Digest layerDigest)
    {
        var fileName = ProviderZipFileName.Format(provider.Type, version, platform);
        var signed = release.Sums.Find(fileName);
        if (signed is null)
            throw new ProviderFailure(DiagnosticCodes.PackageNotInSignedSums,
                $"the signed SHA256SUMS of {provider.ForDisplay()} {version} does not list {fileName}: the author did not sign a package for {platform}.");
        if (!string.Equals(layerDigest.Algorithm, "sha256", StringComparison.Ordinal) || !string.Equals(layerDigest.Hex, signed, StringComparison.OrdinalIgnoreCase))
            throw new ProviderFailure(DiagnosticCodes.PackageNotInSignedSums,
                $"the mirror's package of {provider.ForDisplay()} {version} for {platform} has digest {layerDigest}, but the signed SHA256SUMS says "
                + $"sha256:{signed} for {fileName}: the zip in the mirror is not the one the author signed.");
    }

    private VerifiedRelease Check(AttachedEvidence found, string storeName, ProviderAddress provider, ProviderVersion version, string release)
    {
        var evidence = found.Evidence;
        var where = $"evidence {found.Artifact.Digest} in {storeName}";
        if (!string.Equals(evidence.Provider, provider.ToString(), StringComparison.Ordinal) || !string.Equals(evidence.Version, version.ToString(), StringComparison.Ordinal))
            throw new ProviderFailure(DiagnosticCodes.EvidenceForOtherRelease,
                $"{where} is attached to the index of {release} but is about {evidence.Provider} {evidence.Version}: it vouches for another release.");

        var sums = ShaSumsFile.Parse(Encoding.UTF8.GetString(evidence.ShaSums), where + " (SHA256SUMS)", out var problems)
            ?? throw new ProviderFailure(DiagnosticCodes.ShaSumsInvalid, string.Join(" ", problems.Select(p => $"{p.Summary}: {p.Detail}")));

        var now = _clock();
        if (HasAnchors)
        {
            var check = _anchors.VerifyEvidence(evidence, now);
            if (!check.Verifies)
                throw new ProviderFailure(DiagnosticCodes.EvidenceSignatureRejected,
                    $"the SHA256SUMS signature in {where} for {release} is not made by a trust anchor: {check.Problem} "
                    + $"(signed by {check.IssuerKeyId ?? "an unnamed key"}; anchors tried: {(check.KeyIdsTried.Count == 0 ? "none" : string.Join(", ", check.KeyIdsTried))}). "
                    + "If you trust the signer, add its key's fingerprint with --trusted-keys.");
            return new VerifiedRelease(evidence, sums, check, Anchored: true);
        }

        var own = OpenPgpKeyring.TryRead(evidence.PublicKeys, out var keys, out _) ? keys : OpenPgpKeyring.Empty;
        var integrity = DetachedSignatureVerifier.Verify(evidence.ShaSums, evidence.Signature, own, now);
        if (!integrity.Verifies)
            throw new ProviderFailure(DiagnosticCodes.EvidenceSignatureRejected,
                $"the SHA256SUMS signature in {where} for {release} does not verify even with the keys stored beside it: {integrity.Problem}. "
                + "The evidence is broken or was tampered with.");
        return new VerifiedRelease(evidence, sums, integrity, Anchored: false);
    }
}
