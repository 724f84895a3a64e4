using System;
using System.Collections.Concurrent;
using System.Collections.Generic;

namespace TofuMirror.Oci.Auth;

/// <summary>
/// Per-process memory of how each registry authenticates: the scheme and parameters of the last
/// challenge per host, and bearer tokens per host and scope set with their expiry. Lets later
/// requests send credentials up front instead of paying a 401 round trip each time; a token is
/// handed out only while it has some life left, so it is refreshed before the registry refuses it.
/// </summary>
public sealed class TokenCache
{
    /// <summary>The lifetime of a token whose response has no <c>expires_in</c> (the distribution token spec's default).</summary>
    public static readonly TimeSpan DefaultLifetime = TimeSpan.FromSeconds(60);

    // A token is given up this long before it expires (at most half its life), so requests in flight do not carry a dead token.
    private static readonly TimeSpan RefreshMargin = TimeSpan.FromSeconds(10);

    private readonly ConcurrentDictionary<string, AuthChallenge> _challenges = new(StringComparer.OrdinalIgnoreCase);
    private readonly ConcurrentDictionary<(string Host, string Scopes), CachedToken> _tokens = new();
    private readonly TimeProvider _clock;

    public TokenCache(TimeProvider? clock = null) => _clock = clock ?? TimeProvider.System;

    public AuthChallenge? GetChallenge(string host) => _challenges.TryGetValue(host, out var c) ? c : null;

    public void SetChallenge(string host, AuthChallenge challenge) => _challenges[host] = challenge;

    /// <summary>The token for a host and scope set, unless it is missing or about to expire.</summary>
    public string? GetToken(string host, string scopeKey)
        => _tokens.TryGetValue((host.ToLowerInvariant(), scopeKey), out var token) && _clock.GetUtcNow() < token.RefreshAt ? token.Value : null;

    /// <summary>True when a token for the host and scope set was cached, even one that is about to expire.</summary>
    public bool HasToken(string host, string scopeKey) => _tokens.ContainsKey((host.ToLowerInvariant(), scopeKey));

    /// <summary>Remembers a token that lives <paramref name="lifetime"/> from now (<see cref="DefaultLifetime"/> when null or not positive).</summary>
    public void SetToken(string host, string scopeKey, string token, TimeSpan? lifetime = null)
    {
        var life = lifetime is { } l && l > TimeSpan.Zero ? l : DefaultLifetime;
        var margin = life / 2 < RefreshMargin ? life / 2 : RefreshMargin;
        _tokens[(host.ToLowerInvariant(), scopeKey)] = new CachedToken(token, _clock.GetUtcNow() + life - margin);
    }

    /// <summary>Forgets <paramref name="token"/> (the registry refused it), unless another has replaced it meanwhile.</summary>
    public void RemoveToken(string host, string scopeKey, string token)
    {
        var key = (host.ToLowerInvariant(), scopeKey);
        if (_tokens.TryGetValue(key, out var cached) && cached.Value == token)
            _tokens.TryRemove(new KeyValuePair<(string, string), CachedToken>(key, cached));
    }

    private sealed record CachedToken(string Value, DateTimeOffset RefreshAt);
}
