using System;
using System.Collections.Generic;
using System.Text.Json;
using System.Text.RegularExpressions;
using TofuMirror.Model.Addresses;
using TofuMirror.Model.Platforms;
using TofuMirror.Model.Versions;

namespace TofuMirror.Engine.Origin;

/// <summary>Reads a registry's <c>…/download/OS/ARCH</c> answer into an <see cref="OriginPackage"/>.</summary>
internal static class RegistryDownloadMetadata
{
    private static readonly Regex Sha256Hex = new("^[0-9a-f]{64}$", RegexOptions.CultureInvariant);

    public static OriginPackage Read(JsonElement root, ProviderAddress provider, ProviderVersion version, Platform platform, Uri url, string context)
    {
        var os = OriginJson.OptionalString(root, "os");
        var arch = OriginJson.OptionalString(root, "arch");
        if (os != platform.Os || arch != platform.Arch)
            throw OriginJson.Malformed(context, url, $"describes the package for {OriginText.Server(os ?? "?")}_{OriginText.Server(arch ?? "?")} instead of {platform}");
        var filename = OriginJson.RequiredString(root, "filename", context, url);
        if (filename.IndexOfAny(new[] { '/', '\\' }) >= 0 || filename is "." or "..")
            throw OriginJson.Malformed(context, url, "has a \"filename\" that is not a plain file name");
        var downloadUrl = OriginJson.ResolveUrl(OriginJson.RequiredString(root, "download_url", context, url), url, "download_url", context);
        var shasum = OriginJson.RequiredString(root, "shasum", context, url).ToLowerInvariant();
        if (!Sha256Hex.IsMatch(shasum)) throw OriginJson.Malformed(context, url, "has a \"shasum\" that is not 64 hexadecimal digits");

        OriginSignature? signature = null;
        var shasumsUrl = OriginJson.OptionalString(root, "shasums_url");
        var signatureUrl = OriginJson.OptionalString(root, "shasums_signature_url");
        if (!string.IsNullOrEmpty(shasumsUrl) && !string.IsNullOrEmpty(signatureUrl))
        {
            signature = new OriginSignature(
                OriginJson.ResolveUrl(shasumsUrl!, url, "shasums_url", context),
                OriginJson.ResolveUrl(signatureUrl!, url, "shasums_signature_url", context),
                ArmoredKeys(root, context, url));
        }

        var reported = Packages(root, context, url);
        var size = reported.TryGetValue(platform, out var own) ? own.PackageSize : null;
        return new OriginPackage(provider, version, platform, filename, downloadUrl, shasum, size, reported, signature);
    }

    private static IReadOnlyList<string> ArmoredKeys(JsonElement root, string context, Uri url)
    {
        var keys = new List<string>();
        if (!root.TryGetProperty("signing_keys", out var signing) || signing.ValueKind != JsonValueKind.Object) return keys;
        if (!signing.TryGetProperty("gpg_public_keys", out var list)) return keys;
        if (list.ValueKind != JsonValueKind.Array) throw OriginJson.Malformed(context, url, "has \"gpg_public_keys\" that is not a list");
        foreach (var key in list.EnumerateArray())
        {
            if (OriginJson.OptionalString(key, "ascii_armor") is { Length: > 0 } armor) keys.Add(armor);
        }
        return keys;
    }

    /// <summary>OpenTofu 1.12's <c>packages</c> map; when present it must cover the requested platform (its size is the package's).</summary>
    private static IReadOnlyDictionary<Platform, OriginPlatformHashes> Packages(JsonElement root, string context, Uri url)
    {
        var result = new Dictionary<Platform, OriginPlatformHashes>();
        if (!root.TryGetProperty("packages", out var packages) || packages.ValueKind == JsonValueKind.Null) return result;
        if (packages.ValueKind != JsonValueKind.Object) throw OriginJson.Malformed(context, url, "has \"packages\" that is not an object");
        foreach (var entry in packages.EnumerateObject())
        {
            var platform = OriginJson.ParsePlatform(entry.Name, context, url);
            if (entry.Value.ValueKind != JsonValueKind.Object) throw OriginJson.Malformed(context, url, $"has a \"packages\" entry for {platform} that is not an object");
            var hashes = entry.Value.TryGetProperty("hashes", out var list) ? OriginJson.Hashes(list, context, url) : Array.Empty<Model.Hashing.PackageHash>();
            long? packageSize = entry.Value.TryGetProperty("package_size", out var s) && s.ValueKind == JsonValueKind.Number && s.TryGetInt64(out var n) ? n : null;
            result[platform] = new OriginPlatformHashes(hashes, packageSize);
        }
        return result;
    }
}
