using System.Collections.Generic;
using System.Linq;
using TofuMirror.Engine.Stores;
using TofuMirror.Model.Addresses;
using TofuMirror.Model.Hashing;
using TofuMirror.Model.Platforms;
using TofuMirror.Model.Versions;
using TofuMirror.Diagnostics;

namespace TofuMirror.Engine.Lock;

/// <summary>Everything <see cref="LockJob"/> needs: the module, the mirror, the platforms to record and the download cache.</summary>
public sealed record LockRequest(
    string ModuleDirectory,
    IProviderStoreResolver Stores,
    IReadOnlyList<Platform> Platforms,
    string CacheDirectory)
{
    /// <summary>
    /// Take <c>org.tofumirror.package.h1</c> annotations as they are. Off by default: an annotation is checked against
    /// the package's content for packages in the cache and for <see cref="HostPlatform"/>.
    /// </summary>
    public bool TrustAnnotations { get; init; }

    /// <summary>The platform whose packages are downloaded to check annotations (default: this machine's).</summary>
    public Platform? HostPlatform { get; init; } = Platform.Current;

    /// <summary>
    /// The keys whose signatures count: a version whose evidence one of them signed gets every platform's <c>zh:</c>
    /// from its signed SHA256SUMS, also of platforms the mirror lacks.
    /// </summary>
    public TofuMirror.Engine.Trust.TrustAnchors TrustAnchors { get; init; } = TofuMirror.Engine.Trust.TrustAnchors.Empty;
}

/// <summary>What happened to one provider's lock entry.</summary>
public enum LockChange
{
    /// <summary>Nothing changed: same version, constraints and hashes.</summary>
    Unchanged,

    /// <summary>The provider was not locked before.</summary>
    Added,

    /// <summary>Another version was chosen (the old one no longer fits the constraints, or is gone from the mirror).</summary>
    VersionChanged,

    /// <summary>Same version; hashes were added.</summary>
    HashesAdded,

    /// <summary>Same version and hashes; the recorded constraints changed.</summary>
    ConstraintsChanged,

    /// <summary>The provider could not be locked (see the diagnostics); the lock file was not written.</summary>
    Failed,
}

/// <summary>Where a platform's <c>h1:</c> hash came from.</summary>
public enum H1Source
{
    /// <summary>The <c>org.tofumirror.package.h1</c> annotation on the platform manifest, taken as it is (no download).</summary>
    Annotation,

    /// <summary>The annotation, checked against the h1 of the package itself (from the cache or downloaded).</summary>
    AnnotationVerified,

    /// <summary>Downloaded (or taken from the cache), extracted and hashed.</summary>
    Computed,

    /// <summary>Reported by the origin registry's <c>packages</c> map (<c>lock --origin</c>), not downloaded.</summary>
    OriginReported,
}

/// <summary>The hashes recorded for one platform of a locked provider.</summary>
public sealed record LockedPlatform(Platform Platform, PackageHash Zh, PackageHash H1, H1Source H1Source, string Repository, string ManifestDigest)
{
    /// <summary><c>lock --origin</c>: the ID of the key that signed the release's SHA256SUMS (null when unsigned or not from an origin).</summary>
    public string? SignerKeyId { get; init; }

    /// <summary><c>lock --origin</c>: the package URL the origin named.</summary>
    public System.Uri? SourceUrl { get; init; }
}

/// <summary>The outcome for one provider.</summary>
public sealed record LockedProvider(ProviderAddress Provider, LockChange Change)
{
    public ProviderVersion? PreviousVersion { get; init; }

    public ProviderVersion? Version { get; init; }

    /// <summary>The normalized constraints recorded (null when none).</summary>
    public string? Constraints { get; init; }

    public IReadOnlyList<LockedPlatform> Platforms { get; init; } = [];

    /// <summary>Hashes in the new entry that the old entry did not have.</summary>
    public IReadOnlyList<PackageHash> AddedHashes { get; init; } = [];

    /// <summary>Hashes of the old entry that are gone (only when the version changed, or unknown schemes).</summary>
    public IReadOnlyList<PackageHash> RemovedHashes { get; init; } = [];

    /// <summary>True when no configuration requires the provider any more; its lock entry is refreshed and kept.</summary>
    public bool NotRequired { get; init; }

    /// <summary>The key ID of the trust anchor that signed the version's SHA256SUMS, whose <c>zh:</c> were recorded; null when none did.</summary>
    public string? SigningKeyId { get; init; }

    /// <summary>
    /// Each platform's <c>zh:</c> from the signed SHA256SUMS (empty when unsigned), including platforms the mirror lacks:
    /// from the mirror's evidence, or with <c>lock --origin</c> from the origin registry.
    /// </summary>
    public IReadOnlyDictionary<Platform, PackageHash> SignedZipHashes { get; init; } = new Dictionary<Platform, PackageHash>();
}

/// <summary>The result of a lock run.</summary>
public sealed record LockReport(
    string LockFilePath,
    IReadOnlyList<LockedProvider> Providers,
    IReadOnlyList<Diagnostic> Diagnostics,
    bool Written)
{
    public bool Succeeded => Diagnostics.All(d => d.Severity != DiagnosticSeverity.Error) && Providers.All(p => p.Change != LockChange.Failed);
}
