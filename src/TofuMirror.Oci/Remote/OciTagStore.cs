using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Net.Http;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.Extensions.Logging;
using TofuMirror.Oci.Content;
using TofuMirror.Oci.Transport;

namespace TofuMirror.Oci.Remote;

/// <summary><c>GET /tags/list</c>, page after page.</summary>
internal sealed class OciTagStore : IOciTagStore
{
    /// <summary>The most bytes one tag-list page may have.</summary>
    internal const long MaxTagListBytes = 64L * 1024 * 1024;

    private const int MaxTagPages = 100_000;
    private readonly RepositoryConnection _connection;

    public OciTagStore(RepositoryConnection connection) => _connection = connection;

    /// <summary>
    /// All tags, following <c>Link: &lt;...&gt;; rel="next"</c> pages (relative or absolute) to the
    /// end. <paramref name="pageSize"/> is sent as <c>n</c> and <paramref name="last"/> as <c>last</c>
    /// on the first request (registries may ignore them).
    /// </summary>
    public async Task<IReadOnlyList<string>> ListAsync(int? pageSize, string? last, CancellationToken cancellationToken)
    {
        var tags = new List<string>();
        var query = new List<string>();
        if (pageSize is > 0) query.Add("n=" + pageSize.Value.ToString(CultureInfo.InvariantCulture));
        if (!string.IsNullOrEmpty(last)) query.Add("last=" + Uri.EscapeDataString(last));
        var next = _connection.RepoUri("tags/list" + (query.Count > 0 ? "?" + string.Join("&", query) : string.Empty));
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var context = _connection.PullContext;
        for (var page = 0; next is not null; page++)
        {
            if (page >= MaxTagPages || !seen.Add(next.AbsoluteUri))
                throw _connection.Fill(new OciProtocolException($"listing tags of {_connection.Name} did not end: the registry's next-page links loop"), null, null);
            if (!string.Equals(HostNames.AuthorityOf(next), _connection.Registry, StringComparison.OrdinalIgnoreCase))
                throw _connection.Fill(new OciProtocolException($"listing tags of {_connection.Name}: the registry linked the next page to another host ({HostNames.AuthorityOf(next)})"), null, null);
            _connection.EnsureNoDowngrade(next, $"the next page of the tags of {_connection.Name}", null);

            using var request = new HttpRequestMessage(HttpMethod.Get, next);
            using var response = await _connection.SendAsync(request, context, "listing tags of", null, cancellationToken, HttpCompletionOption.ResponseHeadersRead).ConfigureAwait(false);
            if (!response.IsSuccessStatusCode) throw await _connection.ErrorAsync(response, "listing tags of", null, cancellationToken).ConfigureAwait(false);
            var body = await ReadPageAsync(response, cancellationToken).ConfigureAwait(false);
            ReadTags(body, tags);
            next = LinkHeader.Next(response, next);
        }

        _connection.Logger.LogDebug("{Repository}: {Count} tags", _connection.Name, tags.Count);
        return tags;
    }

    /// <summary>One page's bytes, read no further than <see cref="MaxTagListBytes"/>.</summary>
    private async Task<byte[]> ReadPageAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        var what = $"the tag list of {_connection.Name}";
        try
        {
            if (response.Content.Headers.ContentLength > MaxTagListBytes)
                throw new OciSizeLimitException($"{what} is larger than the limit of {MaxTagListBytes} bytes");
            using var body = await _connection.OpenBodyAsync(response, cancellationToken).ConfigureAwait(false);
            return await ContentReader.ReadAllAsync(body, MaxTagListBytes, what, cancellationToken).ConfigureAwait(false);
        }
        catch (OciException e)
        {
            throw _connection.Fill(e, null, response.StatusCode);
        }
        catch (Exception e) when (e is IOException or HttpRequestException)
        {
            throw _connection.Fill(new OciUnavailableException($"reading {what} failed: the connection broke ({e.Message})", e), null, response.StatusCode);
        }
    }

    private void ReadTags(byte[] body, List<string> into)
    {
        try
        {
            using var doc = JsonDocument.Parse(body);
            if (doc.RootElement.ValueKind != JsonValueKind.Object) throw new JsonException("not an object");
            if (!doc.RootElement.TryGetProperty("tags", out var tags) || tags.ValueKind == JsonValueKind.Null) return;
            if (tags.ValueKind != JsonValueKind.Array) throw new JsonException("\"tags\" is not an array");
            foreach (var tag in tags.EnumerateArray())
            {
                if (tag.ValueKind == JsonValueKind.String) into.Add(tag.GetString()!);
            }
        }
        catch (JsonException e)
        {
            throw _connection.Fill(new OciProtocolException($"listing tags of {_connection.Name}: the registry returned a malformed tag list ({e.Message})", e), null, null);
        }
    }
}
