using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using TofuMirror.Oci;
using TofuMirror.Oci.Content;
using TofuMirror.Oci.Layout;
using Platform = TofuMirror.Model.Platforms.Platform;
using TofuMirror.Model.Addresses;
using TofuMirror.Model.Diagnostics;
using TofuMirror.Model.Hashing;
using TofuMirror.Model.Platforms;
using TofuMirror.Model.Versions;

namespace TofuMirror.Engine.Providers;

/// <summary>
/// Finds provider versions and packages in an OCI store the way OpenTofu's <c>oci_mirror</c> does:
/// tags → versions, version tag → index → platform manifest → zip layer, with every check of the spec.
/// </summary>
public static class ProviderArtifactResolver
{
    /// <summary>The provider versions a repository's tags name; other tags are returned as ignored, with the reason.</summary>
    public static async Task<(IReadOnlyList<ProviderVersion> Versions, IReadOnlyList<(string Tag, string Reason)> Ignored)> ListVersionsAsync(
        IOciRepositoryStore store, CancellationToken cancellationToken)
    {
        IReadOnlyList<string> tags;
        try
        {
            tags = await store.ListTagsAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (OciException e) when (e is OciNotFoundException || IsMissingRepository(e))
        {
            throw RepositoryMissing(store, e);
        }

        var versions = new List<ProviderVersion>();
        var ignored = new List<(string, string)>();
        foreach (var tag in tags)
        {
            if (ProviderVersion.FromOciTag(tag, out var version)) versions.Add(version);
            else ignored.Add((tag, "not a version number (OpenTofu reads only tags like 1.2.3 or 1.2.3_build.4)"));
        }
        return (versions.Distinct().OrderBy(v => v).ToList(), ignored);
    }

    private static bool IsMissingRepository(OciException e) => e.HasErrorCode("NAME_UNKNOWN") || e.HasErrorCode("NAME_INVALID");

    private static ProviderFailure RepositoryMissing(IOciRepositoryStore store, OciException e) =>
        new(DiagnosticCodes.ProviderNotInMirror, store is OciLayoutStore ? e.Message : $"{store.Name} does not exist: {e.Message}", e)
        {
            AllowsFallThrough = true,
        };

    /// <summary>Resolves the version's tag and reads its index (§2.2, §2.3).</summary>
    public static async Task<(Descriptor Descriptor, OciIndex Index)> ReadIndexAsync(
        IOciRepositoryStore store, ProviderVersion version, CancellationToken cancellationToken)
    {
        var descriptor = await ResolveVersionTagAsync(store, version, cancellationToken).ConfigureAwait(false);
        var bytes = await store.FetchManifestAsync(descriptor, cancellationToken).ConfigureAwait(false);
        return (descriptor, ProviderArtifactRules.ParseIndex(bytes));
    }

    /// <summary>The index descriptor the version's tag names (§2.2): one manifest request, nothing downloaded.</summary>
    public static async Task<Descriptor> ResolveVersionTagAsync(IOciRepositoryStore store, ProviderVersion version, CancellationToken cancellationToken)
    {
        var tag = version.ToOciTag();
        Descriptor descriptor;
        try
        {
            descriptor = await store.ResolveAsync(tag, cancellationToken).ConfigureAwait(false);
        }
        catch (OciException e) when (IsMissingRepository(e))
        {
            throw RepositoryMissing(store, e);
        }
        catch (OciNotFoundException e)
        {
            throw new ProviderFailure(DiagnosticCodes.ProviderNotInMirror,
                $"{store.Name} has no tag \"{tag}\" for version {version}; push it with `tofu-mirror push`.", e) { AllowsFallThrough = true };
        }
        ProviderArtifactRules.CheckResolvedTag(descriptor, tag);
        return descriptor;
    }

    /// <summary>The whole resolution for one platform: index, platform manifest, zip layer (§2.2–§2.6, before any blob download).</summary>
    public static async Task<ProviderPackageLocation> ResolvePackageAsync(
        IOciRepositoryStore store, ProviderAddress provider, ProviderVersion version, Platform platform, CancellationToken cancellationToken)
    {
        var (indexDescriptor, index) = await ReadIndexAsync(store, version, cancellationToken).ConfigureAwait(false);
        return await ResolvePlatformAsync(store, provider, version, platform, indexDescriptor, index, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>From an already-read index, the package of one platform.</summary>
    public static async Task<ProviderPackageLocation> ResolvePlatformAsync(
        IOciRepositoryStore store, ProviderAddress provider, ProviderVersion version, Platform platform,
        Descriptor indexDescriptor, OciIndex index, CancellationToken cancellationToken)
    {
        var manifestDescriptor = ProviderArtifactRules.SelectPlatformManifest(index, platform);
        var manifestBytes = await store.FetchManifestAsync(manifestDescriptor, cancellationToken).ConfigureAwait(false);
        var (manifest, layer) = ProviderArtifactRules.SelectLayer(manifestBytes, platform);
        var annotated = manifest.Annotations is { } annotations && annotations.TryGetValue(ProviderAnnotations.H1, out var h1)
            && PackageHash.TryParse(h1, out var parsed, out _) && parsed.Scheme == PackageHash.SchemeH1 ? parsed : null;
        return new ProviderPackageLocation(store, provider, version, platform, indexDescriptor, manifestDescriptor, layer) { AnnotatedH1 = annotated };
    }
}
