using System;
using System.Collections.Concurrent;
using System.Threading;
using System.Threading.Tasks;
using TofuMirror.Engine.Providers;
using TofuMirror.Oci;
using TofuMirror.Oci.Content;
using TofuMirror.Model.Versions;

namespace TofuMirror.Engine.Restore;

/// <summary>Reads each (store, version) tag and index once per run, however many platforms ask for it at the same time.</summary>
internal sealed class IndexCache
{
    private readonly ConcurrentDictionary<(string Store, ProviderVersion Version), Lazy<Task<Descriptor>>> _tags = new();

    // Lazy: ConcurrentDictionary.GetOrAdd may run a factory more than once under contention; Lazy makes the read happen once.
    private readonly ConcurrentDictionary<(string Store, ProviderVersion Version), Lazy<Task<(Descriptor, OciIndex)>>> _indexes = new();

    public Task<(Descriptor Descriptor, OciIndex Index)> GetAsync(IOciRepositoryStore store, ProviderVersion version, CancellationToken cancellationToken) =>
        _indexes.GetOrAdd((store.Name, version),
            _ => new Lazy<Task<(Descriptor, OciIndex)>>(() => ProviderArtifactResolver.ReadIndexAsync(store, version, cancellationToken))).Value;

    /// <summary>The index descriptor the version's tag names, without reading the index.</summary>
    public Task<Descriptor> ResolveTagAsync(IOciRepositoryStore store, ProviderVersion version, CancellationToken cancellationToken) =>
        _tags.GetOrAdd((store.Name, version),
            _ => new Lazy<Task<Descriptor>>(() => ProviderArtifactResolver.ResolveVersionTagAsync(store, version, cancellationToken))).Value;
}
