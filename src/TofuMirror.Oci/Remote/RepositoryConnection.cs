using System;
using System.IO;
using System.Net;
using System.Net.Http;
using System.Runtime.ExceptionServices;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.Extensions.Logging;
using TofuMirror.Oci.Content;
using TofuMirror.Oci.Transport;
using TofuMirror.Oci.Transport.Tls;

namespace TofuMirror.Oci.Remote;

/// <summary>
/// What the blob, manifest, tag and upload parts of one repository share: its address, the
/// handler chain to send through, and the way failures are reported (with registry, repository
/// and reference filled in).
/// </summary>
internal sealed class RepositoryConnection
{
    /// <summary>The most bytes of a response read whole before it is looked at (status answers, error bodies).</summary>
    internal const int MaxBufferedBytes = 1024 * 1024;

    private readonly HttpMessageInvoker _http;

    public RepositoryConnection(HttpMessageInvoker http, string registry, string repository, OciClientOptions options, ILogger logger)
    {
        _http = http;
        Registry = registry;
        Repository = repository;
        Options = options;
        Logger = logger;
        BaseUri = new Uri($"{options.SchemeFor(registry)}://{registry}/v2/");
    }

    public string Registry { get; }

    public string Repository { get; }

    public OciClientOptions Options { get; }

    public ILogger Logger { get; }

    /// <summary><c>scheme://registry/v2/</c>.</summary>
    public Uri BaseUri { get; }

    public string Name => Registry + "/" + Repository;

    public OciRequestContext PullContext => OciRequestContext.Pull(Registry, Repository);

    public Uri RepoUri(string tail) => new(BaseUri, Repository + "/" + tail);

    /// <summary>Sends with the auth context attached; turns transport failures into <see cref="OciUnavailableException"/>.</summary>
    public async Task<HttpResponseMessage> SendAsync(
        HttpRequestMessage request, OciRequestContext context, string operation, string? reference, CancellationToken cancellationToken,
        HttpCompletionOption completion = HttpCompletionOption.ResponseContentRead)
    {
        context.AttachTo(request);
        request.Headers.UserAgent.TryParseAdd(Options.UserAgent);
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(Options.RequestTimeout);
        HttpResponseMessage response;
        try
        {
            response = await _http.SendAsync(request, timeout.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException e) when (!cancellationToken.IsCancellationRequested)
        {
            throw Fill(new OciUnavailableException($"{operation} {Describe(reference)} timed out after {Options.RequestTimeout.TotalSeconds:0} s", e), reference, null);
        }
        catch (HttpRequestException e) when (e.InnerException is OciException inner)
        {
            Fill(inner, reference, null);
            ExceptionDispatchInfo.Capture(inner).Throw();
            throw;
        }
        catch (HttpRequestException e) when (TlsAlerts.ClientCertificateAlert(e) is { } alert)
        {
            throw Fill(new OciTlsException($"{operation} {Describe(reference)} failed: " +
                TlsAlerts.DescribeRefusal(alert, Registry, Options.Tls.ClientCertificate is not null), e), reference, null);
        }
        catch (HttpRequestException e)
        {
            throw Fill(new OciUnavailableException($"{operation} {Describe(reference)} failed: could not reach {Registry} ({e.Message}); check the registry address, network and proxy settings", e), reference, null);
        }
        catch (OciException e) when (e.Registry is null)
        {
            Fill(e, reference, null);
            throw;
        }

        // HEAD answers carry the Content-Length of a body never sent (a blob's can be gigabytes): nothing to buffer.
        if (completion == HttpCompletionOption.ResponseContentRead && response.Content is not null && request.Method != HttpMethod.Head)
        {
            try
            {
                await response.Content.LoadIntoBufferAsync(MaxBufferedBytes).WaitAsync(cancellationToken).ConfigureAwait(false);
            }
            catch (HttpRequestException e)
            {
                response.Dispose();
                throw Fill(new OciUnavailableException($"{operation} {Describe(reference)} failed: reading the response broke off or passed {MaxBufferedBytes} bytes ({e.Message})", e), reference, null);
            }
        }

        return response;
    }

    /// <summary>The response body, failing as a broken connection when it stalls for <see cref="OciClientOptions.BodyIdleTimeout"/>.</summary>
    public async Task<Stream> OpenBodyAsync(HttpResponseMessage response, CancellationToken cancellationToken)
        => new IdleTimeoutStream(await response.Content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false), Options.BodyIdleTimeout);

    /// <summary>Throws when <paramref name="target"/>, a URL the registry handed out, would leave HTTPS for plain HTTP.</summary>
    public void EnsureNoDowngrade(Uri target, string what, string? reference)
    {
        try
        {
            SchemePolicy.EnsureNoDowngrade(BaseUri, target, Options, what);
        }
        catch (OciException e)
        {
            Fill(e, reference, null);
            throw;
        }
    }

    /// <summary>Turns an unsuccessful response into the exception of its family.</summary>
    public Task<OciException> ErrorAsync(HttpResponseMessage response, string operation, string? reference, CancellationToken cancellationToken)
        => RegistryErrors.ReadAsync(this, response, operation, reference, cancellationToken);

    public string Describe(string? reference) => reference is null ? Name : reference.StartsWith("sha256:", StringComparison.Ordinal) ? $"{Name}@{reference}" : $"{Name}:{reference}";

    public T Fill<T>(T e, string? reference, HttpStatusCode? status)
        where T : OciException
    {
        e.At(Registry, Repository, reference, status);
        return e;
    }

    /// <summary>The <c>Docker-Content-Digest</c> header, when present and valid.</summary>
    public static Digest? HeaderDigest(HttpResponseMessage response)
        => response.Headers.TryGetValues("Docker-Content-Digest", out var values)
            && Digest.TryParse(string.Join(",", values).Trim(), out var digest) ? digest : null;
}
