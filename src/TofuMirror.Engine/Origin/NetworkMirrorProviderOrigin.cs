using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;
using TofuMirror.Model.Addresses;
using TofuMirror.Model.CliConfig;
using TofuMirror.Model.Diagnostics;
using TofuMirror.Model.Hashing;
using TofuMirror.Model.Platforms;
using TofuMirror.Model.Versions;

namespace TofuMirror.Engine.Origin;

/// <summary>
/// A provider network mirror (<c>BASE/HOST/NAMESPACE/TYPE/index.json</c> and <c>VERSION.json</c>): its hashes are
/// reported as they are, its <c>zh:</c> (when present) is the package's shasum, and there is no signature.
/// </summary>
public sealed class NetworkMirrorProviderOrigin : IProviderOrigin
{
    private readonly OriginHttp _http;
    private readonly OriginTokenBinding? _token;

    /// <param name="baseUrl">The mirror's base URL (a trailing <c>/</c> is added when missing).</param>
    /// <param name="http">The run's origin client.</param>
    /// <param name="token">The token of the mirror's host (see <see cref="OriginHostSettings.TokenFor"/>), sent only to that host.</param>
    public NetworkMirrorProviderOrigin(Uri baseUrl, OriginHttp http, OriginToken? token = null)
    {
        ArgumentNullException.ThrowIfNull(baseUrl);
        _http = http ?? throw new ArgumentNullException(nameof(http));
        BaseUrl = baseUrl.AbsolutePath.EndsWith('/') ? baseUrl : new UriBuilder(baseUrl) { Path = baseUrl.AbsolutePath + "/" }.Uri;
        _http.EnsureAllowedScheme(BaseUrl, "Network mirror");
        _token = token is null ? null : new OriginTokenBinding(token, BaseUrl);
    }

    public Uri BaseUrl { get; }

    public string DisplayName => "network mirror " + OriginText.Url(BaseUrl);

    public async Task<IReadOnlyList<OriginVersion>> ListVersionsAsync(ProviderAddress provider, CancellationToken cancellationToken)
    {
        var url = ProviderUrl(provider, "index.json");
        var context = $"Listing the versions of {provider} in the {DisplayName}";
        var document = await _http.GetDocumentAsync(url, _token, context, cancellationToken).ConfigureAwait(false)
            ?? throw new OriginException(DiagnosticCodes.OriginNotFound, $"{context}: the mirror does not have {provider} ({OriginText.Url(url)} answered 404)");
        using var json = OriginJson.Parse(document, context);
        if (!json.RootElement.TryGetProperty("versions", out var versions) || versions.ValueKind != JsonValueKind.Object)
            throw OriginJson.Malformed(context, document.Url, "has no \"versions\" object");
        var result = new List<OriginVersion>();
        foreach (var entry in versions.EnumerateObject())
        {
            try
            {
                result.Add(new OriginVersion(ProviderVersion.Parse(entry.Name), Array.Empty<string>(), Array.Empty<Platform>()));
            }
            catch (Exception e) when (e is FormatException or ArgumentException)
            {
                // Like OpenTofu, a version that does not parse is skipped.
            }
        }
        return result;
    }

    public async Task<OriginPackage?> FindPackageAsync(ProviderAddress provider, ProviderVersion version, Platform platform, CancellationToken cancellationToken)
    {
        var url = ProviderUrl(provider, version + ".json");
        var context = $"Archives of {provider} {version} for {platform} in the {DisplayName}";
        var document = await _http.GetDocumentAsync(url, _token, context, cancellationToken).ConfigureAwait(false)
            ?? throw new OriginException(DiagnosticCodes.OriginNotFound, $"{context}: the mirror does not have version {version} ({OriginText.Url(url)} answered 404)");
        using var json = OriginJson.Parse(document, context);
        if (!json.RootElement.TryGetProperty("archives", out var archives) || archives.ValueKind != JsonValueKind.Object)
            throw OriginJson.Malformed(context, document.Url, "has no \"archives\" object");
        var reported = new Dictionary<Platform, OriginPlatformHashes>();
        Uri? downloadUrl = null;
        foreach (var archive in archives.EnumerateObject())
        {
            var archivePlatform = OriginJson.ParsePlatform(archive.Name, context, document.Url);
            if (archive.Value.ValueKind != JsonValueKind.Object) throw OriginJson.Malformed(context, document.Url, $"has an archive for {archivePlatform} that is not an object");
            var hashes = archive.Value.TryGetProperty("hashes", out var list) ? OriginJson.Hashes(list, context, document.Url) : Array.Empty<PackageHash>();
            reported[archivePlatform] = new OriginPlatformHashes(hashes, null);
            if (archivePlatform.Equals(platform))
                downloadUrl = OriginJson.ResolveUrl(OriginJson.RequiredString(archive.Value, "url", context, document.Url), document.Url, "url", context);
        }
        if (downloadUrl is null) return null;
        var shasum = reported[platform].Hashes.FirstOrDefault(h => h.Scheme == "zh")?.Value;
        var filename = Path.GetFileName(Uri.UnescapeDataString(downloadUrl.AbsolutePath));
        return new OriginPackage(provider, version, platform, filename, downloadUrl, shasum, null, reported, null);
    }

    public Task DownloadAsync(OriginPackage package, Stream destination, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(package);
        var context = $"Downloading {package.Provider} {package.Version} for {package.Platform} from the {DisplayName}";
        return _http.DownloadAsync(package.DownloadUrl, destination, _token, context, cancellationToken);
    }

    public async Task<byte[]?> FetchDocumentAsync(Uri url, CancellationToken cancellationToken) =>
        (await _http.GetDocumentAsync(url, _token, $"Fetching a document of the {DisplayName}", cancellationToken).ConfigureAwait(false))?.Body;

    private Uri ProviderUrl(ProviderAddress provider, string file) =>
        new(BaseUrl, $"{Uri.EscapeDataString(provider.Hostname)}/{Uri.EscapeDataString(provider.Namespace)}/{Uri.EscapeDataString(provider.Type)}/{Uri.EscapeDataString(file)}");
}
