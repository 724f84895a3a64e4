using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Net;
using System.Net.Http;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.Extensions.Logging;
using TofuMirror.Oci.Content;
using TofuMirror.Oci.Referrers;
using TofuMirror.Oci.Transport;

namespace TofuMirror.Oci.Remote;

/// <summary>
/// Referrers of one remote repository: <c>GET /referrers/DIGEST?artifactType=T</c> (OCI 1.1, paged by <c>Link</c>,
/// filtered here unless the registry says <c>OCI-Filters-Applied: artifactType</c>), and the referrers tag schema
/// when the API answers 404. A push relies on the registry's own index when its manifest PUT answers
/// <c>OCI-Subject</c>, and updates the <c>sha256-HEX</c> tag otherwise.
/// </summary>
internal sealed class OciReferrerStore : IOciReferrerStore
{
    private readonly RepositoryConnection _connection;
    private readonly OciManifestStore _manifests;
    private readonly TagSchemaReferrers _fallback;

    public OciReferrerStore(RepositoryConnection connection, OciManifestStore manifests, IOciRepositoryStore repository)
    {
        _connection = connection;
        _manifests = manifests;
        _fallback = new TagSchemaReferrers(repository);
    }

    public async Task<Descriptor> PushReferrerAsync(ReadOnlyMemory<byte> manifest, string mediaType, CancellationToken cancellationToken)
    {
        var entry = ReferrerRules.EntryFor(manifest, mediaType);
        var subject = ReferrerRules.SubjectOf(manifest);
        var (descriptor, subjectIndexed) = await _manifests.PushReportingSubjectAsync(manifest, mediaType, null, cancellationToken).ConfigureAwait(false);
        if (!subjectIndexed) await _fallback.AddEntryAsync(subject, entry, cancellationToken).ConfigureAwait(false);
        return descriptor;
    }

    public async Task<IReadOnlyList<Descriptor>> ListReferrersAsync(Digest subject, string? artifactType, CancellationToken cancellationToken)
    {
        var reference = subject.ToString();
        var next = _connection.RepoUri("referrers/" + reference + (artifactType is null ? string.Empty : "?artifactType=" + Uri.EscapeDataString(artifactType)));
        var found = new List<Descriptor>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        for (var page = 0; next is not null; page++)
        {
            if (page >= ReferrerRules.MaxPages || !seen.Add(next.AbsoluteUri))
                throw _connection.Fill(new OciProtocolException($"listing referrers of {_connection.Describe(reference)} did not end after {page} pages"), reference, null);
            if (!string.Equals(HostNames.AuthorityOf(next), _connection.Registry, StringComparison.OrdinalIgnoreCase))
                throw _connection.Fill(new OciProtocolException($"listing referrers of {_connection.Describe(reference)}: the registry linked the next page to another host ({HostNames.AuthorityOf(next)})"), reference, null);
            _connection.EnsureNoDowngrade(next, $"the next page of the referrers of {_connection.Describe(reference)}", reference);

            using var request = new HttpRequestMessage(HttpMethod.Get, next);
            request.Headers.Accept.ParseAdd(MediaTypes.ImageIndex);
            using var response = await _connection.SendAsync(request, _connection.PullContext, "listing referrers of", reference, cancellationToken, HttpCompletionOption.ResponseHeadersRead).ConfigureAwait(false);
            if (page == 0 && response.StatusCode == HttpStatusCode.NotFound)
            {
                _connection.Logger.LogDebug("{Repository} has no referrers API; reading the referrers tag of {Subject}", _connection.Name, reference);
                return await _fallback.ListReferrersAsync(subject, artifactType, cancellationToken).ConfigureAwait(false);
            }

            if (!response.IsSuccessStatusCode) throw await _connection.ErrorAsync(response, "listing referrers of", reference, cancellationToken).ConfigureAwait(false);
            var body = await ReadPageAsync(response, reference, cancellationToken).ConfigureAwait(false);
            var index = ParsePage(body, reference);
            var filtered = FiltersApplied(response, artifactType) ? index.Manifests : ReferrerRules.Filter(index.Manifests, artifactType, _connection.Describe(reference));
            found.AddRange(filtered);
            if (found.Count > ReferrerRules.MaxReferrers)
                throw _connection.Fill(new OciSizeLimitException($"{_connection.Describe(reference)} has more than {ReferrerRules.MaxReferrers} referrers; refusing to read them"), reference, response.StatusCode);
            next = LinkHeader.Next(response, next);
        }

        return found;
    }

    private static bool FiltersApplied(HttpResponseMessage response, string? artifactType)
        => artifactType is not null
           && response.Headers.TryGetValues("OCI-Filters-Applied", out var values)
           && values.SelectMany(v => v.Split(',', StringSplitOptions.TrimEntries)).Contains("artifactType", StringComparer.Ordinal);

    private async Task<byte[]> ReadPageAsync(HttpResponseMessage response, string reference, CancellationToken cancellationToken)
    {
        var limit = ContentReader.LargestManifestSize(_connection.Options.ManifestSizeLimitMiB);
        var what = $"the referrers of {_connection.Describe(reference)}";
        try
        {
            if (response.Content.Headers.ContentLength > limit)
                throw new OciSizeLimitException($"{what} is larger than the manifest size limit of {_connection.Options.ManifestSizeLimitMiB} MiB");
            using var body = await _connection.OpenBodyAsync(response, cancellationToken).ConfigureAwait(false);
            return await ContentReader.ReadAllAsync(body, limit, what, cancellationToken).ConfigureAwait(false);
        }
        catch (OciException e)
        {
            throw _connection.Fill(e, reference, response.StatusCode);
        }
        catch (Exception e) when (e is IOException or HttpRequestException)
        {
            throw _connection.Fill(new OciUnavailableException($"reading {what} failed: the connection broke ({e.Message})", e), reference, response.StatusCode);
        }
    }

    private OciIndex ParsePage(byte[] body, string reference)
    {
        try
        {
            if (OciJsonReader.Sniff(body).Kind != OciJsonReader.ManifestKind.Index) throw new OciProtocolException("not an image index");
            return OciJsonReader.ParseIndex(body);
        }
        catch (OciProtocolException e)
        {
            throw _connection.Fill(new OciProtocolException($"the registry answered the referrers of {_connection.Describe(reference)} with something other than an image index ({e.Message})", e), reference, null);
        }
    }
}
