using System;
using System.IO;
using System.Net;
using System.Net.Http;
using System.Net.Http.Headers;
using System.Threading;
using System.Threading.Tasks;
using TofuMirror.Model.CliConfig;
using TofuMirror.Model.Diagnostics;
using TofuMirror.Oci.Transport;

namespace TofuMirror.Engine.Origin;

/// <summary>
/// The HTTP client of origin registries and network mirrors: the registry commands' TLS and proxy handling with
/// their retries, redirects followed here (limited, no HTTPS→HTTP downgrade), plain HTTP only to loopback or an
/// allowed host (refused before connecting), bodies size-limited and downloads streamed. A bearer token is attached
/// only to URLs on the scheme, host and port it is bound to, so redirect targets and download hosts elsewhere never see it.
/// One instance per run; it owns the connection pool.
/// </summary>
public sealed class OriginHttp : IDisposable
{
    private readonly HttpMessageInvoker _invoker;

    public OriginHttp(OriginHttpOptions? options = null, HttpMessageHandler? primaryHandler = null)
    {
        Options = options ?? new OriginHttpOptions();
        var transport = Options.Transport;
        var primary = primaryHandler ?? OciClientFactory.CreatePrimaryHandler(transport);
        _invoker = new HttpMessageInvoker(new RetryHandler(transport) { InnerHandler = primary }, disposeHandler: true);
    }

    public OriginHttpOptions Options { get; }

    /// <summary>Throws <see cref="OriginException"/> (TOFU0215) unless <paramref name="url"/> is https, or http to loopback or an allowed host.</summary>
    public void EnsureAllowedScheme(Uri url, string context)
    {
        if (url.Scheme == Uri.UriSchemeHttps) return;
        if (url.Scheme != Uri.UriSchemeHttp)
            throw new OriginException(DiagnosticCodes.OriginMalformedResponse, $"{context}: {OriginText.Url(url)} is not an http(s) URL");
        if (Options.Transport.AllowsPlainHttp(HostNames.AuthorityOf(url))) return;
        throw new OriginException(DiagnosticCodes.OriginInsecureTransport,
            $"{context}: refusing plain HTTP to {OriginText.Url(url)}; only loopback hosts or hosts listed as insecure may be reached without TLS");
    }

    /// <summary>
    /// GETs a small document, following redirects; the body is null for a 404. Other failures throw
    /// <see cref="OriginException"/> with the context in the message.
    /// </summary>
    public async Task<OriginDocument?> GetDocumentAsync(Uri url, OriginTokenBinding? token, string context, CancellationToken cancellationToken)
    {
        using var response = await SendAsync(url, token, context, cancellationToken).ConfigureAwait(false);
        if (response.Message.StatusCode == HttpStatusCode.NotFound) return null;
        EnsureSuccess(response, token, context);
        var limit = Options.MaxDocumentBytes;
        if (response.Message.Content.Headers.ContentLength is long declared && declared > limit)
            throw TooLarge(response.Url, limit, context);
        await using var body = await response.Message.Content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false);
        using var buffer = new MemoryStream();
        var chunk = new byte[81920];
        int read;
        try
        {
            while ((read = await ReadChunkAsync(body, chunk, cancellationToken).ConfigureAwait(false)) > 0)
            {
                if (buffer.Length + read > limit) throw TooLarge(response.Url, limit, context);
                buffer.Write(chunk, 0, read);
            }
        }
        catch (Exception e) when (e is IOException or HttpRequestException)
        {
            throw new OriginException(DiagnosticCodes.OriginUnavailable, $"{context}: reading {OriginText.Url(response.Url)} failed: {OriginText.Server(e.Message)}", e);
        }
        return new OriginDocument(buffer.ToArray(), response.Url, response.Message.Content.Headers.ContentType?.MediaType);
    }

    /// <summary>How many times a download that broke off is continued, each time with a ranged request from where it stopped.</summary>
    public const int MaxResumes = 3;

    /// <summary>
    /// Streams <paramref name="url"/> into <paramref name="destination"/>, at most <see cref="OriginHttpOptions.MaxPackageBytes"/>.
    /// A body that breaks off is continued (up to <see cref="MaxResumes"/> times) with <c>Range: bytes=N-</c>, asked of
    /// <paramref name="url"/> again (a short-lived redirect target may have expired), with <c>If-Range</c> when the first
    /// answer had a strong ETag or a Last-Modified date; an answer that is not exactly that rest of the file fails the
    /// download. A failure to write into <paramref name="destination"/> is not a broken download and is not resumed.
    /// Nothing here vouches for the bytes: the caller hashes and checks them as always.
    /// </summary>
    public async Task DownloadAsync(Uri url, Stream destination, OriginTokenBinding? token, string context, CancellationToken cancellationToken)
    {
        var limit = Options.MaxPackageBytes;
        var chunk = new byte[81920];
        long total = 0;
        long? expected = null;
        RangeConditionHeaderValue? sameFile = null;
        for (var resumes = 0; ; resumes++)
        {
            var resumeAt = total;
            using var response = await SendAsync(url, token, context, cancellationToken, request =>
            {
                if (resumeAt == 0) return;
                request.Headers.Range = new RangeHeaderValue(resumeAt, null);
                request.Headers.IfRange = sameFile;
            }).ConfigureAwait(false);
            if (resumeAt == 0)
            {
                if (response.Message.StatusCode == HttpStatusCode.NotFound)
                    throw new OriginException(DiagnosticCodes.OriginNotFound, $"{context}: {OriginText.Url(response.Url)} answered 404 Not Found");
                EnsureSuccess(response, token, context);
                expected = response.Message.Content.Headers.ContentLength;
                if (expected > limit) throw TooLarge(response.Url, limit, context);
                sameFile = response.Message.Headers.ETag is { IsWeak: false } strong ? new RangeConditionHeaderValue(strong)
                    : response.Message.Content.Headers.LastModified is { } modified ? new RangeConditionHeaderValue(modified) : null;
            }
            else if (!ContinuesAt(response.Message, resumeAt, expected))
            {
                throw new OriginException(DiagnosticCodes.OriginUnavailable,
                    $"{context}: {OriginText.Url(response.Url)} broke off after {resumeAt} bytes, and asked for the rest it answered "
                    + $"{(int)response.Message.StatusCode} without exactly that part of the file; try again");
            }
            else
            {
                expected ??= response.Message.Content.Headers.ContentRange!.Length;
            }

            var room = (expected ?? limit) - total;
            var (copied, broken) = await CopyBodyAsync(response.Message, destination, chunk, room, () => expected is null
                ? TooLarge(response.Url, limit, context)
                : new OriginException(DiagnosticCodes.OriginUnavailable, $"{context}: {OriginText.Url(response.Url)} sent more than the {expected} bytes it announced"),
                cancellationToken).ConfigureAwait(false);
            total += copied;
            broken ??= expected is long length && total < length ? $"it ended after {total} of {length} bytes" : null;
            if (broken is null) return;
            if (resumes == MaxResumes || total == 0)
                throw new OriginException(DiagnosticCodes.OriginUnavailable,
                    $"{context}: downloading {OriginText.Url(response.Url)} failed after {total} bytes{(resumes > 0 ? $" and {resumes} resumed requests" : "")}: {broken}");
        }
    }

    /// <summary>
    /// Copies a response body, at most <paramref name="room"/> bytes (more throws <paramref name="overflow"/>'s exception
    /// before they are written). Returns the bytes written and why the body broke off (a read failing; null when it
    /// ended). A failure to write is not a broken body: it throws.
    /// </summary>
    private async Task<(long Copied, string? Broken)> CopyBodyAsync(HttpResponseMessage response, Stream destination, byte[] chunk, long room,
        Func<OriginException> overflow, CancellationToken cancellationToken)
    {
        long copied = 0;
        Stream body;
        try
        {
            body = await response.Content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e) when (e is IOException or HttpRequestException)
        {
            return (copied, OriginText.Server(e.Message));
        }
        await using (body)
        {
            while (true)
            {
                int read;
                try
                {
                    read = await ReadChunkAsync(body, chunk, cancellationToken).ConfigureAwait(false);
                }
                catch (Exception e) when (e is IOException or HttpRequestException)
                {
                    return (copied, OriginText.Server(e.Message));
                }
                if (read == 0) return (copied, null);
                if (copied + read > room) throw overflow();
                await destination.WriteAsync(chunk.AsMemory(0, read), cancellationToken).ConfigureAwait(false);
                copied += read;
            }
        }
    }

    /// <summary>Whether a ranged answer is the file from <paramref name="offset"/> on: 206 with a matching Content-Range.</summary>
    private static bool ContinuesAt(HttpResponseMessage response, long offset, long? expectedLength)
    {
        if (response.StatusCode != HttpStatusCode.PartialContent || response.Content.Headers.ContentRange is not { } range) return false;
        return range.From == offset && (expectedLength is null || range.Length == expectedLength)
            && (range.To is null || expectedLength is null || range.To == expectedLength - 1);
    }

    /// <summary>One read of a body that fails as a broken connection when no byte arrives within <see cref="OciClientOptions.BodyIdleTimeout"/>.</summary>
    private async Task<int> ReadChunkAsync(Stream body, byte[] chunk, CancellationToken cancellationToken)
    {
        using var idle = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        idle.CancelAfter(Options.Transport.BodyIdleTimeout);
        try
        {
            return await body.ReadAsync(chunk, idle.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            throw new IOException($"no data for {Options.Transport.BodyIdleTimeout.TotalSeconds:0} seconds");
        }
    }

    private static OriginException TooLarge(Uri url, long limit, string context) =>
        new(DiagnosticCodes.OriginMalformedResponse, $"{context}: {OriginText.Url(url)} is larger than the limit of {limit} bytes");

    private static void EnsureSuccess(SentRequest response, OriginTokenBinding? token, string context)
    {
        var status = (int)response.Message.StatusCode;
        if (status is >= 200 and < 300) return;
        var at = $"{context}: {OriginText.Url(response.Url)} answered {status} {OriginText.Server(response.Message.ReasonPhrase ?? "")}".TrimEnd();
        if (status is 401 or 403)
        {
            var hint = token is not null && token.Covers(response.Url)
                ? $"the token from {token.Token.Source} was sent and refused"
                : "no token was sent; give one in a credentials \"HOST\" block of the CLI configuration or a TF_TOKEN_<host> environment variable";
            throw new OriginException(DiagnosticCodes.OriginUnauthorized, $"{at} ({hint})");
        }
        throw new OriginException(DiagnosticCodes.OriginUnavailable, status >= 500 ? $"{at} (after retries)" : at);
    }

    private async Task<SentRequest> SendAsync(Uri url, OriginTokenBinding? token, string context, CancellationToken cancellationToken,
        Action<HttpRequestMessage>? prepare = null)
    {
        var current = url;
        for (var redirects = 0; ; redirects++)
        {
            EnsureAllowedScheme(current, context);
            using var request = new HttpRequestMessage(HttpMethod.Get, current);
            request.Headers.UserAgent.ParseAdd(Options.Transport.UserAgent);
            if (token is not null && token.Covers(current))
                request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token.Token.Token);
            prepare?.Invoke(request);
            HttpResponseMessage response;
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            timeout.CancelAfter(Options.Transport.RequestTimeout);
            try
            {
                response = await _invoker.SendAsync(request, timeout.Token).ConfigureAwait(false);
            }
            catch (Exception e) when (e is HttpRequestException or IOException || (e is OperationCanceledException && !cancellationToken.IsCancellationRequested))
            {
                throw new OriginException(DiagnosticCodes.OriginUnavailable, $"{context}: {OriginText.Url(current)} could not be reached: {OriginText.Server(e.Message)}", e);
            }
            var status = (int)response.StatusCode;
            if (status is not (301 or 302 or 303 or 307 or 308)) return new SentRequest(response, current);
            var location = response.Headers.Location;
            response.Dispose();
            if (location is null)
                throw new OriginException(DiagnosticCodes.OriginMalformedResponse, $"{context}: {OriginText.Url(current)} redirected without a Location");
            if (redirects >= Options.MaxRedirects)
                throw new OriginException(DiagnosticCodes.OriginUnavailable, $"{context}: more than {Options.MaxRedirects} redirects from {OriginText.Url(url)}");
            var next = location.IsAbsoluteUri ? location : new Uri(current, location);
            if (current.Scheme == Uri.UriSchemeHttps && next.Scheme != Uri.UriSchemeHttps && !Options.Transport.AllowsPlainHttpExplicitly(HostNames.AuthorityOf(next)))
                throw new OriginException(DiagnosticCodes.OriginInsecureTransport, $"{context}: {OriginText.Url(current)} redirected from HTTPS to {OriginText.Url(next)}; refused");
            current = next;
        }
    }

    public void Dispose() => _invoker.Dispose();

    private sealed class SentRequest(HttpResponseMessage message, Uri url) : IDisposable
    {
        public HttpResponseMessage Message { get; } = message;
        public Uri Url { get; } = url;
        public void Dispose() => Message.Dispose();
    }
}

/// <summary>A fetched document and the URL it finally came from (relative URLs in it resolve against that).</summary>
public sealed record OriginDocument(byte[] Body, Uri Url, string? MediaType);

/// <summary>A token and the one scheme, host and port it may be sent to.</summary>
public sealed record OriginTokenBinding(OriginToken Token, Uri BoundTo)
{
    public bool Covers(Uri url) => HostNames.SameOrigin(url, BoundTo);

    public override string ToString() => $"token from {Token.Source} for {HostNames.AuthorityOf(BoundTo)}";
}
