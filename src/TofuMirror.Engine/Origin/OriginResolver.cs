using System;
using System.Collections.Concurrent;
using System.Threading;
using System.Threading.Tasks;
using TofuMirror.Model.Addresses;
using TofuMirror.Model.CliConfig;
using TofuMirror.Model.Diagnostics;

namespace TofuMirror.Engine.Origin;

/// <summary>
/// How a run reaches origins over the network: its one HTTP client (the registry commands' TLS, proxy and insecure
/// hosts) and the CLI configuration whose <c>host</c> and <c>credentials</c> blocks (and <c>TF_TOKEN_…</c>) apply.
/// </summary>
public sealed record OriginNetwork(OriginHttp Http, CliConfig Config, CliConfigEnvironment Environment);

/// <summary>
/// The one place that decides where a provider's packages come from: a local folder when one is given, else a
/// provider network mirror when one is given, else the provider's own hostname through the provider registry protocol.
/// One service discovery and one registry client per host serve the whole run.
/// </summary>
public sealed class OriginResolver
{
    private readonly IProviderOrigin? _single;
    private readonly OriginNetwork? _network;
    private readonly ServiceDiscovery? _discovery;
    private readonly ConcurrentDictionary<string, Lazy<Task<IProviderOrigin>>> _registries = new(StringComparer.OrdinalIgnoreCase);

    /// <param name="fromFolder">A <c>tofu providers mirror</c> folder that serves every provider (<c>--from-folder</c>).</param>
    /// <param name="network">How to reach registries and network mirrors; null: no network origin.</param>
    /// <param name="networkMirror">A provider network mirror that serves every provider (<c>--network-mirror</c>).</param>
    public OriginResolver(string? fromFolder, OriginNetwork? network = null, Uri? networkMirror = null)
    {
        _network = network;
        if (fromFolder is not null) _single = new FolderProviderOrigin(fromFolder);
        else if (networkMirror is not null)
        {
            if (network is null) throw new ArgumentException("A network mirror needs the run's network settings.", nameof(network));
            _single = new NetworkMirrorProviderOrigin(networkMirror, network.Http, network.Config.OriginHosts.TokenFor(networkMirror.Host, network.Environment));
        }
        if (network is not null) _discovery = new ServiceDiscovery(network.Http, network.Config.OriginHosts);
    }

    /// <summary>The origin for <paramref name="provider"/>; throws <see cref="OriginException"/> when none can serve it.</summary>
    public Task<IProviderOrigin> ResolveAsync(ProviderAddress provider, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(provider);
        if (_single is not null) return Task.FromResult(_single);
        if (_network is null || _discovery is null)
            throw new OriginException(DiagnosticCodes.OriginNotAvailable,
                $"{provider.ForDisplay()}: no origin to take it from. Pass --from-folder DIR (a `tofu providers mirror` folder) or --network-mirror URL.");
        return RegistryForAsync(provider.Hostname, cancellationToken);
    }

    /// <summary>The origin registry of <paramref name="host"/> (provider registry protocol), discovered once per run.</summary>
    public Task<IProviderOrigin> RegistryForAsync(string host, CancellationToken cancellationToken)
    {
        if (_network is null || _discovery is null) throw new InvalidOperationException("This resolver has no network settings.");
        // One discovery per host per run, even when several providers of that host are resolved at once.
        var lazy = _registries.GetOrAdd(host, h => new Lazy<Task<IProviderOrigin>>(() => CreateRegistryAsync(h, cancellationToken)));
        return lazy.Value;
    }

    private async Task<IProviderOrigin> CreateRegistryAsync(string host, CancellationToken cancellationToken) =>
        await RegistryProviderOrigin.CreateAsync(host, _discovery!, _network!.Http, _network.Config, _network.Environment, cancellationToken).ConfigureAwait(false);
}
