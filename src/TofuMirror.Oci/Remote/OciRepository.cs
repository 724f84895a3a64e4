using System;
using System.Net;
using System.Net.Http;
using System.Net.Http.Headers;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using TofuMirror.Oci.Content;
using TofuMirror.Oci.Transport;

namespace TofuMirror.Oci.Remote;

/// <summary>
/// One repository of a remote OCI distribution registry (<c>host[:port]</c> + name): tags,
/// manifests and blobs over an <see cref="HttpMessageInvoker"/> built by <see cref="OciClientFactory"/>
/// (auth, retries and redirects live in that handler chain). Thread-safe; share one per repository.
/// </summary>
public sealed partial class OciRepository : IOciRepositoryStore
{
    private readonly HttpMessageInvoker _http;
    private readonly OciClientOptions _options;
    private readonly ILogger _logger;

    public OciRepository(HttpMessageInvoker http, string registry, string repository, OciClientOptions? options = null)
    {
        _http = http ?? throw new ArgumentNullException(nameof(http));
        _options = options ?? new OciClientOptions();
        if (string.IsNullOrEmpty(registry) || registry.Contains('/') || !Uri.TryCreate("https://" + registry + "/", UriKind.Absolute, out _))
            throw new ArgumentException($"invalid registry \"{registry}\": expected host or host:port", nameof(registry));
        if (!RepositoryNames.IsValidRepository(repository))
            throw new ArgumentException($"invalid repository \"{repository}\": names are lowercase path components of letters, digits and separators . _ __ -", nameof(repository));
        Registry = registry;
        Repository = repository;
        BaseUri = new Uri($"{_options.SchemeFor(registry)}://{registry}/v2/");
        _logger = _options.LoggerFactory?.CreateLogger<OciRepository>() ?? (ILogger)NullLogger.Instance;
    }

    /// <summary>Registry <c>host[:port]</c>.</summary>
    public string Registry { get; }

    /// <summary>Repository name.</summary>
    public string Repository { get; }

    /// <summary><c>scheme://registry/v2/</c>.</summary>
    public Uri BaseUri { get; }

    public string Name => Registry + "/" + Repository;

    /// <summary>
    /// <c>GET /v2/</c>: true when the registry speaks the distribution API and lets us in
    /// (200), false on 401 that auth could not satisfy; throws when it is not a registry.
    /// </summary>
    public async Task<bool> PingAsync(CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, BaseUri);
        using var response = await SendAsync(request, OciRequestContext.Pull(Registry, Repository), "checking", null, cancellationToken).ConfigureAwait(false);
        if (response.IsSuccessStatusCode) return true;
        if (response.StatusCode == HttpStatusCode.Unauthorized) return false;
        throw await ErrorAsync(response, "checking the registry API of", null, cancellationToken).ConfigureAwait(false);
    }

    private Uri RepoUri(string tail) => new(BaseUri, Repository + "/" + tail);

    /// <summary>Sends with the auth context attached; turns transport failures into <see cref="OciUnavailableException"/>.</summary>
    private async Task<HttpResponseMessage> SendAsync(
        HttpRequestMessage request, OciRequestContext context, string operation, string? reference, CancellationToken cancellationToken,
        HttpCompletionOption completion = HttpCompletionOption.ResponseContentRead)
    {
        context.AttachTo(request);
        request.Headers.UserAgent.TryParseAdd(_options.UserAgent);
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(_options.RequestTimeout);
        HttpResponseMessage response;
        try
        {
            response = await _http.SendAsync(request, timeout.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException e) when (!cancellationToken.IsCancellationRequested)
        {
            throw Fill(new OciUnavailableException($"{operation} {Describe(reference)} timed out after {_options.RequestTimeout.TotalSeconds:0} s", e), reference, null);
        }
        catch (HttpRequestException e) when (e.InnerException is OciException inner)
        {
            throw inner;
        }
        catch (HttpRequestException e)
        {
            throw Fill(new OciUnavailableException($"{operation} {Describe(reference)} failed: could not reach {Registry} ({e.Message}); check the registry address, network and proxy settings", e), reference, null);
        }
        catch (OciException e) when (e.Registry is null)
        {
            throw Fill(e, reference, null);
        }

        if (completion == HttpCompletionOption.ResponseContentRead && response.Content is not null)
        {
            await response.Content.LoadIntoBufferAsync().WaitAsync(cancellationToken).ConfigureAwait(false);
        }

        return response;
    }

    private string Describe(string? reference) => reference is null ? Name : reference.StartsWith("sha256:", StringComparison.Ordinal) ? $"{Name}@{reference}" : $"{Name}:{reference}";

    private T Fill<T>(T e, string? reference, HttpStatusCode? status)
        where T : OciException
    {
        e.At(Registry, Repository, reference, status);
        return e;
    }
}
