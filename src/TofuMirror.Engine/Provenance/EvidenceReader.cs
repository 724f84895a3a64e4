using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using TofuMirror.Oci;
using TofuMirror.Oci.Content;

namespace TofuMirror.Engine.Provenance;

/// <summary>
/// Reads an evidence artifact strictly: exact artifact type, empty config, exactly the three layers in order with their
/// media types and titles, each at most 1 MiB and matching its digest, every annotation present and well-formed, and
/// the subject the caller asked about. Anything else is a <see cref="ProvenanceFormatException"/>.
/// </summary>
public static class EvidenceReader
{
    private static readonly (string MediaType, string Title)[] ExpectedLayers =
    {
        (EvidenceFormat.ShaSumsMediaType, EvidenceFormat.ShaSumsTitle),
        (EvidenceFormat.SignatureMediaType, EvidenceFormat.SignatureTitle),
        (EvidenceFormat.KeysMediaType, EvidenceFormat.KeysTitle),
    };

    /// <summary>Reads the artifact <paramref name="artifact"/> from <paramref name="store"/>, which must name <paramref name="subject"/>.</summary>
    public static async Task<ProvenanceEvidence> ReadAsync(IOciRepositoryStore store, Descriptor artifact, Digest subject, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(store);
        ArgumentNullException.ThrowIfNull(artifact);
        var where = $"evidence {artifact.Digest} in {store.Name}";
        if (artifact.MediaType != MediaTypes.ImageManifest) throw Invalid(where, $"media type is \"{artifact.MediaType}\", not {MediaTypes.ImageManifest}");
        if (artifact.Size > EvidenceFormat.MaxManifestBytes) throw Invalid(where, $"the manifest has {artifact.Size} bytes, more than {EvidenceFormat.MaxManifestBytes}");
        var bytes = await Guard(where, () => store.FetchManifestAsync(artifact, cancellationToken)).ConfigureAwait(false);
        var manifest = ParseManifest(bytes, subject, where);
        var layers = new List<byte[]>();
        foreach (var layer in manifest.Layers) layers.Add(await FetchLayerAsync(store, layer, where, cancellationToken).ConfigureAwait(false));
        return ToEvidence(manifest, layers, where);
    }

    /// <summary>Checks the manifest bytes (everything but the layer contents) and returns the parsed manifest.</summary>
    public static OciImageManifest ParseManifest(byte[] bytes, Digest subject, string where)
    {
        OciImageManifest manifest;
        try
        {
            manifest = OciJsonReader.ParseImageManifest(bytes);
        }
        catch (OciProtocolException e)
        {
            throw Invalid(where, e.Message, e);
        }

        if (manifest.SchemaVersion != 2) throw Invalid(where, $"schemaVersion is {manifest.SchemaVersion}, not 2");
        if (manifest.MediaType != MediaTypes.ImageManifest) throw Invalid(where, $"mediaType is \"{manifest.MediaType}\", not {MediaTypes.ImageManifest}");
        if (manifest.ArtifactType != EvidenceFormat.ArtifactType) throw Invalid(where, $"artifactType is \"{manifest.ArtifactType}\", not {EvidenceFormat.ArtifactType}");
        var config = manifest.Config;
        if (config.MediaType != MediaTypes.Empty || config.Digest != EvidenceFormat.EmptyConfigDescriptor.Digest || config.Size != 2)
            throw Invalid(where, "the config is not the empty descriptor (application/vnd.oci.empty.v1+json, {})");
        if (manifest.Subject is null) throw Invalid(where, "it has no subject");
        if (manifest.Subject.Digest != subject) throw Invalid(where, $"its subject is {manifest.Subject.Digest}, not {subject}: it is evidence for other content");
        if (manifest.Layers.Count != ExpectedLayers.Length) throw Invalid(where, $"it has {manifest.Layers.Count} layers, not {ExpectedLayers.Length}");
        for (var i = 0; i < ExpectedLayers.Length; i++)
        {
            var layer = manifest.Layers[i];
            var (mediaType, title) = ExpectedLayers[i];
            if (layer.MediaType != mediaType) throw Invalid(where, $"layer {i + 1} has media type \"{layer.MediaType}\", not {mediaType}");
            if (layer.GetAnnotation(MediaTypes.Annotations.Title) != title) throw Invalid(where, $"layer {i + 1} is titled \"{layer.GetAnnotation(MediaTypes.Annotations.Title)}\", not {title}");
            if (layer.Size <= 0 || layer.Size > EvidenceFormat.MaxLayerBytes) throw Invalid(where, $"layer {title} has {layer.Size} bytes (1 to {EvidenceFormat.MaxLayerBytes} allowed)");
        }

        var annotationError = AnnotationError(manifest);
        if (annotationError is not null) throw Invalid(where, annotationError);
        return manifest;
    }

    private static string? AnnotationError(OciImageManifest manifest)
    {
        string? Get(string name) => manifest.Annotations is not null && manifest.Annotations.TryGetValue(name, out var v) ? v : null;
        foreach (var name in new[]
                 {
                     EvidenceFormat.Annotations.Provider, EvidenceFormat.Annotations.Version, EvidenceFormat.Annotations.OriginUrl,
                     EvidenceFormat.Annotations.KeyIds, EvidenceFormat.Annotations.VerifiedAt, MediaTypes.Annotations.Created,
                 })
        {
            if (string.IsNullOrEmpty(Get(name))) return $"annotation {name} is missing";
        }

        return EvidenceFields.ProviderError(Get(EvidenceFormat.Annotations.Provider)!)
            ?? EvidenceFields.VersionError(Get(EvidenceFormat.Annotations.Version)!)
            ?? EvidenceFields.OriginError(Get(EvidenceFormat.Annotations.OriginUrl)!)
            ?? EvidenceFields.KeyIdsError(EvidenceFields.ParseKeyIds(Get(EvidenceFormat.Annotations.KeyIds)!))
            ?? (EvidenceFields.ParseTime(Get(EvidenceFormat.Annotations.VerifiedAt)!) is null ? $"annotation {EvidenceFormat.Annotations.VerifiedAt} is not an RFC 3339 time" : null)
            ?? (EvidenceFields.ParseTime(Get(MediaTypes.Annotations.Created)!) is null ? $"annotation {MediaTypes.Annotations.Created} is not an RFC 3339 time" : null);
    }

    private static ProvenanceEvidence ToEvidence(OciImageManifest manifest, IReadOnlyList<byte[]> layers, string where)
    {
        var a = manifest.Annotations!;
        return new ProvenanceEvidence(
            a[EvidenceFormat.Annotations.Provider],
            a[EvidenceFormat.Annotations.Version],
            layers[0],
            layers[1],
            layers[2],
            a[EvidenceFormat.Annotations.OriginUrl],
            EvidenceFields.ParseKeyIds(a[EvidenceFormat.Annotations.KeyIds]).ToList(),
            EvidenceFields.ParseTime(a[EvidenceFormat.Annotations.VerifiedAt]) ?? throw Invalid(where, "verification time unreadable"));
    }

    private static async Task<byte[]> FetchLayerAsync(IOciRepositoryStore store, Descriptor layer, string where, CancellationToken cancellationToken)
    {
        using var buffer = new MemoryStream((int)layer.Size);
        await Guard(where, async () =>
        {
            await store.FetchBlobAsync(layer, buffer, cancellationToken).ConfigureAwait(false);
            return true;
        }).ConfigureAwait(false);
        return buffer.ToArray();
    }

    // Content that does not match its descriptor is malformed evidence; an unreachable store stays an OCI failure.
    private static async Task<T> Guard<T>(string where, Func<Task<T>> read)
    {
        try
        {
            return await read().ConfigureAwait(false);
        }
        catch (Exception e) when (e is OciDigestMismatchException or OciSizeLimitException or OciProtocolException)
        {
            throw Invalid(where, e.Message, e);
        }
    }

    private static ProvenanceFormatException Invalid(string where, string what, Exception? inner = null)
        => new($"{where} is not valid provenance evidence: {what}", inner);
}
