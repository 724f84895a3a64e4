using System;
using System.Collections.Generic;
using System.Linq;
using System.Net.Http.Headers;
using System.Threading;
using System.Threading.Tasks;
using TofuMirror.Oci.Transport;

namespace TofuMirror.Oci.Auth;

/// <summary>
/// <c>Bearer</c>: a token from the challenge's realm for the request's scopes merged with the
/// challenge's, cached per host and scope set until shortly before it expires. A static access
/// token from the credentials is sent as it is.
/// </summary>
public sealed class BearerChallengeHandler : IAuthChallengeHandler
{
    private readonly TokenCache _cache;
    private readonly RealmValidator _realms;
    private readonly TokenService _tokens;

    internal BearerChallengeHandler(TokenCache cache, RealmValidator realms, TokenService tokens)
    {
        _cache = cache;
        _realms = realms;
        _tokens = tokens;
    }

    public string Scheme => "Bearer";

    /// <summary>The cached token for the request's scopes; one about to expire is replaced from the known realm first.</summary>
    public async Task<AuthenticationHeaderValue?> ReuseAsync(ChallengeContext context, AuthChallenge known, CancellationToken cancellationToken)
    {
        var request = context.Request;
        var scopes = Scopes.Merge(request.Scopes.Concat(known.Scopes.Where(s => IsSameResource(s, request))));
        var key = Scopes.Key(scopes);
        var token = _cache.GetToken(request.Registry, key) ?? _cache.GetToken(request.Registry, Scopes.Key(Scopes.Merge(request.Scopes)));
        if (token is null && _cache.HasToken(request.Registry, key))
            token = await FetchAsync(context, known, scopes, key, cancellationToken).ConfigureAwait(false);
        return token is null ? null : new AuthenticationHeaderValue("Bearer", token);
    }

    public async Task<AuthenticationHeaderValue?> AnswerAsync(ChallengeContext context, AuthChallenge challenge, AuthenticationHeaderValue? refused, CancellationToken cancellationToken)
    {
        var request = context.Request;
        var scopes = Scopes.Merge(request.Scopes.Concat(challenge.Scopes));
        var key = Scopes.Key(scopes);
        if (refused is { Scheme: "Bearer", Parameter: { } stale }) _cache.RemoveToken(request.Registry, key, stale);
        return new AuthenticationHeaderValue("Bearer", await FetchAsync(context, challenge, scopes, key, cancellationToken).ConfigureAwait(false));
    }

    private async Task<string> FetchAsync(ChallengeContext context, AuthChallenge challenge, IReadOnlyList<string> scopes, string key, CancellationToken cancellationToken)
    {
        var request = context.Request;
        var credential = await context.GetCredentialAsync(cancellationToken).ConfigureAwait(false);
        var token = credential.AccessToken is { Length: > 0 } staticToken
            ? new BearerToken(staticToken, null)
            : await _tokens.FetchAsync(_realms.Validate(challenge.Realm, request), challenge.Service, scopes, credential, request, cancellationToken).ConfigureAwait(false);
        _cache.SetToken(request.Registry, key, token.Value, token.Lifetime);
        return token.Value;
    }

    // A cached challenge scope is only reused for the repository it was issued for.
    private static bool IsSameResource(string scope, OciRequestContext context)
        => scope.StartsWith("repository:" + context.Repository + ":", StringComparison.Ordinal);
}
