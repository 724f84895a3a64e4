using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using TofuMirror.Model.Locks;
using TofuMirror.Engine.Modules;
using TofuMirror.Engine.Progress;
using TofuMirror.Engine.Providers;
using TofuMirror.Engine.Restore;
using TofuMirror.Oci;
using TofuMirror.Model.Addresses;
using TofuMirror.Model.Diagnostics;
using TofuMirror.Model.Platforms;
using TofuMirror.Model.Versions;
using TofuMirror.Diagnostics;

namespace TofuMirror.Engine.Lock;

/// <summary>
/// The <c>lock</c> job: records in <c>.terraform.lock.hcl</c>, from the OCI mirror alone, the version of every
/// provider the module requires (and of those already locked) and the <c>zh:</c> and <c>h1:</c> hashes of every
/// wanted platform. Hashes of an unchanged version are kept (lock-file spec §5); when they are only <c>h1:</c>, the
/// packages must match them (<see cref="H1OnlyLockCheck"/>). The file is written atomically and only when every
/// provider succeeded; any failure leaves it untouched.
/// </summary>
public sealed class LockJob
{
    private readonly ILogger _logger;
    private readonly IProgress<TransferEvent>? _transfers;

    /// <param name="logger">Where the job logs.</param>
    /// <param name="transfers">Told about the bytes of each package downloaded to compute its <c>h1:</c>.</param>
    public LockJob(ILogger? logger = null, IProgress<TransferEvent>? transfers = null)
    {
        _logger = logger ?? NullLogger.Instance;
        _transfers = transfers;
    }

    public Task<LockReport> RunAsync(LockRequest request, CancellationToken cancellationToken)
    {
        var h1Reader = new PackageH1Reader(new BlobCache(request.CacheDirectory), _transfers, request.TrustAnnotations, request.HostPlatform);
        var evidence = new Trust.ReleaseEvidenceVerifier(request.TrustAnchors);
        return LockFileUpdate.RunAsync(request.ModuleDirectory, _logger,
            target => LockOneAsync(request, target, h1Reader, evidence, cancellationToken));
    }

    private async Task<ProviderLockOutcome> LockOneAsync(
        LockRequest request, LockTarget target, PackageH1Reader h1Reader, Trust.ReleaseEvidenceVerifier evidence, CancellationToken cancellationToken)
    {
        var (address, _, previous, constraints, subject) = target;
        var constraintsText = target.ConstraintsText;

        ProviderVersion? version = null;
        Platform? current = null;
        try
        {
            var stores = MirrorLookup.StoresFor(request.Stores, address);
            var available = await MirrorLookup.ListVersionsAsync(stores, address, cancellationToken).ConfigureAwait(false);
            version = VersionSelector.Select(constraints, previous?.Version, available, out var choice);
            if (version is null)
                throw new ProviderFailure(DiagnosticCodes.ProviderNotInMirror,
                    $"no version of {address.ForDisplay()} in the mirror matches \"{constraintsText ?? "(no constraints)"}\" " +
                    $"(the mirror has: {(available.Count == 0 ? "no versions" : string.Join(", ", available))}).");
            _logger.LogDebug("{Provider}: {Choice} {Version}", address.ForDisplay(), choice, version);

            var signed = await SignedChecksums.ReadAsync(stores, address, version, evidence, cancellationToken).ConfigureAwait(false);
            var platforms = new List<LockedPlatform>();
            var wanted = request.Platforms.Count > 0
                ? request.Platforms
                : await MirrorLookup.PlatformsAsync(stores, address, version, cancellationToken).ConfigureAwait(false);
            var h1OnlyCheck = H1OnlyLockCheck.For(previous, version);
            foreach (var platform in wanted)
            {
                current = platform;
                var location = await ResolveOrSignedOnlyAsync(stores, address, version, platform, signed, h1OnlyCheck is null, cancellationToken).ConfigureAwait(false);
                if (location is null) continue;
                signed?.CheckMirrored(location);
                if (h1OnlyCheck is not null)
                {
                    platforms.Add(await h1OnlyCheck.ReadAsync(location, h1Reader, cancellationToken).ConfigureAwait(false));
                    continue;
                }
                var (h1, source) = await h1Reader.ReadAsync(location, cancellationToken).ConfigureAwait(false);
                platforms.Add(new LockedPlatform(platform, location.Zh, h1, source, location.Store.Name, location.Manifest.Digest.ToString()));
            }
            current = null;
            h1OnlyCheck?.ThrowIfAnyMismatch(address, version);

            var newLock = HashMerge.Build(address, version, constraints, previous, platforms, signed?.ZipHashes.Values);
            var described = Describe(address, previous, newLock, platforms, target.NotRequired) with
            {
                SigningKeyId = signed?.KeyId,
                SignedZipHashes = signed?.ZipHashes ?? new Dictionary<Platform, Model.Hashing.PackageHash>(),
            };
            return new ProviderLockOutcome(described, newLock, signed is { KeyId: null } ? [UnanchoredEvidence(address, version, subject)] : []);
        }
        catch (Exception e) when (e is ProviderFailure or OciException or IOException or UnauthorizedAccessException)
        {
            var code = e is ProviderFailure failure ? failure.Code : OciFailures.CodeOf(e);
            var what = version is null ? address.ForDisplay() : $"{address.ForDisplay()} {version}";
            if (current is not null) what += $" for {current}";
            var error = Diagnostic.Error($"Failed to lock {what}", e.Message, subject) with { Code = code };
            return new ProviderLockOutcome(target.Failed(version), null, [error]);
        }
    }

    /// <summary>
    /// The mirror's package of a wanted platform, or null when the mirror lacks it but an anchored signed SHA256SUMS has
    /// its <c>zh:</c> (recorded from there, as <c>tofu providers lock</c> records platforms it did not download). An entry
    /// that must be checked against locked <c>h1:</c> hashes cannot be taken from the checksums alone.
    /// </summary>
    private static async Task<ProviderPackageLocation?> ResolveOrSignedOnlyAsync(
        IReadOnlyList<IOciRepositoryStore> stores, ProviderAddress address, ProviderVersion version, Platform platform,
        SignedChecksums? signed, bool signedOnlyAllowed, CancellationToken cancellationToken)
    {
        try
        {
            return await MirrorLookup.ResolveAsync(stores, address, version, platform, cancellationToken).ConfigureAwait(false);
        }
        catch (ProviderFailure e) when (e.Code == DiagnosticCodes.PlatformNotSupported && signedOnlyAllowed
            && signed is { KeyId: not null } && signed.ZipHashes.ContainsKey(platform))
        {
            return null;
        }
    }

    private static Diagnostic UnanchoredEvidence(ProviderAddress address, ProviderVersion version, SourceRange subject) =>
        Diagnostic.Warning($"The signed checksums of {address.ForDisplay()} {version} were not recorded",
            "The mirror holds its provenance evidence, but no key is trusted (--trusted-keys, TOFU_MIRROR_TRUSTED_KEYS), so only the platforms "
            + "in the mirror were locked. Give the author's key to record every platform's zh: from the signed SHA256SUMS.",
            subject) with { Code = DiagnosticCodes.SignedHashesNotRecorded };

    /// <summary>The outcome of a provider whose new entry is <paramref name="next"/> (also used by <see cref="OriginLockJob"/>).</summary>
    internal static LockedProvider Describe(
        ProviderAddress address, ProviderLock? previous, ProviderLock next, IReadOnlyList<LockedPlatform> platforms, bool notRequired)
    {
        var before = previous?.Hashes ?? [];
        var added = next.Hashes.Where(h => !before.Contains(h)).ToList();
        var removed = before.Where(h => !next.Hashes.Contains(h)).ToList();
        var change = previous is null ? LockChange.Added
            : !previous.Version.Equals(next.Version) ? LockChange.VersionChanged
            : added.Count > 0 || removed.Count > 0 ? LockChange.HashesAdded
            : !string.Equals(previous.Constraints?.ToNormalizedString() ?? "", next.Constraints?.ToNormalizedString() ?? "", StringComparison.Ordinal) ? LockChange.ConstraintsChanged
            : LockChange.Unchanged;
        return new LockedProvider(address, change)
        {
            PreviousVersion = previous?.Version,
            Version = next.Version,
            Constraints = next.Constraints is { IsEmpty: false } c ? c.ToNormalizedString() : null,
            Platforms = platforms,
            AddedHashes = added,
            RemovedHashes = removed,
            NotRequired = notRequired,
        };
    }
}
