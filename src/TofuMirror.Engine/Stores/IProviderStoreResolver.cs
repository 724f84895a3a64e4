using System.Collections.Generic;
using TofuMirror.Oci;
using TofuMirror.Model.Addresses;

namespace TofuMirror.Engine.Stores;

/// <summary>
/// Maps a provider to the OCI stores that may hold it, in the order to try them (OpenTofu's installation
/// methods in config order; "not found" in one falls through to the next).
/// </summary>
public interface IProviderStoreResolver
{
    /// <summary>The stores for <paramref name="provider"/>; empty when no method handles it. Throws <see cref="Providers.ProviderFailure"/> when mapping fails.</summary>
    IReadOnlyList<IOciRepositoryStore> Resolve(ProviderAddress provider);
}
