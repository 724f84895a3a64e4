using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Text.RegularExpressions;
using TofuMirror.Model.Addresses;
using TofuMirror.Model.Versions;

namespace TofuMirror.Engine.Provenance;

/// <summary>The rules the evidence's annotation values follow, shared by the writer (which never writes what the reader refuses) and the reader.</summary>
internal static partial class EvidenceFields
{
    /// <summary>A long key ID (16 hex digits) or a v4/v6 fingerprint (40 or 64), upper case.</summary>
    [GeneratedRegex("^(?:[0-9A-F]{16}|[0-9A-F]{40}|[0-9A-F]{64})$", RegexOptions.CultureInvariant)]
    private static partial Regex KeyIdPattern();

    [GeneratedRegex(@"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(?:\.\d{1,9})?(?:Z|[+-]\d{2}:\d{2})$", RegexOptions.CultureInvariant)]
    private static partial Regex Rfc3339Pattern();

    /// <summary>The canonical provider address, or an error.</summary>
    public static string? ProviderError(string provider)
        => ProviderAddress.TryParse(provider, out var address, out var error)
            ? address.IsNormalizedForm(provider) ? null : $"provider address \"{provider}\" is not in its normal form \"{address}\""
            : $"provider address \"{provider}\" is invalid ({error})";

    public static string? VersionError(string version)
        => ProviderVersion.IsCanonical(version) ? null : $"version \"{version}\" is not a canonical provider version";

    public static string? OriginError(string origin)
        => Uri.TryCreate(origin, UriKind.Absolute, out var uri) && (uri.Scheme == Uri.UriSchemeHttps || uri.Scheme == Uri.UriSchemeHttp)
            ? null : $"origin URL \"{origin}\" is not an absolute http(s) URL";

    public static string? KeyIdsError(IReadOnlyList<string> keyIds)
    {
        if (keyIds.Count == 0) return "no key ID is given";
        var bad = keyIds.FirstOrDefault(k => !KeyIdPattern().IsMatch(k));
        return bad is null ? null : $"key ID \"{bad}\" is not 16, 40 or 64 upper-case hex digits";
    }

    public static string FormatKeyIds(IReadOnlyList<string> keyIds) => string.Join(",", keyIds);

    public static IReadOnlyList<string> ParseKeyIds(string text) => text.Split(',');

    /// <summary>RFC 3339 in UTC to the second: <c>2026-12-03T12:00:00Z</c>.</summary>
    public static string FormatTime(DateTimeOffset time) => time.ToUniversalTime().ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);

    public static DateTimeOffset? ParseTime(string text)
        => Rfc3339Pattern().IsMatch(text) && DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var time) ? time : null;
}
