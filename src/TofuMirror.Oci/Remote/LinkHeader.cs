using System;
using System.Collections.Generic;
using System.Net.Http;

namespace TofuMirror.Oci.Remote;

/// <summary>The <c>rel="next"</c> target of an RFC 8288 <c>Link</c> header.</summary>
public static class LinkHeader
{
    /// <summary>The next-page URL of <paramref name="response"/>, resolved against <paramref name="requestUri"/>; null on the last page.</summary>
    public static Uri? Next(HttpResponseMessage response, Uri requestUri)
    {
        if (!response.Headers.NonValidated.TryGetValues("Link", out var values)) return null;
        foreach (var value in values)
        {
            var next = NextIn(value);
            if (next is not null) return new Uri(requestUri, next);
        }

        return null;
    }

    /// <summary>The raw URL of the <c>rel="next"</c> link in one header value.</summary>
    public static string? NextIn(string header)
    {
        foreach (var link in SplitLinks(header))
        {
            var open = link.IndexOf('<');
            var close = link.IndexOf('>', open + 1);
            if (open < 0 || close < 0) continue;
            var target = link.Substring(open + 1, close - open - 1).Trim();
            foreach (var param in link.Substring(close + 1).Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
            {
                var eq = param.IndexOf('=');
                if (eq < 0) continue;
                var name = param.Substring(0, eq).Trim();
                var rels = param.Substring(eq + 1).Trim().Trim('"').Split(' ', StringSplitOptions.RemoveEmptyEntries);
                if (string.Equals(name, "rel", StringComparison.OrdinalIgnoreCase)
                    && Array.Exists(rels, r => string.Equals(r, "next", StringComparison.OrdinalIgnoreCase)))
                {
                    return target;
                }
            }
        }

        return null;
    }

    // Links are separated by commas outside <...> and quotes.
    private static IEnumerable<string> SplitLinks(string header)
    {
        var start = 0;
        var inAngle = false;
        var inQuote = false;
        for (var i = 0; i < header.Length; i++)
        {
            var c = header[i];
            if (c == '<' && !inQuote) inAngle = true;
            else if (c == '>' && !inQuote) inAngle = false;
            else if (c == '"' && !inAngle) inQuote = !inQuote;
            else if (c == ',' && !inAngle && !inQuote)
            {
                yield return header.Substring(start, i - start);
                start = i + 1;
            }
        }

        yield return header.Substring(start);
    }
}
