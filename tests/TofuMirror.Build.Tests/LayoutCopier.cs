using System.IO;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using TofuMirror.Oci;
using TofuMirror.Oci.Content;

namespace TofuMirror.Build.Tests;

/// <summary>Copies every tag of an OCI image-layout repository to another store: blobs, manifests, then the tagged index.</summary>
internal static class LayoutCopier
{
    public static async Task CopyAllTagsAsync(IOciRepositoryStore source, IOciRepositoryStore target, CancellationToken cancellationToken = default)
    {
        foreach (var tag in await source.ListTagsAsync(cancellationToken))
        {
            var indexDescriptor = await source.ResolveAsync(tag, cancellationToken);
            var indexBytes = await source.FetchManifestAsync(indexDescriptor, cancellationToken);
            foreach (var manifestDescriptor in OciJsonReader.ParseIndex(indexBytes).Manifests)
            {
                var manifestBytes = await source.FetchManifestAsync(manifestDescriptor, cancellationToken);
                var manifest = OciJsonReader.ParseImageManifest(manifestBytes);
                foreach (var blob in new[] { manifest.Config }.Concat(manifest.Layers))
                {
                    using var buffer = new MemoryStream();
                    await source.FetchBlobAsync(blob, buffer, cancellationToken);
                    buffer.Position = 0;
                    await target.PushBlobAsync(blob, buffer, cancellationToken);
                }
                await target.PushManifestAsync(manifestBytes, manifestDescriptor.MediaType, null, cancellationToken);
            }
            await target.PushManifestAsync(indexBytes, indexDescriptor.MediaType, tag, cancellationToken);
        }
    }
}
