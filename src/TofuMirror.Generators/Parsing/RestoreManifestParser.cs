using System.Collections.Generic;
using System.Linq;
using TofuMirror.Generators.Model;
using TofuMirror.Hcl.Json;

namespace TofuMirror.Generators.Parsing;

/// <summary>
/// Reads the restore manifest (format version 1, written by the MSBuild restore target; see docs/msbuild.md).
/// A manifest that does not parse or has another format version is treated as absent: the descriptors then say
/// the digests are unknown, which is true.
/// </summary>
internal static class RestoreManifestParser
{
    public const int FormatVersion = 1;

    public static RestoreManifest Parse(string text, string path)
    {
        var parsed = JsonParser.Parse(text, path);
        if (parsed.HasErrors || parsed.Value is not JsonObject root) return RestoreManifest.Empty;
        if (!root.TryGetValue("formatVersion", out var version) || version is not JsonNumber number
            || !number.TryGetInt64(out var format) || format != FormatVersion)
        {
            return RestoreManifest.Empty;
        }

        var packages = new List<ManifestPackage>();
        if (root.TryGetValue("packages", out var list) && list is JsonArray array)
        {
            foreach (var item in array.Items.OfType<JsonObject>())
            {
                var module = String(item, "module");
                var provider = String(item, "provider");
                var providerVersion = String(item, "version");
                var platform = String(item, "platform");
                if (module is null || provider is null || providerVersion is null || platform is null) continue;
                packages.Add(new ManifestPackage(NormalizeDirectory(module), provider, providerVersion, platform,
                    String(item, "repository"), String(item, "tag"), String(item, "indexDigest"),
                    String(item, "manifestDigest"), String(item, "layerDigest"), String(item, "h1"), String(item, "zh")));
            }
        }
        return new RestoreManifest(String(root, "outputDirectory"), String(root, "cliConfigPath"), packages.ToEquatableArray());
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
