using System.Collections.Concurrent;
using System.Threading;
using System.Threading.Tasks;
using TofuMirror.Core;
using TofuMirror.Engine.Providers;
using TofuMirror.Oci;
using TofuMirror.Oci.Content;

namespace TofuMirror.Engine.Restore;

/// <summary>Reads each (store, version) index once per run, however many platforms ask for it.</summary>
internal sealed class IndexCache
{
    private readonly ConcurrentDictionary<(string Store, ProviderVersion Version), Task<(Descriptor, OciIndex)>> _indexes = new();

    public Task<(Descriptor Descriptor, OciIndex Index)> GetAsync(IOciRepositoryStore store, ProviderVersion version, CancellationToken cancellationToken) =>
        _indexes.GetOrAdd((store.Name, version), _ => ProviderArtifactResolver.ReadIndexAsync(store, version, cancellationToken));
}
