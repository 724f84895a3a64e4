using System;
using System.Collections.Generic;
using System.IO;
using System.Net;
using System.Net.Http;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using TofuMirror.Oci.Content;
using TofuMirror.Oci.Referrers;
using TofuMirror.Oci.Transport;

namespace TofuMirror.Oci.Remote;

/// <summary>
/// One repository of a remote OCI distribution registry (<c>host[:port]</c> + name), over an
/// <see cref="HttpMessageInvoker"/> built by <see cref="OciClientFactory"/> (auth, retries and redirects
/// live in that handler chain). A facade over its <see cref="Blobs"/>, <see cref="Manifests"/>,
/// <see cref="Tags"/> and <see cref="Uploads"/> parts. Thread-safe; share one per repository.
/// </summary>
public sealed class OciRepository : IOciRepositoryStore, IOciReferrerStore
{
    private readonly RepositoryConnection _connection;

    public OciRepository(HttpMessageInvoker http, string registry, string repository, OciClientOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(http);
        options ??= new OciClientOptions();
        if (string.IsNullOrEmpty(registry) || registry.Contains('/') || !Uri.TryCreate("https://" + registry + "/", UriKind.Absolute, out _))
            throw new ArgumentException($"invalid registry \"{registry}\": expected host or host:port", nameof(registry));
        if (!RepositoryNames.IsValidRepository(repository))
            throw new ArgumentException($"invalid repository \"{repository}\": names are lowercase path components of letters, digits and separators . _ __ -", nameof(repository));
        var logger = options.LoggerFactory?.CreateLogger<OciRepository>() ?? (ILogger)NullLogger.Instance;
        _connection = new RepositoryConnection(http, registry, repository, options, logger);
        var blobs = new OciBlobStore(_connection);
        Blobs = blobs;
        var manifests = new OciManifestStore(_connection);
        Manifests = manifests;
        Referrers = new OciReferrerStore(_connection, manifests, this);
        Tags = new OciTagStore(_connection);
        Uploads = new OciBlobUploader(_connection, blobs);
    }

    /// <summary>Registry <c>host[:port]</c>.</summary>
    public string Registry => _connection.Registry;

    /// <summary>Repository name.</summary>
    public string Repository => _connection.Repository;

    /// <summary><c>scheme://registry/v2/</c>.</summary>
    public Uri BaseUri => _connection.BaseUri;

    public string Name => _connection.Name;

    public IOciBlobStore Blobs { get; }

    public IOciManifestStore Manifests { get; }

    public IOciTagStore Tags { get; }

    public IOciBlobUploader Uploads { get; }

    /// <summary>Referrers: the OCI 1.1 API, or the referrers tag schema where the registry has none.</summary>
    public IOciReferrerStore Referrers { get; }

    /// <inheritdoc cref="IOciReferrerStore.PushReferrerAsync"/>
    public Task<Descriptor> PushReferrerAsync(ReadOnlyMemory<byte> manifest, string mediaType, CancellationToken cancellationToken)
        => Referrers.PushReferrerAsync(manifest, mediaType, cancellationToken);

    /// <inheritdoc cref="IOciReferrerStore.ListReferrersAsync"/>
    public Task<IReadOnlyList<Descriptor>> ListReferrersAsync(Digest subject, string? artifactType, CancellationToken cancellationToken)
        => Referrers.ListReferrersAsync(subject, artifactType, cancellationToken);

    /// <summary>
    /// <c>GET /v2/</c>: true when the registry speaks the distribution API and lets us in
    /// (200), false on 401 that auth could not satisfy; throws when it is not a registry.
    /// </summary>
    public async Task<bool> PingAsync(CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, BaseUri);
        using var response = await _connection.SendAsync(request, _connection.PullContext, "checking", null, cancellationToken).ConfigureAwait(false);
        if (response.IsSuccessStatusCode) return true;
        if (response.StatusCode == HttpStatusCode.Unauthorized) return false;
        throw await _connection.ErrorAsync(response, "checking the registry API of", null, cancellationToken).ConfigureAwait(false);
    }

    public Task<IReadOnlyList<string>> ListTagsAsync(CancellationToken cancellationToken) => Tags.ListAsync(null, null, cancellationToken);

    /// <summary>
    /// All tags, following <c>Link: &lt;...&gt;; rel="next"</c> pages (relative or absolute) to the
    /// end. <paramref name="pageSize"/> is sent as <c>n</c> and <paramref name="last"/> as <c>last</c>
    /// on the first request (registries may ignore them).
    /// </summary>
    public Task<IReadOnlyList<string>> ListTagsAsync(int? pageSize, string? last, CancellationToken cancellationToken)
        => Tags.ListAsync(pageSize, last, cancellationToken);

    /// <inheritdoc cref="IOciManifestStore.ResolveAsync"/>
    public Task<Descriptor> ResolveAsync(string reference, CancellationToken cancellationToken) => Manifests.ResolveAsync(reference, cancellationToken);

    /// <inheritdoc cref="IOciManifestStore.FetchByReferenceAsync"/>
    public Task<(Descriptor Descriptor, byte[] Content)> FetchManifestByReferenceAsync(string reference, CancellationToken cancellationToken)
        => Manifests.FetchByReferenceAsync(reference, cancellationToken);

    /// <inheritdoc cref="IOciManifestStore.FetchAsync"/>
    public Task<byte[]> FetchManifestAsync(Descriptor descriptor, CancellationToken cancellationToken) => Manifests.FetchAsync(descriptor, cancellationToken);

    /// <inheritdoc cref="IOciManifestStore.PushAsync"/>
    public Task<Descriptor> PushManifestAsync(ReadOnlyMemory<byte> content, string mediaType, string? tag, CancellationToken cancellationToken)
        => Manifests.PushAsync(content, mediaType, tag, cancellationToken);

    /// <summary><c>HEAD /blobs/DIGEST</c>: true on 200, false on 404.</summary>
    public Task<bool> BlobExistsAsync(Descriptor descriptor, CancellationToken cancellationToken) => Blobs.ExistsAsync(descriptor.Digest, cancellationToken);

    /// <summary><c>HEAD /blobs/DIGEST</c>: true on 200, false on 404.</summary>
    public Task<bool> BlobExistsAsync(Digest digest, CancellationToken cancellationToken) => Blobs.ExistsAsync(digest, cancellationToken);

    /// <inheritdoc cref="IOciBlobStore.FetchAsync"/>
    public Task FetchBlobAsync(Descriptor descriptor, Stream destination, CancellationToken cancellationToken) => Blobs.FetchAsync(descriptor, destination, cancellationToken);

    /// <inheritdoc cref="IOciBlobStore.FetchTailAsync"/>
    public Task<byte[]?> FetchBlobTailAsync(Descriptor descriptor, int length, CancellationToken cancellationToken) => Blobs.FetchTailAsync(descriptor, length, cancellationToken);

    /// <inheritdoc cref="IOciBlobStore.FetchToFileAsync"/>
    public Task FetchBlobToFileAsync(Descriptor descriptor, string path, CancellationToken cancellationToken) => Blobs.FetchToFileAsync(descriptor, path, cancellationToken);

    /// <inheritdoc cref="IOciBlobStore.OpenAsync"/>
    public Task<Stream> OpenBlobAsync(Descriptor descriptor, CancellationToken cancellationToken) => Blobs.OpenAsync(descriptor, cancellationToken);

    public Task<BlobPushResult> PushBlobAsync(Descriptor descriptor, Stream content, CancellationToken cancellationToken)
        => Uploads.PushAsync(descriptor, content, null, cancellationToken);

    /// <inheritdoc cref="IOciBlobUploader.PushAsync"/>
    public Task<BlobPushResult> PushBlobAsync(Descriptor descriptor, Stream content, string? mountFrom, CancellationToken cancellationToken)
        => Uploads.PushAsync(descriptor, content, mountFrom, cancellationToken);
}
