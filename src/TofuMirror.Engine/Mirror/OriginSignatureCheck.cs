using System;
using System.Collections.Concurrent;
using System.Linq;
using System.Text;
using System.Threading;
using System.Threading.Tasks;
using TofuMirror.Engine.Origin;
using TofuMirror.Engine.Provenance;
using TofuMirror.Engine.Trust;
using TofuMirror.Model.Diagnostics;

namespace TofuMirror.Engine.Mirror;

/// <summary>
/// OpenTofu's package authentication for packages from an origin registry (<see cref="PackageAuthenticator"/>):
/// <c>packages</c> map, SHA256SUMS line, shasum, and the detached signature of SHA256SUMS against the registry's keys.
/// SHA256SUMS and its signature are fetched once per provider version, however many platforms share them. A refusal
/// carries the authenticator's code; an accepted signed package yields its key ID and the evidence to keep.
/// Packages from origins without signed checksums (network mirrors, folders) are not this check's business.
/// </summary>
public sealed class OriginSignatureCheck : IMirrorPackageCheck, IMirrorPresentPackageCheck
{
    private readonly OriginResolver _origins;
    private readonly PackageAuthenticationOptions _options;
    private readonly TimeProvider _clock;
    private readonly ConcurrentDictionary<(Uri Sums, Uri Signature), Lazy<Task<SignedSums>>> _documents = new();

    public OriginSignatureCheck(OriginResolver origins, PackageAuthenticationOptions options, TimeProvider? clock = null)
    {
        _origins = origins ?? throw new ArgumentNullException(nameof(origins));
        _options = options ?? throw new ArgumentNullException(nameof(options));
        _clock = clock ?? TimeProvider.System;
    }

    public Task<MirrorCheckResult> CheckAsync(DownloadedPackage package, CancellationToken cancellationToken) =>
        CheckPresentAsync(package.Origin, package.Zh.Value, package.Size, cancellationToken);

    public async Task<MirrorCheckResult> CheckPresentAsync(OriginPackage package, string zipSha256, long zipSize, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(package);
        var origin = await _origins.ResolveAsync(package.Provider, cancellationToken).ConfigureAwait(false);
        if (origin is not RegistryProviderOrigin) return MirrorCheckResult.None;

        var documents = package.Signature is { } signature
            ? await _documents.GetOrAdd((signature.ShaSumsUrl, signature.SignatureUrl),
                urls => new Lazy<Task<SignedSums>>(() => FetchAsync(origin, package, urls.Sums, urls.Signature, cancellationToken))).Value.ConfigureAwait(false)
            : new SignedSums(null, null);
        var now = _clock.GetUtcNow();
        var result = PackageAuthenticator.Authenticate(package, zipSha256, zipSize, documents.ShaSums, documents.Signature, _options, now);
        if (result.Error is { } error)
            throw new MirrorCheckFailure(error.Code ?? DiagnosticCodes.OriginPackageRefused,
                $"{error.Summary}: {error.Detail} Nothing of this version was pushed.");

        var warnings = result.Warnings.Select(w => $"{w.Summary}: {w.Detail}").ToList();
        if (!result.IsSigned || package.Signature is null || documents.ShaSums is null || documents.Signature is null)
            return new MirrorCheckResult { Warnings = warnings };
        var evidence = new ProvenanceEvidence(
            package.Provider.ToString(),
            package.Version.ToString(),
            documents.ShaSums,
            documents.Signature,
            Encoding.UTF8.GetBytes(string.Join("\n", package.Signature.ArmoredPublicKeys.Select(k => k.TrimEnd('\n') + "\n"))),
            package.Signature.ShaSumsUrl.ToString(),
            [result.SignerKeyId!],
            new DateTimeOffset(now.UtcDateTime.Ticks - now.UtcDateTime.Ticks % TimeSpan.TicksPerSecond, TimeSpan.Zero));
        return new MirrorCheckResult(result.SignerKeyId, evidence) { Warnings = warnings };
    }

    private static async Task<SignedSums> FetchAsync(IProviderOrigin origin, OriginPackage package, Uri sumsUrl, Uri signatureUrl, CancellationToken cancellationToken)
    {
        var sums = await origin.FetchDocumentAsync(sumsUrl, cancellationToken).ConfigureAwait(false) ?? throw Missing(package, "SHA256SUMS", sumsUrl);
        var signature = await origin.FetchDocumentAsync(signatureUrl, cancellationToken).ConfigureAwait(false) ?? throw Missing(package, "signature of SHA256SUMS", signatureUrl);
        return new SignedSums(sums, signature);
    }

    private static OriginException Missing(OriginPackage package, string what, Uri url) =>
        new(DiagnosticCodes.OriginNotFound,
            $"{Describe(package)}: the {what} ({OriginText.Url(url)}) answered 404, so the package cannot be authenticated");

    private static string Describe(OriginPackage package) => $"{package.Provider.ForDisplay()} {package.Version} for {package.Platform}";

    private sealed record SignedSums(byte[]? ShaSums, byte[]? Signature);
}
