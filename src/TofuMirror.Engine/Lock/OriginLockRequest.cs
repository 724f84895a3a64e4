using System;
using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;
using TofuMirror.Engine.Origin;
using TofuMirror.Engine.Trust;
using TofuMirror.Model.Platforms;

namespace TofuMirror.Engine.Lock;

/// <summary>
/// Everything <see cref="OriginLockJob"/> needs: the module, the origin registry of each provider host, the platforms
/// to fetch (empty: every platform the origin lists for the chosen version), the download cache and OpenTofu's
/// signature switches.
/// </summary>
public sealed record OriginLockRequest(
    string ModuleDirectory,
    Func<string, CancellationToken, Task<IProviderOrigin>> OriginFor,
    IReadOnlyList<Platform> Platforms,
    string CacheDirectory)
{
    /// <summary><c>OPENTOFU_ENFORCE_GPG_VALIDATION</c>/<c>OPENTOFU_ENFORCE_GPG_EXPIRATION</c>.</summary>
    public PackageAuthenticationOptions Authentication { get; init; } = new();

    /// <summary>The clock signing-key expiry is judged by.</summary>
    public TimeProvider Clock { get; init; } = TimeProvider.System;
}
