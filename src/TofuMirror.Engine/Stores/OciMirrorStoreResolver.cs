using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Linq;
using TofuMirror.Model.CliConfig;
using TofuMirror.Engine.Providers;
using TofuMirror.Oci;
using TofuMirror.Oci.Transport;
using TofuMirror.Model.Addresses;
using TofuMirror.Model.Diagnostics;

namespace TofuMirror.Engine.Stores;

/// <summary>The <c>oci_mirror</c> methods of a CLI configuration, in config order, each mapping providers to a registry repository.</summary>
public sealed class OciMirrorStoreResolver : IProviderStoreResolver
{
    private readonly IReadOnlyList<OciMirrorMethod> _methods;
    private readonly Lazy<OciClientFactory> _client;
    private readonly ConcurrentDictionary<string, IOciRepositoryStore> _stores = new();

    public OciMirrorStoreResolver(IEnumerable<OciMirrorMethod> methods, OciClientFactory client)
        : this(methods, new Lazy<OciClientFactory>(client))
    {
    }

    /// <summary>With a client made on first use (an up-to-date restore never needs one).</summary>
    public OciMirrorStoreResolver(IEnumerable<OciMirrorMethod> methods, Lazy<OciClientFactory> client)
    {
        _methods = methods.ToList();
        _client = client;
    }

    public IReadOnlyList<IOciRepositoryStore> Resolve(ProviderAddress provider)
    {
        var stores = new List<IOciRepositoryStore>();
        foreach (var method in _methods.Where(m => m.Handles(provider)))
        {
            if (!method.TryMapProvider(provider, out var address, out var error))
                throw new ProviderFailure(DiagnosticCodes.InvalidCliConfig, $"selecting OCI repository address: {error}");
            if (address.IsRegistryOnly)
                throw new ProviderFailure(DiagnosticCodes.InvalidCliConfig,
                    $"selecting OCI repository address: invalid repository \"{address}\": the repository_template \"{method.RepositoryTemplate}\" gives a registry without a repository name.");
            stores.Add(_stores.GetOrAdd(address.ToString(), _ => _client.Value.CreateRepository(address.Registry, address.Repository)));
        }
        return stores;
    }
}
