using System;
using System.IO;
using System.Net;
using System.Net.Http;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace TofuMirror.Oci.Transport;

/// <summary>
/// Retries with bounded exponential backoff and jitter: 429 (honouring <c>Retry-After</c>, capped)
/// for any request whose body can be sent again, and 5xx and broken connections for idempotent
/// requests (GET, HEAD, PUT, DELETE, OPTIONS). Gives up after <see cref="OciClientOptions.MaxRetries"/>
/// retries and returns the last response (or rethrows the last exception).
/// </summary>
public sealed class RetryHandler : DelegatingHandler
{
    private readonly OciClientOptions _options;
    private readonly ILogger _logger;
    private readonly Func<TimeSpan, CancellationToken, Task> _delay;

    public RetryHandler(OciClientOptions options, ILogger? logger = null, Func<TimeSpan, CancellationToken, Task>? delay = null)
    {
        _options = options ?? throw new ArgumentNullException(nameof(options));
        _logger = logger ?? NullLogger.Instance;
        _delay = delay ?? Task.Delay;
    }

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var resendable = IsResendable(request.Content);
        var idempotent = IsIdempotent(request.Method) && resendable;
        for (var attempt = 0; ; attempt++)
        {
            HttpResponseMessage response;
            try
            {
                response = await base.SendAsync(request, cancellationToken).ConfigureAwait(false);
            }
            catch (Exception e) when (idempotent && attempt < _options.MaxRetries && IsTransient(e, cancellationToken))
            {
                var wait = Backoff(attempt);
                _logger.LogDebug("{Method} {Url} failed ({Error}); retry {Attempt} in {Delay} ms",
                    request.Method, Redact(request.RequestUri), e.Message, attempt + 1, (int)wait.TotalMilliseconds);
                await _delay(wait, cancellationToken).ConfigureAwait(false);
                continue;
            }

            var status = (int)response.StatusCode;
            var retryable = (status == 429 && resendable) || (status >= 500 && status != 501 && status != 505 && idempotent);
            if (!retryable || attempt >= _options.MaxRetries) return response;

            var delay = RetryAfter(response) ?? Backoff(attempt);
            _logger.LogDebug("{Method} {Url} answered {Status}; retry {Attempt} in {Delay} ms",
                request.Method, Redact(request.RequestUri), status, attempt + 1, (int)delay.TotalMilliseconds);
            response.Dispose();
            await _delay(delay, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>The wait a <c>Retry-After</c> header asks for, capped; null without one.</summary>
    internal TimeSpan? RetryAfter(HttpResponseMessage response)
    {
        var header = response.Headers.RetryAfter;
        if (header is null) return null;
        TimeSpan? wait = header.Delta ?? (header.Date.HasValue ? header.Date.Value - DateTimeOffset.UtcNow : null);
        if (wait is null) return null;
        if (wait < TimeSpan.Zero) wait = TimeSpan.Zero;
        return wait > _options.RetryAfterCap ? _options.RetryAfterCap : wait;
    }

    /// <summary>Exponential backoff with up to 50% added jitter, capped at <see cref="OciClientOptions.RetryMaxDelay"/>.</summary>
    internal TimeSpan Backoff(int attempt)
    {
        var baseMs = _options.RetryBaseDelay.TotalMilliseconds * Math.Pow(2, Math.Min(attempt, 20));
        var withJitter = baseMs * (1 + (Random.Shared.NextDouble() * 0.5));
        return TimeSpan.FromMilliseconds(Math.Min(withJitter, _options.RetryMaxDelay.TotalMilliseconds));
    }

    private static bool IsIdempotent(HttpMethod method)
        => method == HttpMethod.Get || method == HttpMethod.Head || method == HttpMethod.Put
            || method == HttpMethod.Delete || method == HttpMethod.Options;

    /// <summary>Bodies that can be serialised a second time: none, bytes, strings, forms.</summary>
    internal static bool IsResendable(HttpContent? content)
        => content is null or ByteArrayContent or ResendableStreamContent;

    private static bool IsTransient(Exception e, CancellationToken cancellationToken)
        => !cancellationToken.IsCancellationRequested
            && (e is HttpRequestException or IOException || (e is TaskCanceledException && e.InnerException is TimeoutException))
            && !IsCertificateFailure(e);

    /// <summary>An untrusted or unsuitable certificate fails the same way on every attempt.</summary>
    private static bool IsCertificateFailure(Exception e)
    {
        for (var inner = e; inner is not null; inner = inner.InnerException)
            if (inner is OciTlsException or System.Security.Authentication.AuthenticationException) return true;
        return Tls.TlsAlerts.ClientCertificateAlert(e) is not null;
    }

    internal static string Redact(Uri? uri) => uri is null ? string.Empty : uri.GetLeftPart(UriPartial.Path);
}

/// <summary>Stream content over a seekable stream, which the retry and auth handlers may send again from its start.</summary>
public sealed class ResendableStreamContent : StreamContent
{
    public ResendableStreamContent(Stream seekable, int bufferSize = 81920)
        : base(seekable, bufferSize)
    {
        if (!seekable.CanSeek) throw new ArgumentException("The stream must be seekable.", nameof(seekable));
    }
}
