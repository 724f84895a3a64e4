using System;
using System.Collections.Generic;
using System.IO;
using System.Text;
using System.Threading;
using System.Threading.Tasks;
using TofuMirror.Oci;
using TofuMirror.Oci.Content;
using TofuMirror.Oci.Transport;

namespace TofuMirror.Testing.Registry;

/// <summary>Builds provider-shaped content (zip blob, config, manifests, index) for the tests.</summary>
internal static class TestContent
{
    public static readonly OciClientOptions FastOptions = new()
    {
        RetryBaseDelay = TimeSpan.FromMilliseconds(10),
        RetryMaxDelay = TimeSpan.FromMilliseconds(100),
        RetryAfterCap = TimeSpan.FromSeconds(2),
    };

    public static (Descriptor Descriptor, byte[] Bytes) Blob(string mediaType, byte[] bytes)
        => (new Descriptor(mediaType, Digest.Compute(bytes), bytes.Length), bytes);

    public static byte[] RandomBytes(int length, int seed)
    {
        var bytes = new byte[length];
        new Random(seed).NextBytes(bytes);
        return bytes;
    }

    /// <summary>Pushes one platform manifest and an index tagged <paramref name="tag"/>; returns the index descriptor and the zip descriptor.</summary>
    public static async Task<(Descriptor Index, Descriptor Zip, Descriptor Manifest)> PushProviderAsync(
        IOciRepositoryStore store, string tag, byte[] zip, string os = "linux", string arch = "amd64", CancellationToken ct = default)
    {
        var zipBlob = Blob(MediaTypes.ZipArchive, zip);
        var config = Blob(MediaTypes.ImageConfig, Encoding.UTF8.GetBytes($"{{\"architecture\":\"{arch}\",\"os\":\"{os}\"}}"));
        await store.PushBlobAsync(zipBlob.Descriptor, new MemoryStream(zipBlob.Bytes), ct);
        await store.PushBlobAsync(config.Descriptor, new MemoryStream(config.Bytes), ct);
        var manifest = new OciImageManifest
        {
            ArtifactType = MediaTypes.OpenTofuProviderTarget,
            Config = config.Descriptor,
            Layers = new[]
            {
                zipBlob.Descriptor with
                {
                    Annotations = new Dictionary<string, string> { [MediaTypes.Annotations.Title] = $"terraform-provider-test_{tag}_{os}_{arch}.zip" },
                },
            },
        };
        var manifestDescriptor = await store.PushManifestAsync(OciJsonWriter.Serialize(manifest), MediaTypes.ImageManifest, null, ct);
        var index = new OciIndex
        {
            ArtifactType = MediaTypes.OpenTofuProvider,
            Manifests = new[]
            {
                manifestDescriptor with { ArtifactType = MediaTypes.OpenTofuProviderTarget, Platform = new Platform(os, arch) },
            },
        };
        var indexDescriptor = await store.PushManifestAsync(OciJsonWriter.Serialize(index), MediaTypes.ImageIndex, tag, ct);
        return (indexDescriptor, zipBlob.Descriptor, manifestDescriptor);
    }
}
