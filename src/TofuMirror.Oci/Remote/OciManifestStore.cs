using System;
using System.Net;
using System.Net.Http;
using System.Net.Http.Headers;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.Extensions.Logging;
using TofuMirror.Oci.Content;
using TofuMirror.Oci.Transport;

namespace TofuMirror.Oci.Remote;

/// <summary><c>HEAD</c>/<c>GET</c>/<c>PUT /manifests/REFERENCE</c>, bounded by OpenTofu's manifest size limit and verified by digest.</summary>
internal sealed class OciManifestStore : IOciManifestStore
{
    private const int ManifestBlobUnknownAttempts = 4;
    private readonly RepositoryConnection _connection;

    public OciManifestStore(RepositoryConnection connection) => _connection = connection;

    /// <summary>
    /// <c>HEAD /manifests/REF</c> with the ORAS Accept list; the descriptor comes from
    /// <c>Content-Type</c>, <c>Docker-Content-Digest</c> and <c>Content-Length</c>. Falls back to a GET
    /// when the registry leaves out the digest or length.
    /// </summary>
    public async Task<Descriptor> ResolveAsync(string reference, CancellationToken cancellationToken)
    {
        var digestReference = CheckReference(reference);
        using var request = new HttpRequestMessage(HttpMethod.Head, _connection.RepoUri("manifests/" + reference));
        AddManifestAccept(request, null);
        using var response = await _connection.SendAsync(request, _connection.PullContext, "resolving", reference, cancellationToken).ConfigureAwait(false);
        if (!response.IsSuccessStatusCode) throw await _connection.ErrorAsync(response, "resolving", reference, cancellationToken).ConfigureAwait(false);

        var mediaType = response.Content.Headers.ContentType?.MediaType;
        var length = response.Content.Headers.ContentLength;
        var digest = RepositoryConnection.HeaderDigest(response) ?? digestReference;
        if (digest is null || length is null || string.IsNullOrEmpty(mediaType))
        {
            var (descriptor, _) = await FetchByReferenceAsync(reference, cancellationToken).ConfigureAwait(false);
            return descriptor;
        }

        if (digestReference is not null && digest != digestReference)
        {
            throw _connection.Fill(new OciDigestMismatchException(
                $"resolving {_connection.Describe(reference)}: the registry answered with digest {digest}", reference, digest.Value.ToString()), reference, response.StatusCode);
        }

        return new Descriptor(mediaType!, digest.Value, length.Value);
    }

    /// <summary>
    /// <c>GET /manifests/REF</c> for a tag or digest: the bytes (bounded by the manifest size limit)
    /// and their descriptor. For a digest reference the bytes are verified against it.
    /// </summary>
    public async Task<(Descriptor Descriptor, byte[] Content)> FetchByReferenceAsync(string reference, CancellationToken cancellationToken)
    {
        var digestReference = CheckReference(reference);
        using var request = new HttpRequestMessage(HttpMethod.Get, _connection.RepoUri("manifests/" + reference));
        AddManifestAccept(request, null);
        using var response = await _connection.SendAsync(request, _connection.PullContext, "fetching manifest", reference, cancellationToken, HttpCompletionOption.ResponseHeadersRead).ConfigureAwait(false);
        if (!response.IsSuccessStatusCode) throw await _connection.ErrorAsync(response, "fetching manifest", reference, cancellationToken).ConfigureAwait(false);
        var limit = ContentReader.LargestManifestSize(_connection.Options.ManifestSizeLimitMiB);
        if (response.Content.Headers.ContentLength is long declared && ContentReader.ExceedsManifestLimit(declared, _connection.Options.ManifestSizeLimitMiB))
            throw _connection.Fill(SizeLimit(declared), reference, response.StatusCode);
        var bytes = await ReadBodyAsync(response, limit, "manifest " + _connection.Describe(reference), reference, cancellationToken).ConfigureAwait(false);
        var actual = Digest.Compute(bytes);
        var expected = digestReference ?? RepositoryConnection.HeaderDigest(response);
        if (expected is not null && expected.Value != actual)
        {
            throw _connection.Fill(new OciDigestMismatchException(
                $"manifest content does not match digest {expected.Value} (got {actual}) for {_connection.Describe(reference)}", expected.Value.ToString(), actual.ToString()), reference, response.StatusCode);
        }

        var mediaType = response.Content.Headers.ContentType?.MediaType;
        if (string.IsNullOrEmpty(mediaType) || mediaType == "application/json") mediaType = OciJsonReader.Sniff(bytes).MediaType ?? mediaType ?? string.Empty;
        return (new Descriptor(mediaType, actual, bytes.Length), bytes);
    }

    /// <summary>
    /// <c>GET /manifests/DIGEST</c> with Accept = the descriptor's media type; rejects sizes over
    /// OpenTofu's limit before asking, reads at most <see cref="Descriptor.Size"/> bytes, verifies the digest.
    /// </summary>
    public async Task<byte[]> FetchAsync(Descriptor descriptor, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(descriptor);
        var reference = descriptor.Digest.ToString();
        if (ContentReader.ExceedsManifestLimit(descriptor.Size, _connection.Options.ManifestSizeLimitMiB))
            throw _connection.Fill(SizeLimit(descriptor.Size), reference, null);
        using var request = new HttpRequestMessage(HttpMethod.Get, _connection.RepoUri("manifests/" + reference));
        AddManifestAccept(request, descriptor.MediaType);
        using var response = await _connection.SendAsync(request, _connection.PullContext, "fetching manifest", reference, cancellationToken, HttpCompletionOption.ResponseHeadersRead).ConfigureAwait(false);
        if (!response.IsSuccessStatusCode) throw await _connection.ErrorAsync(response, "fetching manifest", reference, cancellationToken).ConfigureAwait(false);
        var bytes = await ReadBodyAsync(response, descriptor.Size, "manifest " + _connection.Describe(reference), reference, cancellationToken).ConfigureAwait(false);
        try
        {
            ContentReader.Verify(bytes, descriptor, "manifest");
        }
        catch (OciException e)
        {
            throw _connection.Fill(e, reference, response.StatusCode);
        }

        return bytes;
    }

    /// <summary>
    /// <c>PUT /manifests/TAG-or-DIGEST</c> with <c>Content-Type: mediaType</c>. Without a tag the
    /// manifest is pushed by digest. Returns the descriptor of what was pushed.
    /// </summary>
    public async Task<Descriptor> PushAsync(ReadOnlyMemory<byte> content, string mediaType, string? tag, CancellationToken cancellationToken)
        => (await PushReportingSubjectAsync(content, mediaType, tag, cancellationToken).ConfigureAwait(false)).Descriptor;

    /// <summary>
    /// <see cref="PushAsync"/>, also telling whether the registry answered with an <c>OCI-Subject</c> header: then it
    /// indexed the manifest's subject itself (referrers API) and no referrers tag is needed.
    /// </summary>
    internal async Task<(Descriptor Descriptor, bool SubjectIndexed)> PushReportingSubjectAsync(ReadOnlyMemory<byte> content, string mediaType, string? tag, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(mediaType);
        if (tag is not null && !RepositoryNames.IsValidTag(tag)) throw new ArgumentException($"invalid tag \"{tag}\"", nameof(tag));
        var digest = Digest.Compute(content.Span);
        var reference = tag ?? digest.ToString();
        if (ContentReader.ExceedsManifestLimit(content.Length, _connection.Options.ManifestSizeLimitMiB))
            throw _connection.Fill(SizeLimit(content.Length), reference, null);
        var body = content.ToArray();
        var subjectIndexed = false;
        for (var attempt = 1; ; attempt++)
        {
            using var request = new HttpRequestMessage(HttpMethod.Put, _connection.RepoUri("manifests/" + reference))
            {
                Content = new ByteArrayContent(body),
            };
            request.Content.Headers.ContentType = new MediaTypeHeaderValue(mediaType);
            using var response = await _connection.SendAsync(request, OciRequestContext.Push(_connection.Registry, _connection.Repository), "pushing manifest", reference, cancellationToken).ConfigureAwait(false);
            if (!response.IsSuccessStatusCode)
            {
                var error = await _connection.ErrorAsync(response, "pushing manifest", reference, cancellationToken).ConfigureAwait(false);
                // Quirk: while another client commits the same blob, CNCF distribution briefly reports it
                // unknown (its link file is rewritten in place). Such a manifest push succeeds moments later.
                if (error.HasErrorCode("MANIFEST_BLOB_UNKNOWN") && attempt < ManifestBlobUnknownAttempts)
                {
                    _connection.Logger.LogDebug("manifest {Reference} refers to a blob not yet visible in {Repository}; retrying", reference, _connection.Name);
                    await Task.Delay(TimeSpan.FromMilliseconds(100 * attempt), cancellationToken).ConfigureAwait(false);
                    continue;
                }

                throw error;
            }

            CheckManifestDigest(response, digest, reference);
            subjectIndexed = response.Headers.Contains("OCI-Subject");
            break;
        }

        _connection.Logger.LogDebug("pushed manifest {Digest} to {Repository} as {Reference}", digest, _connection.Name, reference);
        return (new Descriptor(mediaType, digest, content.Length), subjectIndexed);
    }

    private void CheckManifestDigest(HttpResponseMessage response, Digest digest, string reference)
    {
        var answered = RepositoryConnection.HeaderDigest(response);
        if (answered is not null && answered.Value != digest)
        {
            throw _connection.Fill(new OciDigestMismatchException(
                $"pushing manifest {_connection.Describe(reference)}: the registry stored digest {answered.Value} but the content hashes to {digest}", digest.ToString(), answered.Value.ToString()), reference, response.StatusCode);
        }
    }

    private OciSizeLimitException SizeLimit(long size)
        => new($"manifest size {size} bytes exceeds OpenTofu's size limit of {_connection.Options.ManifestSizeLimitMiB} MiB");

    private async Task<byte[]> ReadBodyAsync(HttpResponseMessage response, long max, string what, string? reference, CancellationToken cancellationToken)
    {
        try
        {
            using var stream = await _connection.OpenBodyAsync(response, cancellationToken).ConfigureAwait(false);
            return await ContentReader.ReadAllAsync(stream, max, what, cancellationToken).ConfigureAwait(false);
        }
        catch (OciException e)
        {
            throw _connection.Fill(e, reference, response.StatusCode);
        }
        catch (Exception e) when (e is System.IO.IOException or HttpRequestException)
        {
            throw _connection.Fill(new OciUnavailableException($"reading {what} failed: the connection broke ({e.Message})", e), reference, response.StatusCode);
        }
    }

    private static void AddManifestAccept(HttpRequestMessage request, string? mediaType)
    {
        if (!string.IsNullOrEmpty(mediaType))
        {
            request.Headers.Accept.ParseAdd(mediaType);
            return;
        }

        foreach (var type in MediaTypes.ManifestAccept) request.Headers.Accept.ParseAdd(type);
    }

    /// <summary>Validates a tag or digest reference; returns the digest when it is one.</summary>
    private static Digest? CheckReference(string reference)
    {
        ArgumentException.ThrowIfNullOrEmpty(reference);
        if (reference.Contains(':'))
        {
            if (!Digest.TryParse(reference, out var digest, out var error)) throw new ArgumentException(error, nameof(reference));
            return digest;
        }

        if (!RepositoryNames.IsValidTag(reference)) throw new ArgumentException($"invalid tag \"{reference}\"", nameof(reference));
        return null;
    }
}
