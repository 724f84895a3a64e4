using System.Collections.Generic;
using System.IO;
using System.Threading;
using System.Threading.Tasks;
using TofuMirror.Model.Addresses;
using TofuMirror.Model.Platforms;
using TofuMirror.Model.Versions;

namespace TofuMirror.Engine.Origin;

/// <summary>
/// Where <c>mirror</c> and <c>lock --origin</c> take provider packages from: an origin provider registry
/// (provider registry protocol), a provider network mirror, or a local <c>tofu providers mirror</c> folder.
/// An origin only reports what it serves; authenticating it (checksums, signature) is the caller's job.
/// Failures throw <see cref="OriginException"/> naming the provider, version, platform and URL.
/// </summary>
public interface IProviderOrigin
{
    /// <summary>What users see in messages, e.g. <c>registry.opentofu.org</c> or <c>network mirror https://…/</c>.</summary>
    string DisplayName { get; }

    /// <summary>Every version the origin offers for the provider, with the platforms it lists (may be empty when unknown).</summary>
    Task<IReadOnlyList<OriginVersion>> ListVersionsAsync(ProviderAddress provider, CancellationToken cancellationToken);

    /// <summary>The download metadata of one package, or null when the origin does not offer that platform.</summary>
    Task<OriginPackage?> FindPackageAsync(ProviderAddress provider, ProviderVersion version, Platform platform, CancellationToken cancellationToken);

    /// <summary>Streams the package bytes into <paramref name="destination"/> (bounded in size; nothing verified here).</summary>
    Task DownloadAsync(OriginPackage package, Stream destination, CancellationToken cancellationToken);

    /// <summary>A small document (SHA256SUMS, its signature), size-limited; null for a 404.</summary>
    Task<byte[]?> FetchDocumentAsync(System.Uri url, CancellationToken cancellationToken);
}
