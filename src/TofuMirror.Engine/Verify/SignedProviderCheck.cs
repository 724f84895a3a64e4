using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using TofuMirror.Engine.Lock;
using TofuMirror.Engine.Providers;
using TofuMirror.Engine.Restore;
using TofuMirror.Engine.Stores;
using TofuMirror.Engine.Trust;
using TofuMirror.Model.Addresses;
using TofuMirror.Model.Diagnostics;
using TofuMirror.Model.Hashing;
using TofuMirror.Model.Locks;
using TofuMirror.Model.Versions;
using TofuMirror.Oci;

namespace TofuMirror.Engine.Verify;

/// <summary>
/// The provenance of one locked provider version in the mirror (<c>verify --require-signed</c>): <see cref="SigningKeyId"/> is
/// the trust anchor that signed its SHA256SUMS when the check passed; <see cref="Problem"/> says why it failed (code and message).
/// </summary>
public sealed record SignedProviderCheck(ProviderAddress Provider, ProviderVersion Version, bool Ok, string? SigningKeyId, string? Problem)
{
    /// <summary>
    /// Each locked provider's evidence in the mirror must be signed by a trust anchor, every package the version's index
    /// holds must be its signed SHA256SUMS line, and every <c>zh:</c> the lock records must be a signed one.
    /// </summary>
    internal static async Task<IReadOnlyList<SignedProviderCheck>> RunAsync(
        IProviderStoreResolver resolver, LockFile lockFile, TrustAnchors anchors, CancellationToken cancellationToken)
    {
        var verifier = new ReleaseEvidenceVerifier(anchors);
        var checks = new List<SignedProviderCheck>();
        foreach (var locked in lockFile.Providers)
        {
            try
            {
                var keyId = await CheckAsync(resolver, locked, verifier, cancellationToken).ConfigureAwait(false);
                checks.Add(new SignedProviderCheck(locked.Address, locked.Version, true, keyId, null));
            }
            catch (ProviderFailure e)
            {
                checks.Add(new SignedProviderCheck(locked.Address, locked.Version, false, null, $"{e.Code}: {e.Message}"));
            }
            catch (OciException e)
            {
                checks.Add(new SignedProviderCheck(locked.Address, locked.Version, false, null, $"{OciFailures.CodeOf(e)}: {e.Message}"));
            }
        }
        return checks;
    }

    private static async Task<string> CheckAsync(IProviderStoreResolver resolver, ProviderLock locked, ReleaseEvidenceVerifier verifier, CancellationToken cancellationToken)
    {
        ProviderFailure? lastFallThrough = null;
        foreach (var store in MirrorLookup.StoresFor(resolver, locked.Address))
        {
            try
            {
                var (descriptor, index) = await ProviderArtifactResolver.ReadIndexAsync(store, locked.Version, cancellationToken).ConfigureAwait(false);
                var release = (await verifier.VerifyAsync(store, descriptor.Digest, locked.Address, locked.Version, requireSigned: true, cancellationToken).ConfigureAwait(false))!;
                foreach (var platform in await MirrorLookup.PlatformsAsync([store], locked.Address, locked.Version, cancellationToken).ConfigureAwait(false))
                {
                    var location = await ProviderArtifactResolver.ResolvePlatformAsync(store, locked.Address, locked.Version, platform, descriptor, index, cancellationToken).ConfigureAwait(false);
                    ReleaseEvidenceVerifier.CheckPackage(release, locked.Address, locked.Version, platform, location.Layer.Digest);
                }
                var signed = release.Sums.ZipHashesByPlatform(locked.Address.Type).Values.ToHashSet();
                var unsigned = locked.Hashes.Where(h => h.Scheme == PackageHash.SchemeZip && !signed.Contains(h)).ToList();
                if (unsigned.Count > 0)
                    throw new ProviderFailure(DiagnosticCodes.PackageNotInSignedSums,
                        $"the lock file records {string.Join(", ", unsigned)} for {locked.Address.ForDisplay()} {locked.Version}, which the SHA256SUMS signed by key "
                        + $"{release.SigningKeyId} does not list: that package is not one the author signed. Re-lock with `tofu-mirror lock --trusted-keys …`.");
                return release.SigningKeyId!;
            }
            catch (ProviderFailure e) when (e.AllowsFallThrough)
            {
                lastFallThrough = e;
            }
        }
        throw lastFallThrough!;
    }
}
