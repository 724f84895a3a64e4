using System;
using System.Collections.Concurrent;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using TofuMirror.Engine.Providers;
using TofuMirror.Engine.Trust;
using TofuMirror.Model.Diagnostics;
using TofuMirror.Model.Locks;
using TofuMirror.Model.Platforms;
using TofuMirror.Oci;
using TofuMirror.Oci.Content;
using Platform = TofuMirror.Model.Platforms.Platform;

namespace TofuMirror.Engine.Restore;

/// <summary>
/// Restore's provenance check, before a package is downloaded or installed: the evidence of the version's index
/// (read once per store and index however many platforms ask) must verify, and the package's layer digest must be its
/// signed <c>SHA256SUMS</c> line. With <see cref="RestoreRequest.RequireSigned"/> evidence signed by a trust anchor
/// must be there; without it, absent evidence is fine but present evidence is checked all the same.
/// </summary>
internal sealed class ProvenanceGate
{
    private readonly ReleaseEvidenceVerifier _verifier;
    private readonly bool _requireSigned;
    private readonly ConcurrentDictionary<(string Store, Digest Index), Lazy<Task<VerifiedRelease?>>> _releases = new();

    public ProvenanceGate(RestoreRequest request)
    {
        _verifier = new ReleaseEvidenceVerifier(request.TrustAnchors);
        _requireSigned = request.RequireSigned;
    }

    /// <summary>The signer recorded in the install stamp: set only when a trust anchor signed the package's checksums.</summary>
    public async Task<SignedBy?> CheckAsync(
        IOciRepositoryStore store, Digest index, ProviderLock locked, Platform platform, Digest layer, CancellationToken cancellationToken)
    {
        var release = await _releases.GetOrAdd((store.Name, index), _ => new Lazy<Task<VerifiedRelease?>>(
            () => _verifier.VerifyAsync(store, index, locked.Address, locked.Version, _requireSigned, cancellationToken))).Value.ConfigureAwait(false);
        if (release is null) return null;
        ReleaseEvidenceVerifier.CheckPackage(release, locked.Address, locked.Version, platform, layer);
        return release.Anchored ? new SignedBy(release.SigningKeyId!, release.SigningFingerprint!) : null;
    }

    /// <summary>
    /// The cache's record of a package whose index the mirror confirmed, after checking the index's evidence: the
    /// cached zip is the one the lock records, so only its signer is (re)established here.
    /// </summary>
    public async Task<InstallStamp> SignedRecordAsync(
        IOciRepositoryStore store, InstallStamp record, ProviderLock locked, Platform platform, CancellationToken cancellationToken)
    {
        var signer = await CheckAsync(store, Digest.Parse(record.IndexDigest), locked, platform, Digest.Parse("sha256:" + record.Zh.Substring("zh:".Length)), cancellationToken)
            .ConfigureAwait(false);
        return record with { SigningKeyId = signer?.KeyId, SigningFingerprint = signer?.Fingerprint };
    }

    /// <summary>
    /// For a package the stamp (or the cache's record) says is installed or cached: whether it satisfies
    /// <see cref="RestoreRequest.RequireSigned"/> without asking the mirror: its recorded signer is still an anchor.
    /// Without <see cref="RestoreRequest.RequireSigned"/> every package does: an installed or cached package's index was
    /// checked when it was downloaded, and the mirror confirming the same index is enough (one request, no evidence read).
    /// </summary>
    public bool Satisfies(InstallStamp stamp) =>
        !_requireSigned || (stamp.SigningFingerprint is { } fingerprint && _verifier.Anchors.Fingerprints.Contains(fingerprint));

    /// <summary>The failure for an offline install from a cache record that does not satisfy <see cref="Satisfies"/>.</summary>
    public static ProviderFailure NotSignedOffline(ProviderLock locked, Platform platform) => new(DiagnosticCodes.ProviderNotSigned,
        $"{locked.Address.ForDisplay()} {locked.Version} for {platform} is in the download cache, but the cache does not record that a trust anchor "
        + "signed it, and signed providers are required; restore is offline, so the mirror's evidence was not read. Restore once without offline mode.");
}

/// <summary>The trust anchor that signed a package's checksums: its primary key ID and fingerprint.</summary>
public sealed record SignedBy(string KeyId, string Fingerprint);
