using System.Collections.Generic;
using System.IO;
using System.Text;
using System.Text.Json;
using TofuMirror.Engine;
using TofuMirror.Engine.Restore;

namespace TofuMirror.Build.Tasks.Restore;

/// <summary>One restored package as the manifest records it, with the module whose lock file asked for it.</summary>
internal sealed record ManifestEntry(string ModuleDirectory, RestoreItemResult Item);

/// <summary>
/// Writes the restore manifest (<c>tofu-providers.json</c>, format in docs/msbuild.md): for every provider, version and
/// platform, the OCI repository, tag, index/manifest/layer digests, size and the local folder. The source generator
/// reads it. Written only when its content changes, so its timestamp means "something changed".
/// </summary>
internal static class RestoreManifestWriter
{
    public const string FileName = "tofu-providers.json";
    public const int FormatVersion = 1;

    public static string Render(string outputDirectory, string? cliConfigPath, IEnumerable<ManifestEntry> entries)
    {
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer, new JsonWriterOptions { Indented = true }))
        {
            json.WriteStartObject();
            json.WriteNumber("formatVersion", FormatVersion);
            json.WriteString("outputDirectory", outputDirectory);
            json.WriteString("cliConfigPath", cliConfigPath);
            json.WriteStartArray("packages");
            foreach (var entry in entries) WriteEntry(json, entry);
            json.WriteEndArray();
            json.WriteEndObject();
        }
        return Encoding.UTF8.GetString(buffer.ToArray()).Replace("\r\n", "\n") + "\n";
    }

    public static string Write(string outputDirectory, string? cliConfigPath, IEnumerable<ManifestEntry> entries)
    {
        var path = Path.Combine(outputDirectory, FileName);
        AtomicFile.WriteAllTextIfChanged(path, Render(outputDirectory, cliConfigPath, entries));
        return path;
    }

    private static void WriteEntry(Utf8JsonWriter json, ManifestEntry entry)
    {
        var item = entry.Item;
        var stamp = item.Stamp;
        json.WriteStartObject();
        json.WriteString("module", entry.ModuleDirectory);
        json.WriteString("provider", item.Provider.ToString());
        json.WriteString("version", item.Version.ToString());
        json.WriteString("platform", item.Platform.ToString());
        json.WriteString("repository", item.Location?.Store.Name ?? stamp?.Repository);
        json.WriteString("tag", item.Version.ToOciTag());
        json.WriteString("indexDigest", item.Location?.Index.Digest.ToString() ?? stamp?.IndexDigest);
        json.WriteString("manifestDigest", item.Location?.Manifest.Digest.ToString() ?? stamp?.ManifestDigest);
        json.WriteString("layerDigest", item.Location?.Layer.Digest.ToString() ?? LayerDigestFromZh(stamp?.Zh));
        var size = item.Location?.Layer.Size ?? stamp?.Size;
        if (size is { } known) json.WriteNumber("size", known);
        else json.WriteNull("size");
        json.WriteString("h1", stamp?.H1);
        json.WriteString("zh", stamp?.Zh);
        json.WriteString("path", item.InstalledPath);
        json.WriteEndObject();
    }

    /// <summary>A <c>zh:</c> hash is the SHA-256 of the zip, which is the layer blob: the same bytes as its digest.</summary>
    private static string? LayerDigestFromZh(string? zh) =>
        zh is not null && zh.StartsWith("zh:", System.StringComparison.Ordinal) ? "sha256:" + zh.Substring(3) : null;
}
