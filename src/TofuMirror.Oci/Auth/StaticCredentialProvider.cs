using System;
using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;

namespace TofuMirror.Oci.Auth;

/// <summary>
/// Fixed credentials keyed by <c>host[:port]</c> or <c>host[:port]/repository/prefix</c>. The most
/// specific key wins; a prefix matches whole path segments (<c>foo</c> matches <c>foo/bar</c>, not
/// <c>foobar</c>); hosts compare exactly, port included.
/// </summary>
public sealed class StaticCredentialProvider : ICredentialProvider
{
    private readonly List<(string Registry, string[] Prefix, OciCredential Credential)> _entries = new();

    public StaticCredentialProvider()
    {
    }

    /// <summary>One credential for one key.</summary>
    public StaticCredentialProvider(string key, OciCredential credential) => Add(key, credential);

    /// <summary>Adds a credential for <paramref name="key"/>; returns this for chaining.</summary>
    public StaticCredentialProvider Add(string key, OciCredential credential)
    {
        ArgumentException.ThrowIfNullOrEmpty(key);
        ArgumentNullException.ThrowIfNull(credential);
        var slash = key.IndexOf('/');
        var registry = slash < 0 ? key : key.Substring(0, slash);
        var prefix = slash < 0 ? Array.Empty<string>() : key.Substring(slash + 1).Split('/', StringSplitOptions.RemoveEmptyEntries);
        _entries.Add((registry, prefix, credential));
        return this;
    }

    public Task<OciCredential> GetCredentialAsync(string registry, string repository, CancellationToken cancellationToken)
    {
        var segments = repository.Split('/', StringSplitOptions.RemoveEmptyEntries);
        OciCredential? best = null;
        var bestScore = -1;
        foreach (var (entryRegistry, prefix, credential) in _entries)
        {
            if (!string.Equals(entryRegistry, registry, StringComparison.Ordinal) || !IsPrefix(prefix, segments)) continue;
            if (prefix.Length > bestScore)
            {
                best = credential;
                bestScore = prefix.Length;
            }
        }

        return Task.FromResult(best ?? OciCredential.None);
    }

    private static bool IsPrefix(string[] prefix, string[] segments)
    {
        if (prefix.Length > segments.Length) return false;
        for (var i = 0; i < prefix.Length; i++)
        {
            if (!string.Equals(prefix[i], segments[i], StringComparison.Ordinal)) return false;
        }

        return true;
    }
}
