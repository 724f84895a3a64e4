using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Net;
using System.Net.Http;
using System.Net.Http.Headers;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using TofuMirror.Oci.Transport;

namespace TofuMirror.Oci.Auth;

/// <summary>
/// The registry auth handshake (the Docker/OCI token flow as ORAS does it). A request goes out
/// with what is cached for its host and scopes, if anything; on 401 the <c>WWW-Authenticate</c>
/// challenges are offered to the <see cref="IAuthChallengeHandler"/>s in order of preference
/// (Bearer, then Basic) and the request is sent once more with the first answer. Credentials only
/// go to the registry named in the request's <see cref="OciRequestContext"/> (and to a token
/// realm the <see cref="RealmValidator"/> accepts).
/// </summary>
public sealed class AuthHandler : DelegatingHandler
{
    /// <summary>The OAuth2 client id sent with refresh-token grants.</summary>
    public const string ClientId = "tofumirror";

    private readonly OciClientOptions _options;
    private readonly ICredentialProvider _credentials;
    private readonly TokenCache _cache;
    private readonly IReadOnlyList<IAuthChallengeHandler> _handlers;
    private readonly ConcurrentDictionary<(string, string), Task<OciCredential>> _credentialCache = new();

    public AuthHandler(OciClientOptions options, TokenCache? cache = null, ILogger? logger = null)
    {
        _options = options ?? throw new ArgumentNullException(nameof(options));
        _credentials = options.Credentials ?? new StaticCredentialProvider();
        _cache = cache ?? new TokenCache(options.Clock);
        var tokens = new TokenService((request, cancellationToken) => base.SendAsync(request, cancellationToken), logger ?? NullLogger.Instance);
        _handlers = new IAuthChallengeHandler[]
        {
            new BearerChallengeHandler(_cache, new RealmValidator(options), tokens),
            new BasicChallengeHandler(),
        };
    }

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var context = OciRequestContext.Of(request);
        var origin = context is null ? null : RegistryOrigin(context);
        if (context is null || !HostNames.SameOrigin(origin!, request.RequestUri!))
        {
            // Not a request to the registry's own scheme, host and port: never attach credentials.
            return await base.SendAsync(request, cancellationToken).ConfigureAwait(false);
        }

        var challengeContext = new ChallengeContext(context, ct => GetCredentialAsync(context, ct));
        var sent = await AttachCachedAsync(request, challengeContext, cancellationToken).ConfigureAwait(false);
        var response = await base.SendAsync(request, cancellationToken).ConfigureAwait(false);
        if (response.StatusCode != HttpStatusCode.Unauthorized) return response;

        // A redirect target (storage, a CDN) asking for credentials gets none: its realm is not the registry's to name.
        var answeredBy = response.RequestMessage?.RequestUri ?? request.RequestUri!;
        if (!HostNames.SameOrigin(answeredBy, origin!))
        {
            response.Dispose();
            throw new OciUnauthorizedException(
                $"{HostNames.AuthorityOf(answeredBy)}, where {context.Registry} redirected the request, answered 401 Unauthorized; "
                + $"the credentials for {context.Registry} are not sent to another host or to a token service it names")
            {
                Registry = context.Registry,
                Repository = context.Repository,
                StatusCode = HttpStatusCode.Unauthorized,
            };
        }

        var (handler, challenge) = Choose(ReadChallenges(response));
        if (handler is null || !RetryHandler.IsResendable(request.Content)) return response;
        var header = await handler.AnswerAsync(challengeContext, challenge!, sent, cancellationToken).ConfigureAwait(false);
        if (header is null) return response;

        _cache.SetChallenge(context.Registry, challenge!);
        response.Dispose();
        request.Headers.Authorization = header;
        return await base.SendAsync(request, cancellationToken).ConfigureAwait(false);
    }

    private Uri RegistryOrigin(OciRequestContext context) => new($"{_options.SchemeFor(context.Registry)}://{context.Registry}/");

    /// <summary>Adds what is already known to work for this registry; returns what was sent, if anything.</summary>
    private async Task<AuthenticationHeaderValue?> AttachCachedAsync(HttpRequestMessage request, ChallengeContext context, CancellationToken cancellationToken)
    {
        var known = _cache.GetChallenge(context.Request.Registry);
        var handler = known is null ? null : HandlerFor(known.Scheme);
        if (handler is null) return null;
        var header = await handler.ReuseAsync(context, known!, cancellationToken).ConfigureAwait(false);
        if (header is not null) request.Headers.Authorization = header;
        return header;
    }

    private (IAuthChallengeHandler? Handler, AuthChallenge? Challenge) Choose(IReadOnlyList<AuthChallenge> challenges)
    {
        foreach (var handler in _handlers)
        {
            foreach (var challenge in challenges)
            {
                if (string.Equals(challenge.Scheme, handler.Scheme, StringComparison.OrdinalIgnoreCase)) return (handler, challenge);
            }
        }

        return (null, null);
    }

    private IAuthChallengeHandler? HandlerFor(string scheme)
    {
        foreach (var handler in _handlers)
        {
            if (string.Equals(handler.Scheme, scheme, StringComparison.OrdinalIgnoreCase)) return handler;
        }

        return null;
    }

    /// <summary>The repository's credentials, looked up once per run; a lookup that failed or was cancelled is not kept.</summary>
    private async Task<OciCredential> GetCredentialAsync(OciRequestContext context, CancellationToken cancellationToken)
    {
        var key = (context.Registry, context.Repository);
        while (true)
        {
            var lookup = _credentialCache.GetOrAdd(key, _ => _credentials.GetCredentialAsync(context.Registry, context.Repository, cancellationToken));
            try
            {
                return await lookup.WaitAsync(cancellationToken).ConfigureAwait(false);
            }
            catch (Exception) when (lookup.IsFaulted || lookup.IsCanceled)
            {
                _credentialCache.TryRemove(new KeyValuePair<(string, string), Task<OciCredential>>(key, lookup));
                // Another caller's cancellation ended the shared lookup: look up again for this one.
                if (lookup.IsCanceled && !cancellationToken.IsCancellationRequested) continue;
                throw;
            }
        }
    }

    private static IReadOnlyList<AuthChallenge> ReadChallenges(HttpResponseMessage response)
    {
        var all = new List<AuthChallenge>();
        if (response.Headers.NonValidated.TryGetValues("WWW-Authenticate", out var values))
        {
            foreach (var value in values) all.AddRange(AuthChallenge.Parse(value));
        }

        return all;
    }
}
