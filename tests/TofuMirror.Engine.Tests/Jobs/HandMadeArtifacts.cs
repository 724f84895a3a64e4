using System.Collections.Generic;
using System.IO;
using System.Threading;
using System.Threading.Tasks;
using TofuMirror.Engine.Providers;
using TofuMirror.Engine.Push;
using TofuMirror.Oci;
using TofuMirror.Oci.Content;
using Platform = TofuMirror.Model.Platforms.Platform;
using TofuMirror.Model.Hashing;
using TofuMirror.Model.Platforms;
using TofuMirror.Model.Versions;

namespace TofuMirror.Engine.Tests.Jobs;

/// <summary>Artifacts written by hand, as other tools (ORAS, the OpenTofu docs' workflow) or broken pushes leave them.</summary>
internal static class HandMadeArtifacts
{
    /// <summary>One platform of one version, like ORAS pushes it: no <c>org.tofumirror.package.h1</c> annotation on the manifest.</summary>
    public static Task PushWithoutAnnotationAsync(IOciRepositoryStore store, ProviderVersion version, Platform platform, string zipPath) =>
        PushVersionAsync(store, version, platform, zipPath, annotations: null);

    /// <summary>One platform of one version whose <c>org.tofumirror.package.h1</c> annotation claims <paramref name="claimedH1"/>, whatever the zip holds.</summary>
    public static Task PushWithClaimedH1Async(IOciRepositoryStore store, ProviderVersion version, Platform platform, string zipPath, PackageHash claimedH1) =>
        PushVersionAsync(store, version, platform, zipPath, new Dictionary<string, string> { [ProviderAnnotations.H1] = claimedH1.ToString() });

    private static async Task PushVersionAsync(
        IOciRepositoryStore store, ProviderVersion version, Platform platform, string zipPath, Dictionary<string, string>? annotations)
    {
        var manifest = await PushManifestAsync(store, platform, zipPath, tag: null, annotations);
        var index = ProviderArtifactBuilder.Index([ProviderArtifactBuilder.ManifestEntry(Digest.Compute(manifest), manifest.Length, platform)], null);
        await store.PushManifestAsync(OciJsonWriter.Serialize(index), MediaTypes.ImageIndex, version.ToOciTag(), CancellationToken.None);
    }

    /// <summary>Tags <paramref name="tag"/> with a platform image manifest directly (OpenTofu requires an index: invalid).</summary>
    public static Task TagImageManifestAsync(IOciRepositoryStore store, string tag, Platform platform, string zipPath) =>
        PushManifestAsync(store, platform, zipPath, tag, annotations: null);

    /// <summary>The zip and config blobs and a platform image manifest with <paramref name="annotations"/> (none when null); returns the manifest bytes.</summary>
    private static async Task<byte[]> PushManifestAsync(
        IOciRepositoryStore store, Platform platform, string zipPath, string? tag, Dictionary<string, string>? annotations)
    {
        var bytes = await File.ReadAllBytesAsync(zipPath);
        var layer = ProviderArtifactBuilder.ZipLayer(Digest.Compute(bytes), bytes.Length, Path.GetFileName(zipPath));
        using (var content = new MemoryStream(bytes)) await store.PushBlobAsync(layer, content, CancellationToken.None);
        var configBytes = ProviderArtifactBuilder.ConfigBlob(platform);
        var config = new Descriptor(MediaTypes.ImageConfig, Digest.Compute(configBytes), configBytes.Length);
        using (var content = new MemoryStream(configBytes)) await store.PushBlobAsync(config, content, CancellationToken.None);
        var manifest = OciJsonWriter.Serialize(new OciImageManifest
        {
            MediaType = MediaTypes.ImageManifest,
            ArtifactType = MediaTypes.OpenTofuProviderTarget,
            Config = config,
            Layers = [layer],
            Annotations = annotations,
        });
        await store.PushManifestAsync(manifest, MediaTypes.ImageManifest, tag, CancellationToken.None);
        return manifest;
    }
}
