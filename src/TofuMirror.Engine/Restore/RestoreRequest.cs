using System.Collections.Generic;
using TofuMirror.Engine.Stores;
using TofuMirror.Model.Platforms;

namespace TofuMirror.Engine.Restore;

/// <summary>Everything <see cref="RestoreJob"/> needs, parsed once by the CLI or the MSBuild task.</summary>
public sealed record RestoreRequest(
    string ModuleDirectory,
    IProviderStoreResolver Stores,
    IReadOnlyList<Platform> Platforms,
    string OutputDirectory,
    OutputLayout Layout,
    string CacheDirectory)
{
    /// <summary>How many packages download and install at once.</summary>
    public int Parallelism { get; init; } = 4;

    /// <summary>
    /// Install from the download cache alone, without asking the mirror whether it still has the locked package; a
    /// package neither installed nor cached then fails. Off by default: a cached package is installed only once the
    /// configured mirror confirms it (one manifest request, no download).
    /// </summary>
    public bool Offline { get; init; }

    /// <summary>How long to wait for another restore into the same output folder before giving up.</summary>
    public System.TimeSpan LockTimeout { get; init; } = OutputLock.DefaultTimeout;

    /// <summary>Reinstall every package, even those the install stamps say are up to date.</summary>
    public bool Force { get; init; }

    /// <summary>The keys whose signatures count (<c>--trusted-keys</c>, <c>TofuTrustedKeys</c>, <c>TOFU_MIRROR_TRUSTED_KEYS</c>).</summary>
    public TofuMirror.Engine.Trust.TrustAnchors TrustAnchors { get; init; } = TofuMirror.Engine.Trust.TrustAnchors.Empty;

    /// <summary>
    /// Install only packages whose version has evidence signed by a trust anchor, with the package's digest on its signed
    /// <c>SHA256SUMS</c> line. Without it, present evidence is still checked and absent evidence is fine.
    /// </summary>
    public bool RequireSigned { get; init; }

    /// <summary>The default output folder for a module: <c>MODULE/.terraform/providers-mirror</c>.</summary>
    public static string DefaultOutputDirectory(string moduleDirectory) =>
        System.IO.Path.Combine(moduleDirectory, ".terraform", "providers-mirror");
}
