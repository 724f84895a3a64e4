using System.Collections.Generic;
using System.Linq;
using TofuMirror.Oci.Content;
using CorePlatform = TofuMirror.Model.Platforms.Platform;
using TofuMirror.Model.Addresses;
using TofuMirror.Model.Diagnostics;
using TofuMirror.Model.Hashing;
using TofuMirror.Model.Platforms;
using TofuMirror.Model.Versions;

namespace TofuMirror.Engine.Providers;

/// <summary>
/// OpenTofu's rules for what a provider artifact in an OCI repository must look like (oci-mirror spec §2.2–§2.6),
/// as pure checks over descriptors and parsed manifests. Messages follow OpenTofu's wording.
/// </summary>
public static class ProviderArtifactRules
{
    /// <summary>OpenTofu refuses manifests of 5 MiB or more (integer division by 1 MiB greater than 4).</summary>
    public const int ManifestLimitMiB = 4;

    /// <summary>§2.2: the tag must resolve to an index manifest of a provider.</summary>
    public static void CheckResolvedTag(Descriptor descriptor, string tag)
    {
        string? problem = descriptor.ArtifactType switch
        {
            null or "" or MediaTypes.OpenTofuProvider => null,
            MediaTypes.OpenTofuProviderTarget => "tag refers directly to image manifest, but OpenTofu providers require an index manifest for multi-platform support",
            MediaTypes.OpenTofuModulePackage => "selected OCI artifact is an OpenTofu module package, not a provider package",
            var other => $"unsupported OCI artifact type \"{other}\"",
        };
        problem ??= descriptor.MediaType switch
        {
            MediaTypes.ImageIndex => null,
            MediaTypes.ImageManifest => "selected an OCI image manifest directly, but providers must be selected through a multi-platform index manifest",
            MediaTypes.Descriptor => "found OCI descriptor but expected multi-platform index manifest",
            var other => $"unsupported media type \"{other}\" for OCI index manifest",
        };
        if (problem is not null) throw Invalid($"resolving tag \"{tag}\": {problem}");
    }

    /// <summary>§2.3: the fetched index must be a provider index.</summary>
    public static OciIndex ParseIndex(byte[] json)
    {
        var (mediaType, kind) = OciJsonReader.Sniff(json);
        if (kind == OciJsonReader.ManifestKind.ImageManifest) throw Invalid("found image manifest but need index manifest");
        var index = OciJsonReader.ParseIndex(json);
        if (index.MediaType != MediaTypes.ImageIndex) throw Invalid($"unexpected manifest media type \"{mediaType ?? index.MediaType}\"");
        if (index.ArtifactType != MediaTypes.OpenTofuProvider) throw Invalid($"unexpected artifact type \"{index.ArtifactType}\"");
        return index;
    }

    /// <summary>§2.4: exactly one provider-target image manifest for the platform.</summary>
    public static Descriptor SelectPlatformManifest(OciIndex index, CorePlatform platform)
    {
        var candidates = new List<Descriptor>();
        var wrongPlatform = 0;
        string? lastWrongArtifactType = null;
        foreach (var entry in index.Manifests)
        {
            if (entry.ArtifactType != MediaTypes.OpenTofuProviderTarget)
            {
                if (!string.IsNullOrEmpty(entry.ArtifactType)) lastWrongArtifactType = entry.ArtifactType;
                continue;
            }
            if (entry.MediaType != MediaTypes.ImageManifest)
                throw Invalid($"provider image manifest has unsupported media type \"{entry.MediaType}\"");
            if (entry.Platform is not { } entryPlatform)
                throw Invalid("provider image manifest lacks the required platform constraints");
            if (!string.IsNullOrEmpty(entryPlatform.OsVersion) || entryPlatform.Os != platform.Os || entryPlatform.Architecture != platform.Arch)
            {
                wrongPlatform++;
                continue;
            }
            candidates.Add(entry);
        }

        if (candidates.Count == 1) return candidates[0];
        if (candidates.Count > 1) throw Invalid($"ambiguous manifest has multiple descriptors for platform {platform}");
        if (wrongPlatform > 0)
        {
            var available = string.Join(", ", index.Manifests.Where(m => m.Platform is not null).Select(m => m.Platform!.ToString()).Distinct());
            throw new ProviderFailure(DiagnosticCodes.PlatformNotSupported,
                $"the mirror has no package for platform {platform} (it has: {available})") { AllowsFallThrough = true };
        }
        throw Invalid(lastWrongArtifactType is not null
            ? $"provider image manifest has unsupported artifact type \"{lastWrongArtifactType}\""
            : "provider image manifest has unsupported artifact type; is this a container image, rather than an OpenTofu provider?");
    }

    /// <summary>§2.5: the platform manifest must be a provider-target image manifest with exactly one zip layer.</summary>
    public static (OciImageManifest Manifest, Descriptor Layer) SelectLayer(byte[] json, CorePlatform platform)
    {
        var (_, kind) = OciJsonReader.Sniff(json);
        if (kind == OciJsonReader.ManifestKind.Index) throw Invalid("found index manifest but need image manifest");
        var manifest = OciJsonReader.ParseImageManifest(json);
        if (manifest.MediaType != MediaTypes.ImageManifest) throw Invalid($"unexpected manifest media type \"{manifest.MediaType}\"");
        if (manifest.ArtifactType != MediaTypes.OpenTofuProviderTarget) throw Invalid($"unexpected artifact type \"{manifest.ArtifactType}\"");

        var zips = manifest.Layers.Where(l => l.MediaType == MediaTypes.ZipArchive).ToList();
        if (zips.Count > 1) throw Invalid("ambiguous manifest declares multiple eligible provider packages");
        if (zips.Count == 0)
        {
            throw Invalid(manifest.Layers.Count > 0
                ? "image manifest contains no layers of type \"archive/zip\", but has other unsupported formats; this OCI artifact might be intended for a different version of OpenTofu"
                : "image manifest contains no layers of type \"archive/zip\"");
        }
        var layer = zips[0];
        if (layer.Platform is { } layerPlatform && (layerPlatform.Os != platform.Os || layerPlatform.Architecture != platform.Arch))
            throw Invalid($"selected OCI artifact is for {layerPlatform}, but was expected to be for {platform}");
        if (layer.Digest.Algorithm != "sha256") throw Invalid($"unsupported digest algorithm \"{layer.Digest.Algorithm}\"");
        return (manifest, layer);
    }

    /// <summary>
    /// §2.6: the layer's <c>zh:</c> must be literally among the lock's hashes before any download. A lock entry with
    /// no hash at all accepts nothing: installing unverified content is never the fallback.
    /// </summary>
    public static void CheckLayerAgainstLock(Descriptor layer, IReadOnlyList<PackageHash> lockedHashes, ProviderAddress provider, ProviderVersion version)
    {
        var allowed = lockedHashes.Where(h => h.IsSupportedScheme).ToList();
        if (allowed.Count == 0)
            throw new ProviderFailure(DiagnosticCodes.ChecksumMismatch,
                $"the dependency lock file records no h1: or zh: hash for {provider.ForDisplay()} {version}, so no package can be verified; " +
                "run `tofu-mirror lock` (or `tofu init`) to record them.");
        var zh = ZipHashOf(layer);
        if (allowed.Any(h => h.Equals(zh))) return;
        if (allowed.All(h => h.Scheme == PackageHash.SchemeH1))
            throw new ProviderFailure(DiagnosticCodes.ChecksumMismatch,
                $"the dependency lock file records only h1: hashes for {provider.ForDisplay()} {version} (as `terraform providers lock -fs-mirror` " +
                $"or `tofu init` from a filesystem mirror writes it), but a package from an OCI mirror is checked by its zh: before it is downloaded, " +
                $"so OpenTofu would refuse it too (the mirror has {zh}). Run `tofu-mirror lock`: it downloads the mirror's packages and adds their zh: " +
                "only when each package's h1: is one already locked, so the lock file comes to trust nothing it did not trust before.");
        throw new ProviderFailure(DiagnosticCodes.ChecksumMismatch,
            $"the current package for {provider.ForDisplay()} {version} doesn't match any of the checksums previously recorded in the dependency lock file " +
            $"(the mirror has {zh}); for more information: https://opentofu.org/docs/language/files/dependency-lock/#checksum-verification");
    }

    /// <summary>The <c>zh:</c> hash a zip layer stands for: its SHA-256 digest in hex.</summary>
    public static PackageHash ZipHashOf(Descriptor layer) => PackageHash.Create("zh", layer.Digest.Hex);

    private static ProviderFailure Invalid(string message) => new(DiagnosticCodes.InvalidProviderArtifact, message);
}
