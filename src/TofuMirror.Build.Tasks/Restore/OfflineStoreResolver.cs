using System.Collections.Generic;
using TofuMirror.Model;
using TofuMirror.Engine.Providers;
using TofuMirror.Engine.Stores;
using TofuMirror.Oci;

namespace TofuMirror.Build.Tasks.Restore;

/// <summary>
/// The mirror in offline mode: packages already installed are up to date without asking it, and any package that
/// would need the network fails with a message saying so.
/// </summary>
internal sealed class OfflineStoreResolver : IProviderStoreResolver
{
    public IReadOnlyList<IOciRepositoryStore> Resolve(ProviderAddress provider) =>
        throw new ProviderFailure(DiagnosticCodes.RegistryUnavailable,
            $"{provider.ForDisplay()} is not installed and TofuOffline is true, so the mirror was not contacted. " +
            "Build once with TofuOffline=false (or restore with tofu-mirror restore) to fill the output folder.");
}
