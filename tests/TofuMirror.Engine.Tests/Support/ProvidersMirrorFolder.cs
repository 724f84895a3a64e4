using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text.Json;
using TofuMirror.Model.Addresses;

namespace TofuMirror.Engine.Tests.Support;

/// <summary>
/// A folder as <c>tofu providers mirror</c> writes it: <c>HOST/NAMESPACE/TYPE/</c> with the release zips,
/// <c>index.json</c> and <c>VERSION.json</c> listing each archive's url and hashes.
/// </summary>
internal static class ProvidersMirrorFolder
{
    /// <summary>Writes zips of <paramref name="provider"/> for each platform; returns the provider folder and the zips by platform.</summary>
    public static (string ProviderFolder, Dictionary<string, string> Zips) Create(string root, ProviderAddress provider, string version, params string[] platforms)
    {
        var folder = Path.Combine(root, provider.Hostname, provider.Namespace, provider.Type);
        var zips = platforms.ToDictionary(p => p, p => ProviderZips.Create(folder, provider.Type, version, p));
        File.WriteAllText(Path.Combine(folder, "index.json"), JsonSerializer.Serialize(new { versions = new Dictionary<string, object> { [version] = new { } } }));
        return (folder, zips);
    }

    /// <summary>The hashes OpenTofu 1.12 lists for an archive: its <c>h1:</c> and its <c>zh:</c>.</summary>
    public static string[] TrustedHashes(string zip) => [ProviderZips.H1(zip).ToString(), ProviderZips.Zh(zip).ToString()];

    /// <summary>Writes <c>VERSION.json</c> with <paramref name="hashes"/> listed for each platform's archive.</summary>
    public static string WriteVersionIndex(string providerFolder, string version, IReadOnlyDictionary<string, string> zips, System.Func<string, string[]> hashes)
    {
        var archives = zips.ToDictionary(z => z.Key, z => new { url = Path.GetFileName(z.Value), hashes = hashes(z.Value) });
        var path = Path.Combine(providerFolder, version + ".json");
        File.WriteAllText(path, JsonSerializer.Serialize(new { archives }, new JsonSerializerOptions { WriteIndented = true }));
        return path;
    }
}
