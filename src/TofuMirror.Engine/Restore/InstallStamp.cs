using System.IO;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace TofuMirror.Engine.Restore;

/// <summary>
/// What restore recorded after installing one provider package, kept outside the package folder (a file inside
/// it would change the folder's h1: hash). A no-op restore trusts it instead of re-hashing every file;
/// <c>tofu-mirror verify</c> re-hashes.
/// </summary>
public sealed record InstallStamp(
    [property: JsonPropertyName("h1")] string H1,
    [property: JsonPropertyName("zh")] string Zh,
    [property: JsonPropertyName("layout")] string Layout,
    [property: JsonPropertyName("repository")] string Repository,
    [property: JsonPropertyName("indexDigest")] string IndexDigest,
    [property: JsonPropertyName("manifestDigest")] string ManifestDigest,
    [property: JsonPropertyName("size")] long Size)
{
    private static readonly JsonSerializerOptions Options = new() { WriteIndented = true };

    public static InstallStamp? TryRead(string path)
    {
        try
        {
            return File.Exists(path) ? JsonSerializer.Deserialize<InstallStamp>(File.ReadAllText(path), Options) : null;
        }
        catch (JsonException)
        {
            return null; // a damaged stamp only costs a re-install
        }
    }

    public void Write(string path) => AtomicFile.WriteAllTextIfChanged(path, JsonSerializer.Serialize(this, Options));
}
