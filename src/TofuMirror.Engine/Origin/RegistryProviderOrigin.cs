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
using TofuMirror.Model.Platforms;
using TofuMirror.Model.Versions;

namespace TofuMirror.Engine.Origin;

/// <summary>
/// An origin provider registry (provider registry protocol, <c>providers.v1</c>): versions, download metadata with its
/// signed-checksum URLs and keys and OpenTofu 1.12's optional <c>packages</c> map. The host's token goes only to the
/// service's own scheme, host and port. Build it with <see cref="CreateAsync"/>.
/// </summary>
public sealed class RegistryProviderOrigin : IProviderOrigin
{
    private readonly OriginHttp _http;
    private readonly OriginTokenBinding? _token;

    public RegistryProviderOrigin(string host, Uri providersBase, OriginHttp http, OriginToken? token)
    {
        Host = host ?? throw new ArgumentNullException(nameof(host));
        ProvidersBase = providersBase ?? throw new ArgumentNullException(nameof(providersBase));
        _http = http ?? throw new ArgumentNullException(nameof(http));
        _token = token is null ? null : new OriginTokenBinding(token, providersBase);
    }

    /// <summary>
    /// The registry of <paramref name="host"/>: its <c>providers.v1</c> service found through <paramref name="discovery"/>
    /// (a <c>host</c> block wins), its token from <c>TF_TOKEN_…</c> or a <c>credentials</c> block.
    /// </summary>
    public static async Task<RegistryProviderOrigin> CreateAsync(string host, ServiceDiscovery discovery, OriginHttp http,
        CliConfig config, CliConfigEnvironment environment, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(discovery);
        ArgumentNullException.ThrowIfNull(config);
        var providersBase = await discovery.ProvidersBaseAsync(host, cancellationToken).ConfigureAwait(false);
        return new RegistryProviderOrigin(host, providersBase, http, config.OriginHosts.TokenFor(host, environment));
    }

    public string Host { get; }

    public Uri ProvidersBase { get; }

    public string DisplayName => Host;

    public async Task<IReadOnlyList<OriginVersion>> ListVersionsAsync(ProviderAddress provider, CancellationToken cancellationToken)
    {
        var url = new Uri(ProvidersBase, $"{Escape(provider.Namespace)}/{Escape(provider.Type)}/versions");
        var context = $"Listing the versions of {provider} at {Host}";
        var document = await _http.GetDocumentAsync(url, _token, context, cancellationToken).ConfigureAwait(false)
            ?? throw new OriginException(DiagnosticCodes.OriginNotFound, $"{context}: {Host} does not know provider {provider} ({OriginText.Url(url)} answered 404)");
        using var json = OriginJson.Parse(document, context);
        if (!json.RootElement.TryGetProperty("versions", out var versions) || versions.ValueKind != JsonValueKind.Array)
            throw OriginJson.Malformed(context, document.Url, "has no \"versions\" list");
        var result = new List<OriginVersion>();
        foreach (var entry in versions.EnumerateArray())
        {
            if (entry.ValueKind != JsonValueKind.Object) throw OriginJson.Malformed(context, document.Url, "has a version entry that is not an object");
            var text = OriginJson.RequiredString(entry, "version", context, document.Url);
            if (!TryParseVersion(text, out var version)) continue; // OpenTofu skips versions it cannot parse
            var protocols = entry.TryGetProperty("protocols", out var p) && p.ValueKind == JsonValueKind.Array
                ? p.EnumerateArray().Where(x => x.ValueKind == JsonValueKind.String).Select(x => x.GetString()!).ToList()
                : new List<string>();
            var platforms = new List<Platform>();
            if (entry.TryGetProperty("platforms", out var list) && list.ValueKind == JsonValueKind.Array)
            {
                foreach (var platform in list.EnumerateArray())
                {
                    var os = OriginJson.RequiredString(platform, "os", context, document.Url);
                    var arch = OriginJson.RequiredString(platform, "arch", context, document.Url);
                    platforms.Add(OriginJson.ParsePlatform(os + "_" + arch, context, document.Url));
                }
            }
            result.Add(new OriginVersion(version, protocols, platforms));
        }
        return result;
    }

    public async Task<OriginPackage?> FindPackageAsync(ProviderAddress provider, ProviderVersion version, Platform platform, CancellationToken cancellationToken)
    {
        var url = new Uri(ProvidersBase, $"{Escape(provider.Namespace)}/{Escape(provider.Type)}/{Escape(version.ToString())}/download/{Escape(platform.Os)}/{Escape(platform.Arch)}");
        var context = $"Download metadata of {provider} {version} for {platform} at {Host}";
        var document = await _http.GetDocumentAsync(url, _token, context, cancellationToken).ConfigureAwait(false);
        if (document is null) return null;
        using var json = OriginJson.Parse(document, context);
        return RegistryDownloadMetadata.Read(json.RootElement, provider, version, platform, document.Url, context);
    }

    public async Task DownloadAsync(OriginPackage package, Stream destination, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(package);
        var context = $"Downloading {package.Provider} {package.Version} for {package.Platform} from {Host}";
        await _http.DownloadAsync(package.DownloadUrl, destination, _token, context, cancellationToken).ConfigureAwait(false);
    }

    public async Task<byte[]?> FetchDocumentAsync(Uri url, CancellationToken cancellationToken)
    {
        var document = await _http.GetDocumentAsync(url, _token, $"Fetching a document of {Host}", cancellationToken).ConfigureAwait(false);
        return document?.Body;
    }

    private static string Escape(string segment) => Uri.EscapeDataString(segment);

    private static bool TryParseVersion(string text, out ProviderVersion version)
    {
        try
        {
            version = ProviderVersion.Parse(text);
            return true;
        }
        catch (Exception e) when (e is FormatException or ArgumentException)
        {
            version = null!;
            return false;
        }
    }
}
