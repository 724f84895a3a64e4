using System.Collections.Generic;
using System.Linq;
using TofuMirror.Model.Addresses;

namespace TofuMirror.Model.Locks;

/// <summary>The content of a <c>.terraform.lock.hcl</c> file: the provider locks, in OpenTofu's order.</summary>
public sealed class LockFile
{
    /// <summary>The lock file name OpenTofu reads and writes in a root module folder.</summary>
    public const string FileName = ".terraform.lock.hcl";

    public LockFile(IEnumerable<ProviderLock> providers) =>
        Providers = providers.OrderBy(p => p.Address).ToList();

    public static LockFile Empty { get; } = new(Enumerable.Empty<ProviderLock>());

    /// <summary>Sorted by hostname, namespace, type.</summary>
    public IReadOnlyList<ProviderLock> Providers { get; }

    public ProviderLock? Find(ProviderAddress address) => Providers.FirstOrDefault(p => p.Address.Equals(address));

    /// <summary>A lock file where <paramref name="updated"/> replaces the lock for the same provider (or is added).</summary>
    public LockFile With(ProviderLock updated) =>
        new(Providers.Where(p => !p.Address.Equals(updated.Address)).Append(updated));
}
