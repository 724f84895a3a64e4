using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using TofuMirror.Engine.Providers;
using TofuMirror.Engine.Trust;
using TofuMirror.Model.Addresses;
using TofuMirror.Model.Diagnostics;
using TofuMirror.Model.Hashing;
using TofuMirror.Model.Platforms;
using TofuMirror.Model.Versions;
using TofuMirror.Oci;

namespace TofuMirror.Engine.Lock;

/// <summary>
/// What <c>lock</c> takes from a version's provenance evidence: every platform's <c>zh:</c> from the signed
/// <c>SHA256SUMS</c> (as <c>tofu providers lock</c> records from the origin), when a trust anchor signed it.
/// </summary>
/// <param name="KeyId">The anchored signer's primary key ID; null when the evidence is not anchored.</param>
/// <param name="ZipHashes">Each platform's signed <c>zh:</c>; empty when not anchored.</param>
public sealed record SignedChecksums(string? KeyId, IReadOnlyDictionary<Platform, PackageHash> ZipHashes)
{
    /// <summary>
    /// The evidence of <paramref name="version"/> in the first store that tags it: null when there is none; a
    /// <see cref="SignedChecksums"/> without hashes when no anchor signed it; throws <see cref="ProviderFailure"/> for broken evidence.
    /// </summary>
    internal static async Task<SignedChecksums?> ReadAsync(
        IReadOnlyList<IOciRepositoryStore> stores, ProviderAddress provider, ProviderVersion version, ReleaseEvidenceVerifier verifier,
        CancellationToken cancellationToken)
    {
        foreach (var store in stores)
        {
            Oci.Content.Descriptor index;
            try
            {
                index = await ProviderArtifactResolver.ResolveVersionTagAsync(store, version, cancellationToken).ConfigureAwait(false);
            }
            catch (ProviderFailure e) when (e.AllowsFallThrough)
            {
                continue;
            }
            var release = await verifier.VerifyAsync(store, index.Digest, provider, version, requireSigned: false, cancellationToken).ConfigureAwait(false);
            if (release is null) return null;
            return release.Anchored
                ? new SignedChecksums(release.SigningKeyId, release.Sums.ZipHashesByPlatform(provider.Type))
                : new SignedChecksums(null, new Dictionary<Platform, PackageHash>());
        }
        return null;
    }

    /// <summary>Throws <see cref="DiagnosticCodes.PackageNotInSignedSums"/> when a mirrored package is not the one signed for its platform.</summary>
    internal void CheckMirrored(ProviderPackageLocation location)
    {
        if (KeyId is null) return;
        if (!ZipHashes.TryGetValue(location.Platform, out var signed) || !signed.Equals(location.Zh))
            throw new ProviderFailure(DiagnosticCodes.PackageNotInSignedSums,
                $"the mirror's package of {location.Provider.ForDisplay()} {location.Version} for {location.Platform} is {location.Zh}, but the SHA256SUMS "
                + $"signed by key {KeyId} says {(signed is null ? "nothing for that platform" : signed.ToString())}: the zip in the mirror is not the one the author signed.");
    }
}
