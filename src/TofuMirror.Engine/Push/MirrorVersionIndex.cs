using System.Collections.Generic;
using System.IO;
using System.Text.Json;
using TofuMirror.Engine.Providers;
using TofuMirror.Model.Diagnostics;
using TofuMirror.Model.Hashing;
using TofuMirror.Model.Platforms;

namespace TofuMirror.Engine.Push;

/// <summary>
/// The <c>VERSION.json</c> that <c>tofu providers mirror</c> writes beside the zips (the network-mirror protocol's
/// version document): per platform, the archive's <c>url</c> and the <c>hashes</c> OpenTofu verified it against
/// (one <c>h1:</c> before OpenTofu 1.12; every trusted <c>h1:</c> and <c>zh:</c> since).
/// </summary>
internal sealed class MirrorVersionIndex
{
    private readonly Dictionary<string, IReadOnlyList<PackageHash>> _hashesByPlatform;

    private MirrorVersionIndex(string path, Dictionary<string, IReadOnlyList<PackageHash>> hashesByPlatform)
    {
        Path = path;
        _hashesByPlatform = hashesByPlatform;
    }

    public string Path { get; }

    /// <summary>The hashes listed for <paramref name="platform"/> (empty when it has no archive entry).</summary>
    public IReadOnlyList<PackageHash> HashesFor(Platform platform) =>
        _hashesByPlatform.TryGetValue(platform.ToString(), out var hashes) ? hashes : [];

    /// <summary>Reads <paramref name="path"/>; throws TOFU0001 naming the file when it is not such a document.</summary>
    public static MirrorVersionIndex Read(string path)
    {
        var hashes = new Dictionary<string, IReadOnlyList<PackageHash>>();
        try
        {
            using var document = JsonDocument.Parse(File.ReadAllBytes(path));
            if (document.RootElement.ValueKind != JsonValueKind.Object
                || !document.RootElement.TryGetProperty("archives", out var archives) || archives.ValueKind != JsonValueKind.Object)
                throw Invalid(path, "it has no \"archives\" object");
            foreach (var archive in archives.EnumerateObject())
                hashes[archive.Name] = ReadHashes(path, archive);
        }
        catch (JsonException e)
        {
            throw Invalid(path, e.Message);
        }
        return new MirrorVersionIndex(path, hashes);
    }

    private static List<PackageHash> ReadHashes(string path, JsonProperty archive)
    {
        var result = new List<PackageHash>();
        if (archive.Value.ValueKind != JsonValueKind.Object)
            throw Invalid(path, $"archives.{archive.Name} is not an object");
        if (!archive.Value.TryGetProperty("hashes", out var hashes)) return result;
        if (hashes.ValueKind != JsonValueKind.Array)
            throw Invalid(path, $"archives.{archive.Name}.hashes is not an array");
        foreach (var item in hashes.EnumerateArray())
        {
            if (item.ValueKind != JsonValueKind.String || !PackageHash.TryParse(item.GetString()!, out var hash, out _))
                throw Invalid(path, $"archives.{archive.Name}.hashes has an entry that is not a hash ({item.GetRawText()})");
            result.Add(hash);
        }
        return result;
    }

    private static ProviderFailure Invalid(string path, string why) =>
        new(DiagnosticCodes.SyntaxError,
            $"{path} is not a version index as `tofu providers mirror` writes it ({why}); fix or delete it, or mirror again.");
}
