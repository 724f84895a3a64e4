using System;
using System.Collections.Generic;
using System.Linq;

namespace TofuMirror.Oci.Auth;

/// <summary>Token scopes <c>type:name:actions</c> (e.g. <c>repository:foo/bar:pull,push</c>).</summary>
public static class Scopes
{
    /// <summary>
    /// Merges scopes: actions of the same <c>type:name</c> are united and sorted (<c>*</c> absorbs
    /// all), and the result is sorted, so equal needs give equal cache keys.
    /// </summary>
    public static IReadOnlyList<string> Merge(IEnumerable<string> scopes)
    {
        var byResource = new SortedDictionary<string, SortedSet<string>>(StringComparer.Ordinal);
        var opaque = new SortedSet<string>(StringComparer.Ordinal);
        foreach (var scope in scopes)
        {
            if (string.IsNullOrWhiteSpace(scope)) continue;
            var first = scope.IndexOf(':');
            var last = scope.LastIndexOf(':');
            if (first < 0 || last == first)
            {
                opaque.Add(scope);
                continue;
            }

            var resource = scope.Substring(0, last);
            if (!byResource.TryGetValue(resource, out var actions))
            {
                actions = new SortedSet<string>(StringComparer.Ordinal);
                byResource[resource] = actions;
            }

            foreach (var action in scope.Substring(last + 1).Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
            {
                actions.Add(action);
            }
        }

        var result = new List<string>();
        foreach (var (resource, actions) in byResource)
        {
            var list = actions.Contains("*") ? "*" : string.Join(",", actions);
            result.Add(resource + ":" + list);
        }

        result.AddRange(opaque);
        return result.OrderBy(s => s, StringComparer.Ordinal).ToList();
    }

    /// <summary>A cache key for a set of merged scopes.</summary>
    public static string Key(IReadOnlyList<string> merged) => string.Join(" ", merged);
}
