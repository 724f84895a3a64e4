using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Linq;
using System.Net;
using System.Net.Http;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using TofuMirror.Oci.Transport;

namespace TofuMirror.Oci.Auth;

/// <summary>
/// The registry auth handshake (the Docker/OCI token flow as ORAS does it). A request goes out
/// with cached credentials for its host and scopes if there are any; on 401 the
/// <c>WWW-Authenticate</c> challenge decides: Basic with the registry's username/password, or a
/// Bearer token fetched from the realm (GET with Basic credentials or anonymously, or an OAuth2
/// refresh-token POST), then the request is sent once more. Credentials only go to the exact
/// <c>host[:port]</c> named in the request's <see cref="OciRequestContext"/>, and a realm must be
/// HTTPS (plain HTTP only for hosts allowed by <see cref="OciClientOptions.AllowsPlainHttp"/>).
/// </summary>
public sealed class AuthHandler : DelegatingHandler
{
    /// <summary>The OAuth2 client id sent with refresh-token grants.</summary>
    public const string ClientId = "tofumirror";

    private readonly OciClientOptions _options;
    private readonly ICredentialProvider _credentials;
    private readonly TokenCache _cache;
    private readonly ILogger _logger;
    private readonly ConcurrentDictionary<(string, string), Task<OciCredential>> _credentialCache = new();

    public AuthHandler(OciClientOptions options, TokenCache? cache = null, ILogger? logger = null)
    {
        _options = options ?? throw new ArgumentNullException(nameof(options));
        _credentials = options.Credentials ?? new StaticCredentialProvider();
        _cache = cache ?? new TokenCache();
        _logger = logger ?? NullLogger.Instance;
    }

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var context = OciRequestContext.Of(request);
        var host = HostNames.AuthorityOf(request.RequestUri!);
        if (context is null || !string.Equals(context.Registry, host, StringComparison.OrdinalIgnoreCase))
        {
            // Not a registry request we know the owner of: never attach credentials.
            return await base.SendAsync(request, cancellationToken).ConfigureAwait(false);
        }

        var sentToken = await AttachCachedAsync(request, context, host, cancellationToken).ConfigureAwait(false);
        var response = await base.SendAsync(request, cancellationToken).ConfigureAwait(false);
        if (response.StatusCode != HttpStatusCode.Unauthorized) return response;

        var challenges = ReadChallenges(response);
        var challenge = challenges.FirstOrDefault(c => c.IsBearer) ?? challenges.FirstOrDefault(c => c.IsBasic);
        if (challenge is null || !RetryHandler.IsResendable(request.Content)) return response;

        var credential = await GetCredentialAsync(context, cancellationToken).ConfigureAwait(false);
        AuthenticationHeaderValue header;
        if (challenge.IsBasic)
        {
            if (credential.Kind != OciCredentialKind.UsernamePassword) return response;
            header = BasicHeader(credential);
        }
        else
        {
            var scopes = Scopes.Merge(context.Scopes.Concat(challenge.Scopes));
            var key = Scopes.Key(scopes);
            if (sentToken is not null) _cache.RemoveToken(host, key, sentToken);
            var token = await FetchTokenAsync(challenge, scopes, credential, context, cancellationToken).ConfigureAwait(false);
            _cache.SetToken(host, key, token);
            header = new AuthenticationHeaderValue("Bearer", token);
        }

        _cache.SetChallenge(host, challenge);
        response.Dispose();
        request.Headers.Authorization = header;
        return await base.SendAsync(request, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Adds what is already known to work for this host; returns the bearer token sent, if one was.</summary>
    private async Task<string?> AttachCachedAsync(HttpRequestMessage request, OciRequestContext context, string host, CancellationToken cancellationToken)
    {
        var known = _cache.GetChallenge(host);
        if (known is null) return null;
        if (known.IsBasic)
        {
            var credential = await GetCredentialAsync(context, cancellationToken).ConfigureAwait(false);
            if (credential.Kind == OciCredentialKind.UsernamePassword) request.Headers.Authorization = BasicHeader(credential);
            return null;
        }

        var token = _cache.GetToken(host, Scopes.Key(Scopes.Merge(context.Scopes.Concat(known.Scopes.Where(s => IsSameResource(s, context))))));
        token ??= _cache.GetToken(host, Scopes.Key(Scopes.Merge(context.Scopes)));
        if (token is not null) request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return token;
    }

    // A cached challenge scope is only reused for the repository it was issued for.
    private static bool IsSameResource(string scope, OciRequestContext context)
        => scope.StartsWith("repository:" + context.Repository + ":", StringComparison.Ordinal);

    private Task<OciCredential> GetCredentialAsync(OciRequestContext context, CancellationToken cancellationToken)
        => _credentialCache.GetOrAdd((context.Registry, context.Repository),
            _ => _credentials.GetCredentialAsync(context.Registry, context.Repository, cancellationToken));

    private static IReadOnlyList<AuthChallenge> ReadChallenges(HttpResponseMessage response)
    {
        var all = new List<AuthChallenge>();
        if (response.Headers.NonValidated.TryGetValues("WWW-Authenticate", out var values))
        {
            foreach (var value in values) all.AddRange(AuthChallenge.Parse(value));
        }

        return all;
    }

    private static AuthenticationHeaderValue BasicHeader(OciCredential credential)
        => new("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes(credential.Username + ":" + credential.Password)));

    private async Task<string> FetchTokenAsync(
        AuthChallenge challenge, IReadOnlyList<string> scopes, OciCredential credential, OciRequestContext context, CancellationToken cancellationToken)
    {
        if (credential.AccessToken is { Length: > 0 } staticToken) return staticToken;

        var realm = ValidateRealm(challenge.Realm, context);
        using var request = credential.RefreshToken is { Length: > 0 } refresh
            ? RefreshTokenRequest(realm, challenge.Service, scopes, refresh)
            : GetTokenRequest(realm, challenge.Service, scopes, credential);
        _logger.LogDebug("fetching token from {Realm} for {Scopes}", realm.GetLeftPart(UriPartial.Path), string.Join(" ", scopes));
        using var response = await base.SendAsync(request, cancellationToken).ConfigureAwait(false);
        if (!response.IsSuccessStatusCode)
        {
            var what = response.StatusCode is HttpStatusCode.Unauthorized or HttpStatusCode.Forbidden
                ? "the credentials were refused; check the username/password or token configured for this registry"
                : "the token service failed";
            throw new OciUnauthorizedException(
                $"token request to {HostNames.AuthorityOf(realm)} for {context.Registry}/{context.Repository} ({string.Join(" ", scopes)}) answered {(int)response.StatusCode}: {what}")
            {
                Registry = context.Registry,
                Repository = context.Repository,
                StatusCode = response.StatusCode,
            };
        }

        var body = await response.Content.ReadAsByteArrayAsync(cancellationToken).ConfigureAwait(false);
        string? token = null;
        try
        {
            using var doc = JsonDocument.Parse(body);
            if (doc.RootElement.ValueKind == JsonValueKind.Object)
            {
                token = ReadString(doc.RootElement, "access_token");
                if (string.IsNullOrEmpty(token)) token = ReadString(doc.RootElement, "token");
            }
        }
        catch (JsonException e)
        {
            throw new OciUnauthorizedException($"token service {HostNames.AuthorityOf(realm)} returned malformed JSON for {context.Registry}", e)
            {
                Registry = context.Registry,
                Repository = context.Repository,
            };
        }

        if (string.IsNullOrEmpty(token))
        {
            throw new OciUnauthorizedException($"empty token returned by {HostNames.AuthorityOf(realm)} for {context.Registry}/{context.Repository}")
            {
                Registry = context.Registry,
                Repository = context.Repository,
            };
        }

        return token;
    }

    private static string? ReadString(JsonElement e, string name)
        => e.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.String ? v.GetString() : null;

    /// <summary>The realm as a URI, if it is safe to send credentials to; throws otherwise.</summary>
    internal Uri ValidateRealm(string? realm, OciRequestContext context)
    {
        if (string.IsNullOrEmpty(realm) || !Uri.TryCreate(realm, UriKind.Absolute, out var uri)
            || (uri.Scheme != Uri.UriSchemeHttps && uri.Scheme != Uri.UriSchemeHttp))
        {
            throw new OciUnauthorizedException($"registry {context.Registry} asked for a token from an invalid realm \"{realm}\"")
            {
                Registry = context.Registry,
                Repository = context.Repository,
            };
        }

        if (uri.Scheme == Uri.UriSchemeHttp && !_options.AllowsPlainHttp(HostNames.AuthorityOf(uri)))
        {
            throw new OciInsecureTransportException(
                $"registry {context.Registry} asked for a token from {uri.GetLeftPart(UriPartial.Path)} over plain HTTP; refusing to send credentials there (allow the host explicitly if this is intended)")
            {
                Registry = context.Registry,
                Repository = context.Repository,
            };
        }

        if (!string.IsNullOrEmpty(uri.UserInfo))
        {
            throw new OciUnauthorizedException($"registry {context.Registry} gave a token realm with embedded credentials; refusing it")
            {
                Registry = context.Registry,
                Repository = context.Repository,
            };
        }

        return uri;
    }

    private static HttpRequestMessage GetTokenRequest(Uri realm, string? service, IReadOnlyList<string> scopes, OciCredential credential)
    {
        var query = new StringBuilder(realm.Query.TrimStart('?'));
        foreach (var scope in scopes) Append(query, "scope", scope);
        if (!string.IsNullOrEmpty(service)) Append(query, "service", service);
        var builder = new UriBuilder(realm) { Query = query.ToString() };
        var request = new HttpRequestMessage(HttpMethod.Get, builder.Uri);
        if (credential.Kind == OciCredentialKind.UsernamePassword) request.Headers.Authorization = BasicHeader(credential);
        return request;
    }

    private static HttpRequestMessage RefreshTokenRequest(Uri realm, string? service, IReadOnlyList<string> scopes, string refreshToken)
    {
        var form = new List<KeyValuePair<string, string>>
        {
            new("grant_type", "refresh_token"),
            new("refresh_token", refreshToken),
        };
        if (!string.IsNullOrEmpty(service)) form.Add(new("service", service));
        if (scopes.Count > 0) form.Add(new("scope", string.Join(" ", scopes)));
        form.Add(new("client_id", ClientId));
        return new HttpRequestMessage(HttpMethod.Post, realm) { Content = new FormUrlEncodedContent(form) };
    }

    private static void Append(StringBuilder query, string name, string value)
    {
        if (query.Length > 0) query.Append('&');
        query.Append(name).Append('=').Append(Uri.EscapeDataString(value));
    }
}
