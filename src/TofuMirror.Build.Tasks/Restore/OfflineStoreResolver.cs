using System.Collections.Generic;
using TofuMirror.Engine.Providers;
using TofuMirror.Engine.Stores;
using TofuMirror.Oci;
using TofuMirror.Model.Addresses;
using TofuMirror.Model.Diagnostics;

namespace TofuMirror.Build.Tasks.Restore;

/// <summary>
/// The mirror in offline mode, in case anything asks it: the restore itself, told it is offline, installs from the
/// download cache alone and never resolves a store.
/// </summary>
internal sealed class OfflineStoreResolver : IProviderStoreResolver
{
    public IReadOnlyList<IOciRepositoryStore> Resolve(ProviderAddress provider) =>
        throw new ProviderFailure(DiagnosticCodes.RegistryUnavailable,
            $"{provider.ForDisplay()} is neither installed nor in the download cache and TofuOffline is true, so the mirror was not contacted. " +
            "Build once with TofuOffline=false (or restore with tofu-mirror restore) to fill the output folder.");
}
