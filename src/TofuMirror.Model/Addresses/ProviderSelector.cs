using System;
using System.Collections.Generic;
using System.Linq;

namespace TofuMirror.Model.Addresses;

/// <summary>
/// The include/exclude filter of one installation method: it handles a provider when no exclude pattern
/// matches and either there are no include patterns (an empty list counts as none) or one of them matches.
/// </summary>
public sealed class ProviderSelector
{
    /// <summary>A selector that handles every provider.</summary>
    public static ProviderSelector All { get; } = new(Array.Empty<ProviderPattern>(), Array.Empty<ProviderPattern>());

    /// <summary>Creates a selector from parsed patterns.</summary>
    public ProviderSelector(IEnumerable<ProviderPattern>? include, IEnumerable<ProviderPattern>? exclude)
    {
        Include = (include ?? Enumerable.Empty<ProviderPattern>()).ToArray();
        Exclude = (exclude ?? Enumerable.Empty<ProviderPattern>()).ToArray();
    }

    /// <summary>The include patterns; empty means "everything".</summary>
    public IReadOnlyList<ProviderPattern> Include { get; }

    /// <summary>The exclude patterns.</summary>
    public IReadOnlyList<ProviderPattern> Exclude { get; }

    /// <summary>True when the method with this filter may handle the provider.</summary>
    public bool Handles(ProviderAddress address)
    {
        if (Exclude.Any(p => p.Matches(address))) return false;
        return Include.Count == 0 || Include.Any(p => p.Matches(address));
    }

    /// <summary>
    /// Parses include and exclude pattern strings. Returns false with the first pattern error (OpenTofu's
    /// message) when one is invalid.
    /// </summary>
    public static bool TryParse(IEnumerable<string>? include, IEnumerable<string>? exclude, out ProviderSelector selector, out string error)
    {
        selector = All;
        var includes = new List<ProviderPattern>();
        var excludes = new List<ProviderPattern>();
        foreach (var (source, target) in new[] { (include, includes), (exclude, excludes) })
        {
            foreach (var text in source ?? Enumerable.Empty<string>())
            {
                if (!ProviderPattern.TryParse(text, out var pattern, out error)) return false;
                target.Add(pattern);
            }
        }
        selector = new ProviderSelector(includes, excludes);
        error = string.Empty;
        return true;
    }
}
