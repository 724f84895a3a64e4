using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using TofuMirror.Engine.Providers;
using TofuMirror.Engine.Stores;
using TofuMirror.Oci;
using TofuMirror.Model.Addresses;
using TofuMirror.Model.Diagnostics;
using TofuMirror.Model.Platforms;
using TofuMirror.Model.Versions;

namespace TofuMirror.Engine.Lock;

/// <summary>
/// Reads a provider from every store that may hold it, as OpenTofu's installer does with several methods
/// (oci-mirror spec §2.8): the versions are the union across stores; a package comes from the first store
/// that has it, "not found" and "platform not supported" falling through to the next.
/// </summary>
internal static class MirrorLookup
{
    public static IReadOnlyList<IOciRepositoryStore> StoresFor(IProviderStoreResolver resolver, ProviderAddress provider)
    {
        var stores = resolver.Resolve(provider);
        if (stores.Count == 0)
            throw new ProviderFailure(DiagnosticCodes.ProviderNotInMirror,
                $"no oci_mirror installation method handles {provider.ForDisplay()}; check the include/exclude patterns of the CLI configuration.");
        return stores;
    }

    /// <summary>The versions of <paramref name="provider"/> across its stores, ascending; throws when no store has the repository.</summary>
    public static async Task<IReadOnlyList<ProviderVersion>> ListVersionsAsync(
        IReadOnlyList<IOciRepositoryStore> stores, ProviderAddress provider, CancellationToken cancellationToken)
    {
        var versions = new SortedSet<ProviderVersion>();
        ProviderFailure? lastMissing = null;
        var anyFound = false;
        foreach (var store in stores)
        {
            try
            {
                var (listed, _) = await ProviderArtifactResolver.ListVersionsAsync(store, cancellationToken).ConfigureAwait(false);
                versions.UnionWith(listed);
                anyFound = true;
            }
            catch (ProviderFailure e) when (e.AllowsFallThrough)
            {
                lastMissing = e;
            }
        }
        if (!anyFound)
            throw new ProviderFailure(DiagnosticCodes.ProviderNotInMirror,
                $"{provider.ForDisplay()} is not in the mirror: {lastMissing?.Message ?? "no repository"}. Check the repository template, or push it with `tofu-mirror push`.");
        return versions.ToList();
    }

    /// <summary>The package of one version and platform, from the first store that has it.</summary>
    public static async Task<ProviderPackageLocation> ResolveAsync(
        IReadOnlyList<IOciRepositoryStore> stores, ProviderAddress provider, ProviderVersion version, Platform platform,
        CancellationToken cancellationToken)
    {
        ProviderFailure? lastFallThrough = null;
        foreach (var store in stores)
        {
            try
            {
                return await ProviderArtifactResolver.ResolvePackageAsync(store, provider, version, platform, cancellationToken).ConfigureAwait(false);
            }
            catch (ProviderFailure e) when (e.AllowsFallThrough)
            {
                lastFallThrough = e;
            }
        }
        throw lastFallThrough ?? new ProviderFailure(DiagnosticCodes.ProviderNotInMirror, $"{provider.ForDisplay()} {version} is not in the mirror.");
    }

    /// <summary>Every platform the version's index offers, from the first store that has the version (lock's default).</summary>
    public static async Task<IReadOnlyList<Platform>> PlatformsAsync(
        IReadOnlyList<IOciRepositoryStore> stores, ProviderAddress provider, ProviderVersion version, CancellationToken cancellationToken)
    {
        ProviderFailure? lastFallThrough = null;
        foreach (var store in stores)
        {
            try
            {
                var (_, index) = await ProviderArtifactResolver.ReadIndexAsync(store, version, cancellationToken).ConfigureAwait(false);
                return index.Manifests
                    .Where(m => m.ArtifactType == TofuMirror.Oci.Content.MediaTypes.OpenTofuProviderTarget && m.Platform is not null)
                    .Select(m => Platform.TryParse(m.Platform!.ToString(), out var platform, out _) ? platform : null)
                    .OfType<Platform>()
                    .Distinct()
                    .OrderBy(p => p)
                    .ToList();
            }
            catch (ProviderFailure e) when (e.AllowsFallThrough)
            {
                lastFallThrough = e;
            }
        }
        throw lastFallThrough ?? new ProviderFailure(DiagnosticCodes.ProviderNotInMirror, $"{provider.ForDisplay()} {version} is not in the mirror.");
    }
}
