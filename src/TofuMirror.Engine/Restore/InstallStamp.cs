using System;
using System.Collections.Generic;
using System.IO;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace TofuMirror.Engine.Restore;

/// <summary>
/// What restore recorded after installing one provider package, kept outside the package folder (a file inside
/// it would change the folder's h1: hash). A no-op restore compares the installed files' sizes and modification
/// times with <see cref="Files"/> instead of re-hashing every file, and re-hashes only when one differs;
/// <c>tofu-mirror verify</c> always re-hashes. <see cref="H1"/> is null when the lock's <c>zh:</c> proved the package,
/// so its files were not hashed (<see cref="Zip.ZipContentChecks.None"/>).
/// </summary>
public sealed record InstallStamp(
    [property: JsonPropertyName("h1")]
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    string? H1,
    [property: JsonPropertyName("zh")] string Zh,
    [property: JsonPropertyName("layout")] string Layout,
    [property: JsonPropertyName("repository")] string Repository,
    [property: JsonPropertyName("indexDigest")] string IndexDigest,
    [property: JsonPropertyName("manifestDigest")] string ManifestDigest,
    [property: JsonPropertyName("size")] long Size)
{
    /// <summary>Every installed file as restore left it; null in the cache's records and in stamps of older versions.</summary>
    [JsonPropertyName("files")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public IReadOnlyList<InstalledFile>? Files { get; init; }

    /// <summary>The primary key ID of the trust anchor that signed the package's checksums; null when not verified signed.</summary>
    [JsonPropertyName("signingKeyId")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? SigningKeyId { get; init; }

    /// <summary>That key's fingerprint, which <c>--require-signed</c> checks against the anchors on a no-op restore.</summary>
    [JsonPropertyName("signingFingerprint")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? SigningFingerprint { get; init; }

    /// <summary>The stamp at <paramref name="path"/>; null when there is none or it is damaged (which only costs a re-install).</summary>
    /// <remarks>
    /// Read with <see cref="JsonDocument"/> rather than the serializer: a no-op restore reads one stamp per package and
    /// little else, and the serializer's first use costs more start-up time than all of those reads.
    /// </remarks>
    public static InstallStamp? TryRead(string path)
    {
        if (!File.Exists(path)) return null;
        try
        {
            using var document = JsonDocument.Parse(File.ReadAllBytes(path));
            var root = document.RootElement;
            return new InstallStamp(root.TryGetProperty("h1", out var h1) ? h1.GetString() : null, Text(root, "zh"), Text(root, "layout"), Text(root, "repository"),
                Text(root, "indexDigest"), Text(root, "manifestDigest"), root.GetProperty("size").GetInt64())
            {
                Files = root.TryGetProperty("files", out var files) ? ReadFiles(files) : null,
                SigningKeyId = root.TryGetProperty("signingKeyId", out var keyId) ? keyId.GetString() : null,
                SigningFingerprint = root.TryGetProperty("signingFingerprint", out var fingerprint) ? fingerprint.GetString() : null,
            };
        }
        catch (Exception e) when (e is JsonException or KeyNotFoundException or InvalidOperationException or FormatException)
        {
            return null;
        }
    }

    private static List<InstalledFile> ReadFiles(JsonElement files)
    {
        var list = new List<InstalledFile>(files.GetArrayLength());
        foreach (var file in files.EnumerateArray())
            list.Add(new InstalledFile(Text(file, "path"), file.GetProperty("size").GetInt64(), file.GetProperty("modified").GetInt64()));
        return list;
    }

    private static string Text(JsonElement element, string name) =>
        element.GetProperty(name).GetString() ?? throw new InvalidOperationException($"{name} is null");

    public void Write(string path) => AtomicFile.WriteAllTextIfChanged(path, JsonSerializer.Serialize(this, InstallStampJson.Default.InstallStamp));
}

/// <summary>One installed file: its path relative to the package (with <c>/</c>), its size and its last write time (UTC ticks).</summary>
public sealed record InstalledFile(
    [property: JsonPropertyName("path")] string Path,
    [property: JsonPropertyName("size")] long Size,
    [property: JsonPropertyName("modified")] long Modified);

/// <summary>Source-generated serializer: a no-op restore reads a stamp per package, so it must not pay for reflection.</summary>
[JsonSourceGenerationOptions(WriteIndented = true)]
[JsonSerializable(typeof(InstallStamp))]
[JsonSerializable(typeof(InstalledFile))]
internal sealed partial class InstallStampJson : JsonSerializerContext;
