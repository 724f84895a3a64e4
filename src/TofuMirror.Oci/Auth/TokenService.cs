using System;
using System.Collections.Generic;
using System.Net;
using System.Net.Http;
using System.Text;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.Extensions.Logging;
using TofuMirror.Oci.Content;
using TofuMirror.Oci.Transport;

namespace TofuMirror.Oci.Auth;

/// <summary>A token and how long it lives (<c>expires_in</c>; null when the service did not say).</summary>
public sealed record BearerToken(string Value, TimeSpan? Lifetime);

/// <summary>
/// Talks to a Docker/OCI token service: <c>GET realm?scope=..&amp;service=..</c> with Basic credentials or
/// anonymously, or the OAuth2 refresh-token <c>POST</c>; reads <c>token</c>/<c>access_token</c> and <c>expires_in</c>.
/// </summary>
internal sealed class TokenService
{
    /// <summary>The most bytes a token response may have (JWTs are a few KiB).</summary>
    internal const int MaxResponseBytes = 1024 * 1024;

    private readonly Func<HttpRequestMessage, CancellationToken, Task<HttpResponseMessage>> _send;
    private readonly ILogger _logger;

    public TokenService(Func<HttpRequestMessage, CancellationToken, Task<HttpResponseMessage>> send, ILogger logger)
    {
        _send = send;
        _logger = logger;
    }

    public async Task<BearerToken> FetchAsync(
        Uri realm, string? service, IReadOnlyList<string> scopes, OciCredential credential, OciRequestContext context, CancellationToken cancellationToken)
    {
        using var request = credential.RefreshToken is { Length: > 0 } refresh
            ? RefreshTokenRequest(realm, service, scopes, refresh)
            : GetTokenRequest(realm, service, scopes, credential);
        _logger.LogDebug("fetching token from {Realm} for {Scopes}", realm.GetLeftPart(UriPartial.Path), string.Join(" ", scopes));
        using var response = await _send(request, cancellationToken).ConfigureAwait(false);
        if (!response.IsSuccessStatusCode)
        {
            var what = response.StatusCode is HttpStatusCode.Unauthorized or HttpStatusCode.Forbidden
                ? "the credentials were refused; check the username/password or token configured for this registry"
                : "the token service failed";
            var e = Fill(new OciUnauthorizedException(
                $"token request to {HostNames.AuthorityOf(realm)} for {context.Registry}/{context.Repository} ({string.Join(" ", scopes)}) answered {(int)response.StatusCode}: {what}"), context);
            e.StatusCode = response.StatusCode;
            throw e;
        }

        return Parse(await ReadBodyAsync(response, realm, context, cancellationToken).ConfigureAwait(false), realm, context);
    }

    /// <summary>The response bytes, read no further than <see cref="MaxResponseBytes"/>.</summary>
    private static async Task<byte[]> ReadBodyAsync(HttpResponseMessage response, Uri realm, OciRequestContext context, CancellationToken cancellationToken)
    {
        try
        {
            if (response.Content.Headers.ContentLength > MaxResponseBytes) throw new OciSizeLimitException("too large");
            using var body = await response.Content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false);
            return await ContentReader.ReadAllAsync(body, MaxResponseBytes, "token response", cancellationToken).ConfigureAwait(false);
        }
        catch (OciSizeLimitException e)
        {
            throw Fill(new OciUnauthorizedException($"token service {HostNames.AuthorityOf(realm)} sent a response larger than {MaxResponseBytes} bytes for {context.Registry}", e), context);
        }
        catch (Exception e) when (e is System.IO.IOException or HttpRequestException)
        {
            throw Fill(new OciUnauthorizedException($"reading the token from {HostNames.AuthorityOf(realm)} for {context.Registry} failed: the connection broke ({e.Message})", e), context);
        }
    }

    private static BearerToken Parse(byte[] body, Uri realm, OciRequestContext context)
    {
        string? token = null;
        TimeSpan? lifetime = null;
        try
        {
            using var doc = JsonDocument.Parse(body);
            if (doc.RootElement.ValueKind == JsonValueKind.Object)
            {
                token = ReadString(doc.RootElement, "access_token");
                if (string.IsNullOrEmpty(token)) token = ReadString(doc.RootElement, "token");
                if (doc.RootElement.TryGetProperty("expires_in", out var expires) && expires.ValueKind == JsonValueKind.Number
                    && expires.TryGetInt64(out var seconds) && seconds > 0)
                {
                    lifetime = TimeSpan.FromSeconds(Math.Min(seconds, (long)TimeSpan.FromDays(365).TotalSeconds));
                }
            }
        }
        catch (JsonException e)
        {
            throw Fill(new OciUnauthorizedException($"token service {HostNames.AuthorityOf(realm)} returned malformed JSON for {context.Registry}", e), context);
        }

        if (string.IsNullOrEmpty(token))
            throw Fill(new OciUnauthorizedException($"empty token returned by {HostNames.AuthorityOf(realm)} for {context.Registry}/{context.Repository}"), context);

        return new BearerToken(token, lifetime);
    }

    private static string? ReadString(JsonElement e, string name)
        => e.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.String ? v.GetString() : null;

    private static HttpRequestMessage GetTokenRequest(Uri realm, string? service, IReadOnlyList<string> scopes, OciCredential credential)
    {
        var query = new StringBuilder(realm.Query.TrimStart('?'));
        foreach (var scope in scopes) Append(query, "scope", scope);
        if (!string.IsNullOrEmpty(service)) Append(query, "service", service);
        var builder = new UriBuilder(realm) { Query = query.ToString() };
        var request = new HttpRequestMessage(HttpMethod.Get, builder.Uri);
        if (credential.Kind == OciCredentialKind.UsernamePassword) request.Headers.Authorization = BasicChallengeHandler.Header(credential);
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
        form.Add(new("client_id", AuthHandler.ClientId));
        return new HttpRequestMessage(HttpMethod.Post, realm) { Content = new FormUrlEncodedContent(form) };
    }

    private static void Append(StringBuilder query, string name, string value)
    {
        if (query.Length > 0) query.Append('&');
        query.Append(name).Append('=').Append(Uri.EscapeDataString(value));
    }

    private static OciUnauthorizedException Fill(OciUnauthorizedException e, OciRequestContext context)
    {
        e.Registry = context.Registry;
        e.Repository = context.Repository;
        return e;
    }
}
