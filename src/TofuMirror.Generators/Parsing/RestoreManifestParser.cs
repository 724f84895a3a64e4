using System.Collections.Generic;
using System.Linq;
using TofuMirror.Generators.Model;
using TofuMirror.Hcl.Json;
using TofuMirror.Model.Restore;
using Field = TofuMirror.Model.Restore.RestoreManifestFormat.Fields;

namespace TofuMirror.Generators.Parsing;

/// <summary>
/// Reads the restore manifest (<see cref="RestoreManifestFormat"/>, written by the MSBuild restore target; see docs/msbuild.md).
/// A manifest that does not parse or has another format version is treated as absent: the descriptors then say
/// the digests are unknown, which is true.
/// </summary>
internal static class RestoreManifestParser
{
    public static RestoreManifest Parse(string text, string path)
    {
        var parsed = JsonParser.Parse(text, path);
        if (parsed.HasErrors || parsed.Value is not JsonObject root) return RestoreManifest.Empty;
        if (!root.TryGetValue(Field.FormatVersion, out var version) || version is not JsonNumber number
            || !number.TryGetInt64(out var format) || format != RestoreManifestFormat.Version)
        {
            return RestoreManifest.Empty;
        }

        var packages = new List<ManifestPackage>();
        if (root.TryGetValue(Field.Packages, out var list) && list is JsonArray array)
        {
            foreach (var item in array.Items.OfType<JsonObject>())
            {
                var module = String(item, Field.Module);
                var provider = String(item, Field.Provider);
                var providerVersion = String(item, Field.Version);
                var platform = String(item, Field.Platform);
                if (module is null || provider is null || providerVersion is null || platform is null) continue;
                packages.Add(new ManifestPackage(NormalizeDirectory(module), provider, providerVersion, platform,
                    String(item, Field.Repository), String(item, Field.Tag), String(item, Field.IndexDigest),
                    String(item, Field.ManifestDigest), String(item, Field.LayerDigest), String(item, Field.H1), String(item, Field.Zh),
                    String(item, Field.SigningKeyId)));
            }
        }
        return new RestoreManifest(String(root, Field.OutputDirectory), String(root, Field.CliConfigPath), packages.ToEquatableArray());
    }

    /// <summary>Combines several manifests (normally there is one); the first one's paths win.</summary>
    public static RestoreManifest Merge(IEnumerable<RestoreManifest> manifests)
    {
        var list = manifests.ToList();
        if (list.Count == 0) return RestoreManifest.Empty;
        if (list.Count == 1) return list[0];
        return new RestoreManifest(
            list.Select(m => m.OutputDirectory).FirstOrDefault(d => d is not null),
            list.Select(m => m.CliConfigPath).FirstOrDefault(c => c is not null),
            list.SelectMany(m => m.Packages).ToEquatableArray());
    }

    /// <summary>Forward slashes, no trailing slash: how module folders are compared with additional-file paths.</summary>
    public static string NormalizeDirectory(string directory) => directory.Replace('\\', '/').TrimEnd('/');

    private static string? String(JsonObject obj, string name) =>
        obj.TryGetValue(name, out var value) && value is JsonString text ? text.Value : null;
}
