using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text.Encodings.Web;
using System.Text.Json;

namespace TofuMirror.Oci.Content;

/// <summary>
/// Deterministic serialisation of manifests and indexes: 2-space indent, <c>\n</c> line ends, no
/// trailing newline, properties in the order ORAS writes them, annotation keys sorted, and no
/// needless escaping (so <c>+json</c> stays <c>+json</c>). Same input, same bytes, same digest.
/// </summary>
public static class OciJsonWriter
{
    private static readonly JsonWriterOptions Options = new()
    {
        Indented = true,
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    /// <summary>The bytes of <paramref name="index"/>.</summary>
    public static byte[] Serialize(OciIndex index)
    {
        ArgumentNullException.ThrowIfNull(index);
        return Write(w =>
        {
            w.WriteStartObject();
            w.WriteNumber("schemaVersion", index.SchemaVersion);
            WriteOptional(w, "mediaType", index.MediaType);
            WriteOptional(w, "artifactType", index.ArtifactType);
            w.WriteStartArray("manifests");
            foreach (var d in index.Manifests) WriteDescriptor(w, d);
            w.WriteEndArray();
            if (index.Subject is not null)
            {
                w.WritePropertyName("subject");
                WriteDescriptor(w, index.Subject);
            }

            WriteAnnotations(w, index.Annotations);
            w.WriteEndObject();
        });
    }

    /// <summary>The bytes of <paramref name="manifest"/>.</summary>
    public static byte[] Serialize(OciImageManifest manifest)
    {
        ArgumentNullException.ThrowIfNull(manifest);
        if (manifest.Config is null) throw new ArgumentException("An image manifest needs a config descriptor.", nameof(manifest));
        return Write(w =>
        {
            w.WriteStartObject();
            w.WriteNumber("schemaVersion", manifest.SchemaVersion);
            WriteOptional(w, "mediaType", manifest.MediaType);
            WriteOptional(w, "artifactType", manifest.ArtifactType);
            w.WritePropertyName("config");
            WriteDescriptor(w, manifest.Config);
            w.WriteStartArray("layers");
            foreach (var d in manifest.Layers) WriteDescriptor(w, d);
            w.WriteEndArray();
            if (manifest.Subject is not null)
            {
                w.WritePropertyName("subject");
                WriteDescriptor(w, manifest.Subject);
            }

            WriteAnnotations(w, manifest.Annotations);
            w.WriteEndObject();
        });
    }

    /// <summary>The bytes of a single descriptor (used for <c>index.json</c>-style documents and tests).</summary>
    internal static void WriteDescriptor(Utf8JsonWriter w, Descriptor d)
    {
        w.WriteStartObject();
        w.WriteString("mediaType", d.MediaType);
        WriteOptional(w, "artifactType", d.ArtifactType);
        w.WriteString("digest", d.Digest.ToString());
        w.WriteNumber("size", d.Size);
        if (d.Urls is { Count: > 0 })
        {
            w.WriteStartArray("urls");
            foreach (var u in d.Urls) w.WriteStringValue(u);
            w.WriteEndArray();
        }

        WriteAnnotations(w, d.Annotations);
        if (d.Platform is not null)
        {
            w.WriteStartObject("platform");
            w.WriteString("architecture", d.Platform.Architecture);
            w.WriteString("os", d.Platform.Os);
            WriteOptional(w, "os.version", d.Platform.OsVersion);
            WriteOptional(w, "variant", d.Platform.Variant);
            w.WriteEndObject();
        }

        w.WriteEndObject();
    }

    internal static byte[] Write(Action<Utf8JsonWriter> body)
    {
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer, Options))
        {
            body(writer);
        }

        var bytes = buffer.ToArray();
        // Utf8JsonWriter on .NET 8 ends lines with Environment.NewLine; JSON strings never hold a raw CR.
        return Environment.NewLine == "\n" ? bytes : RemoveCarriageReturns(bytes);
    }

    private static byte[] RemoveCarriageReturns(byte[] bytes) => bytes.Where(b => b != (byte)'\r').ToArray();

    private static void WriteOptional(Utf8JsonWriter w, string name, string? value)
    {
        if (!string.IsNullOrEmpty(value)) w.WriteString(name, value);
    }

    private static void WriteAnnotations(Utf8JsonWriter w, IReadOnlyDictionary<string, string>? annotations)
    {
        if (annotations is null || annotations.Count == 0) return;
        w.WriteStartObject("annotations");
        foreach (var pair in annotations.OrderBy(p => p.Key, StringComparer.Ordinal)) w.WriteString(pair.Key, pair.Value);
        w.WriteEndObject();
    }
}
