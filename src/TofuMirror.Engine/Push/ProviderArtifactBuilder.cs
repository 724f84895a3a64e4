using System.Collections.Generic;
using System.Linq;
using System.Text;
using TofuMirror.Engine.Providers;
using TofuMirror.Oci.Content;
using Platform = TofuMirror.Model.Platforms.Platform;
using TofuMirror.Model.Hashing;
using TofuMirror.Model.Platforms;

namespace TofuMirror.Engine.Push;

/// <summary>
/// Builds the OCI artifacts OpenTofu's <c>oci_mirror</c> reads, byte-compatible with the ORAS workflow in the
/// OpenTofu docs: per platform a config blob and an image manifest (artifact type provider-target, one
/// <c>archive/zip</c> layer), and per version an index (artifact type provider) listing them.
/// </summary>
public static class ProviderArtifactBuilder
{
    /// <summary>The config blob ORAS writes for <c>--artifact-platform os/arch</c>: <c>{"architecture":"amd64","os":"linux"}</c>.</summary>
    public static byte[] ConfigBlob(Platform platform) =>
        Encoding.UTF8.GetBytes($"{{\"architecture\":\"{platform.Arch}\",\"os\":\"{platform.Os}\"}}");

    public static OciImageManifest PlatformManifest(Platform platform, Descriptor config, Descriptor zipLayer, PackageHash h1) => new()
    {
        MediaType = MediaTypes.ImageManifest,
        ArtifactType = MediaTypes.OpenTofuProviderTarget,
        Config = config,
        Layers = [zipLayer],
        Annotations = new Dictionary<string, string> { [ProviderAnnotations.H1] = h1.ToString() },
    };

    public static Descriptor ZipLayer(Digest digest, long size, string fileName) =>
        new(MediaTypes.ZipArchive, digest, size)
        {
            Annotations = new Dictionary<string, string> { [MediaTypes.Annotations.Title] = fileName },
        };

    /// <summary>
    /// The version's index: <paramref name="pushed"/> platforms replace same-platform entries of <paramref name="existing"/>;
    /// the others are kept. Entries are sorted by platform so the same set gives the same digest.
    /// </summary>
    public static OciIndex Index(IEnumerable<Descriptor> pushed, OciIndex? existing)
    {
        var byPlatform = new SortedDictionary<string, Descriptor>(System.StringComparer.Ordinal);
        foreach (var entry in existing?.Manifests ?? [])
            if (entry.Platform is { } p) byPlatform[p.ToString()] = entry;
        foreach (var entry in pushed) byPlatform[entry.Platform!.ToString()] = entry;
        return new OciIndex
        {
            MediaType = MediaTypes.ImageIndex,
            ArtifactType = MediaTypes.OpenTofuProvider,
            Manifests = byPlatform.Values.ToList(),
        };
    }

    public static Descriptor ManifestEntry(Digest digest, long size, Platform platform) =>
        new(MediaTypes.ImageManifest, digest, size)
        {
            ArtifactType = MediaTypes.OpenTofuProviderTarget,
            Platform = new TofuMirror.Oci.Content.Platform(platform.Os, platform.Arch),
        };
}
