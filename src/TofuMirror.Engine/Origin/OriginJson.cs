using System;
using System.Collections.Generic;
using System.Text.Json;
using TofuMirror.Model.Diagnostics;
using TofuMirror.Model.Hashing;
using TofuMirror.Model.Platforms;

namespace TofuMirror.Engine.Origin;

/// <summary>Reads origin JSON documents strictly enough to name what is wrong, never echoing server text raw.</summary>
internal static class OriginJson
{
    public static JsonDocument Parse(OriginDocument document, string context)
    {
        try
        {
            var json = JsonDocument.Parse(document.Body);
            if (json.RootElement.ValueKind == JsonValueKind.Object) return json;
            json.Dispose();
        }
        catch (JsonException)
        {
        }
        throw Malformed(context, document.Url, "is not a JSON object");
    }

    public static OriginException Malformed(string context, Uri url, string what) =>
        new(DiagnosticCodes.OriginMalformedResponse, $"{context}: {OriginText.Url(url)} {what}");

    public static string? OptionalString(JsonElement element, string name) =>
        element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;

    public static string RequiredString(JsonElement element, string name, string context, Uri url) =>
        OptionalString(element, name) is { Length: > 0 } text ? text : throw Malformed(context, url, $"has no \"{name}\" string");

    /// <summary>A URL from the document, resolved against the document's URL; http(s) only.</summary>
    public static Uri ResolveUrl(string text, Uri documentUrl, string name, string context)
    {
        if (!Uri.TryCreate(documentUrl, text, out var url) || (url.Scheme != Uri.UriSchemeHttps && url.Scheme != Uri.UriSchemeHttp))
            throw Malformed(context, documentUrl, $"has a \"{name}\" that is not an http(s) URL");
        return url;
    }

    public static IReadOnlyList<PackageHash> Hashes(JsonElement array, string context, Uri url)
    {
        var hashes = new List<PackageHash>();
        if (array.ValueKind != JsonValueKind.Array) throw Malformed(context, url, "has hashes that are not a list");
        foreach (var item in array.EnumerateArray())
        {
            try
            {
                hashes.Add(PackageHash.Parse(item.GetString() ?? ""));
            }
            catch (Exception e) when (e is FormatException or ArgumentException or InvalidOperationException)
            {
                throw Malformed(context, url, "has a hash that is not of the form scheme:value");
            }
        }
        return hashes;
    }

    public static Platform ParsePlatform(string text, string context, Uri url)
    {
        try
        {
            return Platform.Parse(text);
        }
        catch (Exception e) when (e is FormatException or ArgumentException)
        {
            throw Malformed(context, url, $"names a platform \"{OriginText.Server(text)}\" that is not OS_ARCH");
        }
    }
}
