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
    public static InstallStamp? TryRead(string path)
    {
        try
        {
            return File.Exists(path) ? JsonSerializer.Deserialize(File.ReadAllText(path), InstallStampJson.Default.InstallStamp) : null;
        }
        catch (JsonException)
        {
            return null; // a damaged stamp only costs a re-install
        }
    }

    public void Write(string path) => AtomicFile.WriteAllTextIfChanged(path, JsonSerializer.Serialize(this, InstallStampJson.Default.InstallStamp));
}

/// <summary>Source-generated serializer: a no-op restore reads a stamp per package, so it must not pay for reflection.</summary>
[JsonSourceGenerationOptions(WriteIndented = true)]
[JsonSerializable(typeof(InstallStamp))]
internal sealed partial class InstallStampJson : JsonSerializerContext;
