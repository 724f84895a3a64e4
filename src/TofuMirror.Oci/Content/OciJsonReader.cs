using System;
using System.Collections.Generic;
using System.Text.Json;

namespace TofuMirror.Oci.Content;

/// <summary>
/// Lenient parsing of manifests, indexes and descriptors: unknown fields are ignored, as
/// OpenTofu does. Malformed JSON or wrong field types throw <see cref="OciProtocolException"/>.
/// </summary>
public static class OciJsonReader
{
    /// <summary>Which kind of document some manifest bytes are.</summary>
    public enum ManifestKind
    {
        Unknown,
        Index,
        ImageManifest,
    }

    /// <summary>Parses an image index.</summary>
    public static OciIndex ParseIndex(ReadOnlyMemory<byte> json)
    {
        using var doc = Open(json);
        var root = RequireObject(doc.RootElement, "index");
        return new OciIndex
        {
            SchemaVersion = GetInt(root, "schemaVersion") ?? 0,
            MediaType = GetString(root, "mediaType"),
            ArtifactType = GetString(root, "artifactType"),
            Manifests = GetDescriptors(root, "manifests"),
            Subject = root.TryGetProperty("subject", out var s) && s.ValueKind == JsonValueKind.Object ? ReadDescriptor(s) : null,
            Annotations = GetAnnotations(root),
        };
    }

    /// <summary>Parses an image manifest.</summary>
    public static OciImageManifest ParseImageManifest(ReadOnlyMemory<byte> json)
    {
        using var doc = Open(json);
        var root = RequireObject(doc.RootElement, "image manifest");
        if (!root.TryGetProperty("config", out var config) || config.ValueKind != JsonValueKind.Object)
            throw new OciProtocolException("malformed image manifest: \"config\" is missing");
        return new OciImageManifest
        {
            SchemaVersion = GetInt(root, "schemaVersion") ?? 0,
            MediaType = GetString(root, "mediaType"),
            ArtifactType = GetString(root, "artifactType"),
            Config = ReadDescriptor(config),
            Layers = GetDescriptors(root, "layers"),
            Subject = root.TryGetProperty("subject", out var s) && s.ValueKind == JsonValueKind.Object ? ReadDescriptor(s) : null,
            Annotations = GetAnnotations(root),
        };
    }

    /// <summary>The <c>mediaType</c> field of a manifest, and what kind of document it looks like.</summary>
    public static (string? MediaType, ManifestKind Kind) Sniff(ReadOnlyMemory<byte> json)
    {
        try
        {
            using var doc = JsonDocument.Parse(json);
            if (doc.RootElement.ValueKind != JsonValueKind.Object) return (null, ManifestKind.Unknown);
            var root = doc.RootElement;
            var mediaType = root.TryGetProperty("mediaType", out var m) && m.ValueKind == JsonValueKind.String ? m.GetString() : null;
            var kind = mediaType switch
            {
                MediaTypes.ImageIndex or MediaTypes.DockerManifestList => ManifestKind.Index,
                MediaTypes.ImageManifest or MediaTypes.DockerManifest => ManifestKind.ImageManifest,
                _ when root.TryGetProperty("manifests", out _) => ManifestKind.Index,
                _ when root.TryGetProperty("config", out _) => ManifestKind.ImageManifest,
                _ => ManifestKind.Unknown,
            };
            return (mediaType, kind);
        }
        catch (JsonException)
        {
            return (null, ManifestKind.Unknown);
        }
    }

    /// <summary>Reads one descriptor object.</summary>
    public static Descriptor ReadDescriptor(JsonElement e)
    {
        var mediaType = GetString(e, "mediaType") ?? string.Empty;
        var digestText = GetString(e, "digest") ?? string.Empty;
        if (!Digest.TryParse(digestText, out var digest, out var error))
            throw new OciProtocolException($"malformed descriptor: {error}");
        var size = e.TryGetProperty("size", out var sz) && sz.ValueKind == JsonValueKind.Number && sz.TryGetInt64(out var n) ? n : -1;
        if (size < 0) throw new OciProtocolException($"malformed descriptor for {digest}: \"size\" is missing or negative");
        List<string>? urls = null;
        if (e.TryGetProperty("urls", out var u) && u.ValueKind == JsonValueKind.Array)
        {
            urls = new List<string>();
            foreach (var item in u.EnumerateArray())
            {
                if (item.ValueKind == JsonValueKind.String) urls.Add(item.GetString()!);
            }
        }

        Platform? platform = null;
        if (e.TryGetProperty("platform", out var p) && p.ValueKind == JsonValueKind.Object)
        {
            platform = new Platform(GetString(p, "os") ?? string.Empty, GetString(p, "architecture") ?? string.Empty)
            {
                OsVersion = GetString(p, "os.version"),
                Variant = GetString(p, "variant"),
            };
        }

        return new Descriptor(mediaType, digest, size)
        {
            ArtifactType = GetString(e, "artifactType"),
            Urls = urls,
            Annotations = GetAnnotations(e),
            Platform = platform,
        };
    }

    private static JsonDocument Open(ReadOnlyMemory<byte> json)
    {
        try
        {
            return JsonDocument.Parse(json);
        }
        catch (JsonException e)
        {
            throw new OciProtocolException($"malformed manifest JSON: {e.Message}", e);
        }
    }

    private static JsonElement RequireObject(JsonElement e, string what)
    {
        if (e.ValueKind != JsonValueKind.Object) throw new OciProtocolException($"malformed {what}: not a JSON object");
        return e;
    }

    private static IReadOnlyList<Descriptor> GetDescriptors(JsonElement root, string name)
    {
        if (!root.TryGetProperty(name, out var array) || array.ValueKind == JsonValueKind.Null) return Array.Empty<Descriptor>();
        if (array.ValueKind != JsonValueKind.Array) throw new OciProtocolException($"malformed manifest: \"{name}\" is not an array");
        var list = new List<Descriptor>();
        foreach (var item in array.EnumerateArray())
        {
            if (item.ValueKind != JsonValueKind.Object) throw new OciProtocolException($"malformed manifest: an entry of \"{name}\" is not an object");
            list.Add(ReadDescriptor(item));
        }

        return list;
    }

    internal static string? GetString(JsonElement e, string name)
        => e.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.String ? v.GetString() : null;

    private static int? GetInt(JsonElement e, string name)
        => e.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.Number && v.TryGetInt32(out var i) ? i : null;

    private static IReadOnlyDictionary<string, string>? GetAnnotations(JsonElement e)
    {
        if (!e.TryGetProperty("annotations", out var a) || a.ValueKind != JsonValueKind.Object) return null;
        var map = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var prop in a.EnumerateObject())
        {
            if (prop.Value.ValueKind == JsonValueKind.String) map[prop.Name] = prop.Value.GetString()!;
        }

        return map;
    }
}
