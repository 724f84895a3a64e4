using System;
using System.Net;
using System.Net.Http;
using System.Threading;
using System.Threading.Tasks;
using TofuMirror.Oci.Content;

namespace TofuMirror.Oci.Remote;

/// <summary>Turns unsuccessful registry responses into the <see cref="OciException"/> of their family, with a message that says what to do.</summary>
internal static class RegistryErrors
{
    public static async Task<OciException> ReadAsync(RepositoryConnection connection, HttpResponseMessage response, string operation, string? reference, CancellationToken cancellationToken)
    {
        byte[] body;
        try
        {
            body = response.Content is null
                ? Array.Empty<byte>()
                : await ContentReader.ReadAllAsync(await response.Content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false), 64 * 1024, "error body", cancellationToken).ConfigureAwait(false);
        }
        catch (Exception readError) when (readError is OciSizeLimitException or System.IO.IOException or HttpRequestException)
        {
            body = Array.Empty<byte>();
        }

        var (codes, summary) = OciErrorBody.Parse(body);
        var status = response.StatusCode;
        var head = $"{operation} {connection.Describe(reference)} failed: {(int)status} {response.ReasonPhrase}";
        if (summary.Length > 0) head += $" ({summary})";
        var sentCredentials = response.RequestMessage?.Headers.Authorization is not null;

        OciException e;
        if (status == HttpStatusCode.NotFound || OciErrorBody.Contains(codes, OciErrorBody.IsNotFoundCode))
        {
            e = new OciNotFoundException(head + "; check the repository name and that the tag or digest was pushed");
        }
        else if (status is HttpStatusCode.Unauthorized or HttpStatusCode.Forbidden || OciErrorBody.Contains(codes, OciErrorBody.IsUnauthorizedCode))
        {
            var advice = sentCredentials
                ? $"the registry refused the credentials for {connection.Registry}; check that they are valid and allowed to access {connection.Repository}"
                : $"the registry needs credentials; configure them for {connection.Registry}";
            e = new OciUnauthorizedException(head + "; " + advice);
        }
        else if (OciErrorBody.Contains(codes, c => c is "MANIFEST_BLOB_UNKNOWN"))
        {
            e = new OciProtocolException(head + "; the manifest refers to blobs the repository does not have, push them first");
        }
        else if (OciErrorBody.Contains(codes, c => c is "DIGEST_INVALID"))
        {
            e = new OciDigestMismatchException(head + "; the content sent does not match its digest", reference ?? string.Empty, null);
        }
        else if (OciErrorBody.Contains(codes, c => c is "SIZE_INVALID" or "MANIFEST_INVALID" or "TAG_INVALID" or "UNSUPPORTED"))
        {
            e = new OciProtocolException(head + "; the registry rejected the content");
        }
        else if ((int)status >= 500 || status == HttpStatusCode.TooManyRequests)
        {
            e = new OciUnavailableException(head + "; the registry kept failing after retries, try again later");
        }
        else
        {
            e = new OciProtocolException(head);
        }

        e.ErrorCodes = codes;
        return connection.Fill(e, reference, status);
    }
}
