using System.IO;
using System.Threading.Tasks;
using TofuMirror.Engine.Hashing;
using TofuMirror.Engine.Push;
using TofuMirror.Model.Versions;
using TofuMirror.Oci;
using TofuMirror.Oci.Content;
using Platform = TofuMirror.Model.Platforms.Platform;

namespace TofuMirror.Testing.Pushers;

/// <summary>
/// Pushes a provider zip as someone with push rights and another tool (oras, a script) would: layer, config, platform
/// manifest and the version's tagged index, with none of the checks `tofu-mirror push` makes. For tests of what restore
/// does with a package `push` itself refuses.
/// </summary>
internal static class ForeignPusher
{
    public static async Task PushZipAsync(IOciRepositoryStore store, string version, string platform, string zipPath)
    {
        var target = Platform.Parse(platform);
        var zip = await File.ReadAllBytesAsync(zipPath);
        var layer = ProviderArtifactBuilder.ZipLayer(Digest.Compute(zip), zip.Length, Path.GetFileName(zipPath));
        using (var content = new MemoryStream(zip)) await store.PushBlobAsync(layer, content, default);
        var configBytes = ProviderArtifactBuilder.ConfigBlob(target);
        var config = new Descriptor(MediaTypes.ImageConfig, Digest.Compute(configBytes), configBytes.Length);
        using (var content = new MemoryStream(configBytes)) await store.PushBlobAsync(config, content, default);
        var manifest = OciJsonWriter.Serialize(ProviderArtifactBuilder.PlatformManifest(target, config, layer, PackageHasher.ComputeH1FromZip(zipPath)));
        await store.PushManifestAsync(manifest, MediaTypes.ImageManifest, null, default);
        var entry = ProviderArtifactBuilder.ManifestEntry(Digest.Compute(manifest), manifest.Length, target);
        var index = OciJsonWriter.Serialize(ProviderArtifactBuilder.Index([entry], null));
        await store.PushManifestAsync(index, MediaTypes.ImageIndex, ProviderVersion.Parse(version).ToOciTag(), default);
    }
}
