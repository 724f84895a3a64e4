using System;
using System.Collections.Generic;

namespace TofuMirror.Engine.Zip;

/// <summary>
/// Refuses entry names (and the folders they create) that differ only in letter case: on a case-insensitive file
/// system (Windows, macOS) they are one file, so what lands on disk, and its <c>h1:</c>, would depend on where the
/// package is extracted. Exactly repeated names are left alone: the last entry wins, as in OpenTofu's extraction.
/// </summary>
internal sealed class CaseCollisionGuard
{
    private readonly Dictionary<string, string> _spellings = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>Records <paramref name="name"/> (normalised, <c>/</c>-separated) or throws when it collides.</summary>
    public void Add(string entryName, string name)
    {
        var path = name.TrimEnd('/');
        if (path == ".") return;
        for (var slash = path.IndexOf('/'); ; slash = path.IndexOf('/', slash + 1))
        {
            var prefix = slash < 0 ? path : path.Substring(0, slash);
            if (!_spellings.TryGetValue(prefix, out var seen)) _spellings.Add(prefix, prefix);
            else if (!string.Equals(seen, prefix, StringComparison.Ordinal))
                throw new UnsafeZipEntryException(entryName,
                    $"\"{prefix}\" differs from \"{seen}\" only in letter case, and both would be one file on a case-insensitive file system");
            if (slash < 0) return;
        }
    }
}
