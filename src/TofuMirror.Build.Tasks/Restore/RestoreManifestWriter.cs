using System.Collections.Generic;
using System.IO;
using System.Text;
using System.Text.Json;
using TofuMirror.Engine;
using TofuMirror.Engine.Restore;
using TofuMirror.Model.Restore;
using Field = TofuMirror.Model.Restore.RestoreManifestFormat.Fields;

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
    public static string Render(string outputDirectory, string? cliConfigPath, IEnumerable<ManifestEntry> entries)
    {
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer, new JsonWriterOptions { Indented = true }))
        {
            json.WriteStartObject();
            json.WriteNumber(Field.FormatVersion, RestoreManifestFormat.Version);
            json.WriteString(Field.OutputDirectory, outputDirectory);
            json.WriteString(Field.CliConfigPath, cliConfigPath);
            json.WriteStartArray(Field.Packages);
            foreach (var entry in entries) WriteEntry(json, entry);
            json.WriteEndArray();
            json.WriteEndObject();
        }
        return Encoding.UTF8.GetString(buffer.ToArray()).Replace("\r\n", "\n") + "\n";
    }

    public static string Write(string outputDirectory, string? cliConfigPath, IEnumerable<ManifestEntry> entries)
    {
        var path = Path.Combine(outputDirectory, RestoreManifestFormat.FileName);
        AtomicFile.WriteAllTextIfChanged(path, Render(outputDirectory, cliConfigPath, entries));
        return path;
    }

    private static void WriteEntry(Utf8JsonWriter json, ManifestEntry entry)
    {
        var item = entry.Item;
        var stamp = item.Stamp;
        json.WriteStartObject();
        json.WriteString(Field.Module, entry.ModuleDirectory);
        json.WriteString(Field.Provider, item.Provider.ToString());
        json.WriteString(Field.Version, item.Version.ToString());
        json.WriteString(Field.Platform, item.Platform.ToString());
        json.WriteString(Field.Repository, item.Location?.Store.Name ?? stamp?.Repository);
        json.WriteString(Field.Tag, item.Version.ToOciTag());
        json.WriteString(Field.IndexDigest, item.Location?.Index.Digest.ToString() ?? stamp?.IndexDigest);
        json.WriteString(Field.ManifestDigest, item.Location?.Manifest.Digest.ToString() ?? stamp?.ManifestDigest);
        json.WriteString(Field.LayerDigest, item.Location?.Layer.Digest.ToString() ?? LayerDigestFromZh(stamp?.Zh));
        var size = item.Location?.Layer.Size ?? stamp?.Size;
        if (size is { } known) json.WriteNumber(Field.Size, known);
        else json.WriteNull(Field.Size);
        json.WriteString(Field.H1, stamp?.H1);
        json.WriteString(Field.Zh, stamp?.Zh);
        json.WriteString(Field.Path, item.InstalledPath);
        json.WriteString(Field.SigningKeyId, stamp?.SigningKeyId);
        json.WriteEndObject();
    }

    /// <summary>A <c>zh:</c> hash is the SHA-256 of the zip, which is the layer blob: the same bytes as its digest.</summary>
    private static string? LayerDigestFromZh(string? zh) =>
        zh is not null && zh.StartsWith("zh:", System.StringComparison.Ordinal) ? "sha256:" + zh.Substring(3) : null;
}
