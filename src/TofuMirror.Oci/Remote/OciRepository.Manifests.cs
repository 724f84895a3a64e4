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

public sealed partial class OciRepository
{
    /// <summary>
    /// <c>HEAD /manifests/REF</c> with the ORAS Accept list; the descriptor comes from
    /// <c>Content-Type</c>, <c>Docker-Content-Digest</c> and <c>Content-Length</c>. Falls back to a GET
    /// when the registry leaves out the digest or length.
    /// </summary>
    public async Task<Descriptor> ResolveAsync(string reference, CancellationToken cancellationToken)
    {
        var digestReference = CheckReference(reference);
        using var request = new HttpRequestMessage(HttpMethod.Head, RepoUri("manifests/" + reference));
        AddManifestAccept(request, null);
        using var response = await SendAsync(request, OciRequestContext.Pull(Registry, Repository), "resolving", reference, cancellationToken).ConfigureAwait(false);
        if (!response.IsSuccessStatusCode) throw await ErrorAsync(response, "resolving", reference, cancellationToken).ConfigureAwait(false);

        var mediaType = response.Content.Headers.ContentType?.MediaType;
        var length = response.Content.Headers.ContentLength;
        var digest = HeaderDigest(response) ?? digestReference;
        if (digest is null || length is null || string.IsNullOrEmpty(mediaType))
        {
            var (descriptor, _) = await FetchManifestByReferenceAsync(reference, cancellationToken).ConfigureAwait(false);
            return descriptor;
        }

        if (digestReference is not null && digest != digestReference)
        {
            throw Fill(new OciDigestMismatchException(
                $"resolving {Describe(reference)}: the registry answered with digest {digest}", reference, digest.Value.ToString()), reference, response.StatusCode);
        }

        return new Descriptor(mediaType!, digest.Value, length.Value);
    }

    /// <summary>
    /// <c>GET /manifests/REF</c> for a tag or digest: the bytes (bounded by the manifest size limit)
    /// and their descriptor. For a digest reference the bytes are verified against it.
    /// </summary>
    public async Task<(Descriptor Descriptor, byte[] Content)> FetchManifestByReferenceAsync(string reference, CancellationToken cancellationToken)
    {
        var digestReference = CheckReference(reference);
        using var request = new HttpRequestMessage(HttpMethod.Get, RepoUri("manifests/" + reference));
        AddManifestAccept(request, null);
        using var response = await SendAsync(request, OciRequestContext.Pull(Registry, Repository), "fetching manifest", reference, cancellationToken, HttpCompletionOption.ResponseHeadersRead).ConfigureAwait(false);
        if (!response.IsSuccessStatusCode) throw await ErrorAsync(response, "fetching manifest", reference, cancellationToken).ConfigureAwait(false);
        var limit = ContentReader.LargestManifestSize(_options.ManifestSizeLimitMiB);
        if (response.Content.Headers.ContentLength is long declared && ContentReader.ExceedsManifestLimit(declared, _options.ManifestSizeLimitMiB))
            throw Fill(SizeLimit(declared), reference, response.StatusCode);
        var bytes = await ReadBodyAsync(response, limit, "manifest " + Describe(reference), reference, cancellationToken).ConfigureAwait(false);
        var actual = Digest.Compute(bytes);
        var expected = digestReference ?? HeaderDigest(response);
        if (expected is not null && expected.Value != actual)
        {
            throw Fill(new OciDigestMismatchException(
                $"manifest content does not match digest {expected.Value} (got {actual}) for {Describe(reference)}", expected.Value.ToString(), actual.ToString()), reference, response.StatusCode);
        }

        var mediaType = response.Content.Headers.ContentType?.MediaType;
        if (string.IsNullOrEmpty(mediaType) || mediaType == "application/json") mediaType = OciJsonReader.Sniff(bytes).MediaType ?? mediaType ?? string.Empty;
        return (new Descriptor(mediaType, actual, bytes.Length), bytes);
    }

    /// <summary>
    /// <c>GET /manifests/DIGEST</c> with Accept = the descriptor's media type; rejects sizes over
    /// OpenTofu's limit before asking, reads at most <see cref="Descriptor.Size"/> bytes, verifies the digest.
    /// </summary>
    public async Task<byte[]> FetchManifestAsync(Descriptor descriptor, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(descriptor);
        var reference = descriptor.Digest.ToString();
        if (ContentReader.ExceedsManifestLimit(descriptor.Size, _options.ManifestSizeLimitMiB))
            throw Fill(SizeLimit(descriptor.Size), reference, null);
        using var request = new HttpRequestMessage(HttpMethod.Get, RepoUri("manifests/" + reference));
        AddManifestAccept(request, descriptor.MediaType);
        using var response = await SendAsync(request, OciRequestContext.Pull(Registry, Repository), "fetching manifest", reference, cancellationToken, HttpCompletionOption.ResponseHeadersRead).ConfigureAwait(false);
        if (!response.IsSuccessStatusCode) throw await ErrorAsync(response, "fetching manifest", reference, cancellationToken).ConfigureAwait(false);
        var bytes = await ReadBodyAsync(response, descriptor.Size, "manifest " + Describe(reference), reference, cancellationToken).ConfigureAwait(false);
        try
        {
            ContentReader.Verify(bytes, descriptor, "manifest");
        }
        catch (OciException e)
        {
            throw Fill(e, reference, response.StatusCode);
        }

        return bytes;
    }

    /// <summary>
    /// <c>PUT /manifests/TAG-or-DIGEST</c> with <c>Content-Type: mediaType</c>. Without a tag the
    /// manifest is pushed by digest. Returns the descriptor of what was pushed.
    /// </summary>
    public async Task<Descriptor> PushManifestAsync(ReadOnlyMemory<byte> content, string mediaType, string? tag, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(mediaType);
        if (tag is not null && !RepositoryNames.IsValidTag(tag)) throw new ArgumentException($"invalid tag \"{tag}\"", nameof(tag));
        var digest = Digest.Compute(content.Span);
        var reference = tag ?? digest.ToString();
        if (ContentReader.ExceedsManifestLimit(content.Length, _options.ManifestSizeLimitMiB))
            throw Fill(SizeLimit(content.Length), reference, null);
        var body = content.ToArray();
        for (var attempt = 1; ; attempt++)
        {
            using var request = new HttpRequestMessage(HttpMethod.Put, RepoUri("manifests/" + reference))
            {
                Content = new ByteArrayContent(body),
            };
            request.Content.Headers.ContentType = new MediaTypeHeaderValue(mediaType);
            using var response = await SendAsync(request, OciRequestContext.Push(Registry, Repository), "pushing manifest", reference, cancellationToken).ConfigureAwait(false);
            if (!response.IsSuccessStatusCode)
            {
                var error = await ErrorAsync(response, "pushing manifest", reference, cancellationToken).ConfigureAwait(false);
                // Quirk: while another client commits the same blob, CNCF distribution briefly reports it
                // unknown (its link file is rewritten in place). Such a manifest push succeeds moments later.
                if (error.HasErrorCode("MANIFEST_BLOB_UNKNOWN") && attempt < ManifestBlobUnknownAttempts)
                {
                    _logger.LogDebug("manifest {Reference} refers to a blob not yet visible in {Repository}; retrying", reference, Name);
                    await Task.Delay(TimeSpan.FromMilliseconds(100 * attempt), cancellationToken).ConfigureAwait(false);
                    continue;
                }

                throw error;
            }

            CheckManifestDigest(response, digest, reference);
            break;
        }

        _logger.LogDebug("pushed manifest {Digest} to {Repository} as {Reference}", digest, Name, reference);
        return new Descriptor(mediaType, digest, content.Length);
    }

    private const int ManifestBlobUnknownAttempts = 4;

    private void CheckManifestDigest(HttpResponseMessage response, Digest digest, string reference)
    {
        var answered = HeaderDigest(response);
        if (answered is not null && answered.Value != digest)
        {
            throw Fill(new OciDigestMismatchException(
                $"pushing manifest {Describe(reference)}: the registry stored digest {answered.Value} but the content hashes to {digest}", digest.ToString(), answered.Value.ToString()), reference, response.StatusCode);
        }
    }

    /// <summary><c>DELETE /manifests/DIGEST</c> (registries may refuse with 405 when deletes are disabled).</summary>
    public async Task DeleteManifestAsync(Digest digest, CancellationToken cancellationToken)
    {
        var reference = digest.ToString();
        using var request = new HttpRequestMessage(HttpMethod.Delete, RepoUri("manifests/" + reference));
        using var response = await SendAsync(request, new OciRequestContext(Registry, Repository, new[] { $"repository:{Repository}:delete" }), "deleting manifest", reference, cancellationToken).ConfigureAwait(false);
        if (!response.IsSuccessStatusCode) throw await ErrorAsync(response, "deleting manifest", reference, cancellationToken).ConfigureAwait(false);
    }

    private OciSizeLimitException SizeLimit(long size)
        => new($"manifest size {size} bytes exceeds OpenTofu's size limit of {_options.ManifestSizeLimitMiB} MiB");

    private async Task<byte[]> ReadBodyAsync(HttpResponseMessage response, long max, string what, string? reference, CancellationToken cancellationToken)
    {
        try
        {
            var stream = await response.Content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false);
            return await ContentReader.ReadAllAsync(stream, max, what, cancellationToken).ConfigureAwait(false);
        }
        catch (OciException e)
        {
            throw Fill(e, reference, response.StatusCode);
        }
        catch (Exception e) when (e is System.IO.IOException or HttpRequestException)
        {
            throw Fill(new OciUnavailableException($"reading {what} failed: the connection broke ({e.Message})", e), reference, response.StatusCode);
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

    private static Digest? HeaderDigest(HttpResponseMessage response)
        => response.Headers.TryGetValues("Docker-Content-Digest", out var values)
            && Digest.TryParse(string.Join(",", values).Trim(), out var digest) ? digest : null;

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
