using System;
using System.Globalization;
using System.IO;
using System.Net;
using System.Net.Http;
using System.Net.Http.Headers;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.Extensions.Logging;
using TofuMirror.Oci.Content;
using TofuMirror.Oci.Transport;

namespace TofuMirror.Oci.Remote;

/// <summary>
/// <c>POST /blobs/uploads/</c> then one <c>PUT</c> or <c>PATCH</c> chunks and a closing <c>PUT</c>; cross-repository
/// mounts; abandoned sessions are cancelled.
/// </summary>
internal sealed class OciBlobUploader : IOciBlobUploader
{
    private readonly RepositoryConnection _connection;
    private readonly IOciBlobStore _blobs;

    public OciBlobUploader(RepositoryConnection connection, IOciBlobStore blobs)
    {
        _connection = connection;
        _blobs = blobs;
    }

    /// <summary>
    /// Uploads a blob unless <c>HEAD</c> finds it. With <paramref name="mountFrom"/> (another
    /// repository of the same registry) a cross-repository mount is tried first; a registry that
    /// answers 202 instead of mounting gets the bytes uploaded in the session it opened.
    /// Blobs of at least <see cref="OciClientOptions.ChunkedUploadThreshold"/> bytes go up in
    /// <c>PATCH</c> chunks, smaller ones in one <c>PUT</c>. <paramref name="content"/> must yield
    /// exactly <see cref="Descriptor.Size"/> bytes hashing to the digest, or the upload is abandoned.
    /// </summary>
    public async Task<BlobPushResult> PushAsync(Descriptor descriptor, Stream content, string? mountFrom, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(descriptor);
        ArgumentNullException.ThrowIfNull(content);
        if (mountFrom is not null && !RepositoryNames.IsValidRepository(mountFrom)) throw new ArgumentException($"invalid repository \"{mountFrom}\"", nameof(mountFrom));
        var reference = descriptor.Digest.ToString();
        if (await _blobs.ExistsAsync(descriptor.Digest, cancellationToken).ConfigureAwait(false)) return BlobPushResult.AlreadyExists;

        var context = OciRequestContext.Push(_connection.Registry, _connection.Repository, mountFrom);
        var start = "blobs/uploads/";
        if (mountFrom is not null && mountFrom != _connection.Repository)
            start += "?mount=" + Uri.EscapeDataString(reference) + "&from=" + Uri.EscapeDataString(mountFrom);
        Uri location;
        using (var request = new HttpRequestMessage(HttpMethod.Post, _connection.RepoUri(start)))
        {
            request.Content = new ByteArrayContent(Array.Empty<byte>());
            using var response = await _connection.SendAsync(request, context, "starting upload of blob", reference, cancellationToken).ConfigureAwait(false);
            if (response.StatusCode == HttpStatusCode.Created && mountFrom is not null)
            {
                _connection.Logger.LogDebug("mounted {Digest} from {From} into {Repository}", reference, mountFrom, _connection.Name);
                return BlobPushResult.Mounted;
            }

            if (response.StatusCode != HttpStatusCode.Accepted) throw await _connection.ErrorAsync(response, "starting upload of blob", reference, cancellationToken).ConfigureAwait(false);
            location = UploadLocation(response, request.RequestUri!, reference);
        }

        try
        {
            var verified = new VerifyingStream(content, descriptor.Digest, descriptor.Size, leaveOpen: true);
            if (descriptor.Size >= _connection.Options.ChunkedUploadThreshold)
                await UploadChunkedAsync(location, verified, descriptor, context, cancellationToken).ConfigureAwait(false);
            else
                await UploadMonolithicAsync(location, verified, descriptor, context, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception) when (!cancellationToken.IsCancellationRequested)
        {
            await AbandonAsync(location, context).ConfigureAwait(false);
            throw;
        }

        _connection.Logger.LogDebug("uploaded {Digest} ({Size} bytes) to {Repository}", reference, descriptor.Size, _connection.Name);
        return BlobPushResult.Uploaded;
    }

    private async Task UploadMonolithicAsync(Uri location, VerifyingStream content, Descriptor descriptor, OciRequestContext context, CancellationToken cancellationToken)
    {
        var reference = descriptor.Digest.ToString();
        using var request = new HttpRequestMessage(HttpMethod.Put, WithQuery(location, "digest", reference))
        {
            Content = new StreamContent(content, OciBlobStore.CopyBufferSize),
        };
        request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/octet-stream");
        request.Content.Headers.ContentLength = descriptor.Size;
        using var response = await SendUploadAsync(request, context, reference, cancellationToken).ConfigureAwait(false);
        if (response.StatusCode != HttpStatusCode.Created) throw await _connection.ErrorAsync(response, "uploading blob", reference, cancellationToken).ConfigureAwait(false);
        CheckStoredDigest(response, descriptor);
    }

    private async Task UploadChunkedAsync(Uri location, VerifyingStream content, Descriptor descriptor, OciRequestContext context, CancellationToken cancellationToken)
    {
        var reference = descriptor.Digest.ToString();
        var chunk = new byte[(int)Math.Min(_connection.Options.UploadChunkSize, Math.Max(1, descriptor.Size))];
        long offset = 0;
        while (true)
        {
            var filled = 0;
            while (filled < chunk.Length)
            {
                var n = await content.ReadAsync(chunk.AsMemory(filled), cancellationToken).ConfigureAwait(false);
                if (n == 0) break;
                filled += n;
            }

            if (filled == 0) break; // end reached: the VerifyingStream has checked size and digest
            using var request = new HttpRequestMessage(HttpMethod.Patch, location)
            {
                Content = new ByteArrayContent(chunk, 0, filled),
            };
            request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/octet-stream");
            request.Content.Headers.TryAddWithoutValidation("Content-Range",
                string.Create(CultureInfo.InvariantCulture, $"{offset}-{offset + filled - 1}"));
            using var response = await SendUploadAsync(request, context, reference, cancellationToken).ConfigureAwait(false);
            if (response.StatusCode != HttpStatusCode.Accepted) throw await _connection.ErrorAsync(response, "uploading chunk of blob", reference, cancellationToken).ConfigureAwait(false);
            location = UploadLocation(response, location, reference);
            offset += filled;
        }

        using var finish = new HttpRequestMessage(HttpMethod.Put, WithQuery(location, "digest", reference))
        {
            Content = new ByteArrayContent(Array.Empty<byte>()),
        };
        finish.Content.Headers.ContentType = new MediaTypeHeaderValue("application/octet-stream");
        using var done = await SendUploadAsync(finish, context, reference, cancellationToken).ConfigureAwait(false);
        if (done.StatusCode != HttpStatusCode.Created) throw await _connection.ErrorAsync(done, "finishing upload of blob", reference, cancellationToken).ConfigureAwait(false);
        CheckStoredDigest(done, descriptor);
    }

    /// <summary>Sends an upload request; a content check that fails inside the request body surfaces as itself.</summary>
    private async Task<HttpResponseMessage> SendUploadAsync(HttpRequestMessage request, OciRequestContext context, string reference, CancellationToken cancellationToken)
    {
        try
        {
            return await _connection.SendAsync(request, context, "uploading blob", reference, cancellationToken).ConfigureAwait(false);
        }
        catch (OciUnavailableException e) when (Unwrap(e) is OciException inner)
        {
            throw _connection.Fill(inner, reference, null);
        }
    }

    private static OciException? Unwrap(Exception e)
    {
        for (var inner = e.InnerException; inner is not null; inner = inner.InnerException)
        {
            if (inner is OciException oci) return oci;
        }

        return null;
    }

    private void CheckStoredDigest(HttpResponseMessage response, Descriptor descriptor)
    {
        var stored = RepositoryConnection.HeaderDigest(response);
        if (stored is not null && stored.Value != descriptor.Digest)
        {
            throw _connection.Fill(new OciDigestMismatchException(
                $"the registry stored blob digest {stored.Value} but {descriptor.Digest} was pushed", descriptor.Digest.ToString(), stored.Value.ToString()), descriptor.Digest.ToString(), response.StatusCode);
        }
    }

    private async Task AbandonAsync(Uri location, OciRequestContext context)
    {
        try
        {
            using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(10));
            using var request = new HttpRequestMessage(HttpMethod.Delete, location);
            using var response = await _connection.SendAsync(request, context, "cancelling upload to", null, cts.Token).ConfigureAwait(false);
        }
        catch (Exception e) when (e is OciException or OperationCanceledException)
        {
            _connection.Logger.LogDebug("could not cancel upload session in {Repository}: {Error}", _connection.Name, e.Message);
        }
    }

    /// <summary>The upload session URL of a 202 answer, resolved against the request (relative or absolute, query kept).</summary>
    private Uri UploadLocation(HttpResponseMessage response, Uri requestUri, string reference)
    {
        var location = response.Headers.Location;
        if (location is null)
            throw _connection.Fill(new OciProtocolException($"uploading blob to {_connection.Name}: the registry answered {(int)response.StatusCode} without a Location header"), reference, response.StatusCode);
        var absolute = location.IsAbsoluteUri ? location : new Uri(requestUri, location);
        _connection.EnsureNoDowngrade(absolute, $"the upload session of {_connection.Name}", reference);
        if (!string.Equals(HostNames.AuthorityOf(absolute), _connection.Registry, StringComparison.OrdinalIgnoreCase))
            _connection.Logger.LogDebug("upload session of {Repository} continues on {Host}", _connection.Name, HostNames.AuthorityOf(absolute));
        return absolute;
    }

    /// <summary>Adds <c>name=value</c> to the query of <paramref name="uri"/>, keeping what is there.</summary>
    internal static Uri WithQuery(Uri uri, string name, string value)
    {
        var builder = new UriBuilder(uri);
        var existing = builder.Query.TrimStart('?');
        var add = name + "=" + Uri.EscapeDataString(value);
        builder.Query = existing.Length == 0 ? add : existing + "&" + add;
        return builder.Uri;
    }
}
