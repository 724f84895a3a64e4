using System;
using System.Collections.Generic;
using System.IO;
using System.Threading.Tasks;
using TofuMirror.Oci.Content;
using TofuMirror.Oci.Referrers;

namespace TofuMirror.Oci.Tests.Referrers;

/// <summary>Small referrer manifests (empty config, one text layer) for the referrer tests.</summary>
internal static class ReferrerContent
{
    public static readonly Descriptor EmptyConfig = new(MediaTypes.Empty, Digest.Compute("{}"u8), 2);

    public static async Task<byte[]> PushReferrerBlobsAsync(IOciRepositoryStore store, string text)
    {
        await store.PushBlobAsync(EmptyConfig, new MemoryStream("{}"u8.ToArray()), default);
        var layer = System.Text.Encoding.UTF8.GetBytes(text);
        await store.PushBlobAsync(new Descriptor("text/plain", Digest.Compute(layer), layer.Length), new MemoryStream(layer), default);
        return layer;
    }

    /// <summary>An image manifest of <paramref name="artifactType"/> about <paramref name="subject"/> (its layer must be pushed).</summary>
    public static byte[] Manifest(Descriptor subject, string artifactType, string text)
    {
        var layer = System.Text.Encoding.UTF8.GetBytes(text);
        return OciJsonWriter.Serialize(new OciImageManifest
        {
            ArtifactType = artifactType,
            Config = EmptyConfig,
            Layers = [new Descriptor("text/plain", Digest.Compute(layer), layer.Length)],
            Subject = new Descriptor(subject.MediaType, subject.Digest, subject.Size),
            Annotations = new Dictionary<string, string> { ["test.note"] = text },
        });
    }

    public static async Task<Descriptor> PushAsync(IOciRepositoryStore store, Descriptor subject, string artifactType, string text)
    {
        await PushReferrerBlobsAsync(store, text);
        return await OciReferrers.For(store).PushReferrerAsync(Manifest(subject, artifactType, text), MediaTypes.ImageManifest, default);
    }
}
