using System;
using System.Collections.Concurrent;

namespace TofuMirror.Oci.Auth;

/// <summary>
/// Per-process memory of how each registry authenticates: the scheme and parameters of the last
/// challenge per host, and bearer tokens per host and scope set. Lets later requests send
/// credentials up front instead of paying a 401 round trip each time.
/// </summary>
public sealed class TokenCache
{
    private readonly ConcurrentDictionary<string, AuthChallenge> _challenges = new(StringComparer.OrdinalIgnoreCase);
    private readonly ConcurrentDictionary<(string Host, string Scopes), string> _tokens = new();

    public AuthChallenge? GetChallenge(string host) => _challenges.TryGetValue(host, out var c) ? c : null;

    public void SetChallenge(string host, AuthChallenge challenge) => _challenges[host] = challenge;

    public string? GetToken(string host, string scopeKey)
        => _tokens.TryGetValue((host.ToLowerInvariant(), scopeKey), out var token) ? token : null;

    public void SetToken(string host, string scopeKey, string token) => _tokens[(host.ToLowerInvariant(), scopeKey)] = token;

    public void RemoveToken(string host, string scopeKey, string token)
        => _tokens.TryRemove(new System.Collections.Generic.KeyValuePair<(string, string), string>((host.ToLowerInvariant(), scopeKey), token));
}
