using System;
using System.Collections.Generic;
using System.Text;
using System.Text.Json;

namespace TofuMirror.Oci.Remote;

/// <summary>The OCI error body <c>{"errors":[{"code","message","detail"}]}</c>.</summary>
internal static class OciErrorBody
{
    /// <summary>The codes and a one-line summary (<c>CODE: message; ...</c>) of an error body; empty when it is not one.</summary>
    public static (IReadOnlyList<string> Codes, string Summary) Parse(byte[] body)
    {
        var codes = new List<string>();
        var summary = new StringBuilder();
        try
        {
            using var doc = JsonDocument.Parse(body);
            if (doc.RootElement.ValueKind == JsonValueKind.Object
                && doc.RootElement.TryGetProperty("errors", out var errors) && errors.ValueKind == JsonValueKind.Array)
            {
                foreach (var e in errors.EnumerateArray())
                {
                    if (e.ValueKind != JsonValueKind.Object) continue;
                    var code = e.TryGetProperty("code", out var c) && c.ValueKind == JsonValueKind.String ? c.GetString() : null;
                    var message = e.TryGetProperty("message", out var m) && m.ValueKind == JsonValueKind.String ? m.GetString() : null;
                    if (code is not null) codes.Add(code);
                    if (summary.Length > 0) summary.Append("; ");
                    summary.Append(code ?? "ERROR");
                    if (!string.IsNullOrEmpty(message)) summary.Append(": ").Append(message);
                }
            }
        }
        catch (JsonException)
        {
            // Not an OCI error body (HTML from a proxy, empty, ...): no codes.
        }

        var text = summary.ToString();
        return (codes, text.Length > 300 ? text.Substring(0, 300) + "…" : text);
    }

    public static bool IsNotFoundCode(string code)
        => code is "NAME_UNKNOWN" or "MANIFEST_UNKNOWN" or "BLOB_UNKNOWN" or "BLOB_UPLOAD_UNKNOWN" or "NAME_INVALID";

    public static bool IsUnauthorizedCode(string code) => code is "UNAUTHORIZED" or "DENIED";

    public static bool Contains(IReadOnlyList<string> codes, Func<string, bool> predicate)
    {
        foreach (var c in codes)
        {
            if (predicate(c)) return true;
        }

        return false;
    }
}
