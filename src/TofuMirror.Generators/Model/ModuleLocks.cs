namespace TofuMirror.Generators.Model;

/// <summary>One valid provider block of a lock file: address, version, recorded hashes and where the block is.</summary>
internal sealed record LockedProviderHashes(string Source, string Version, EquatableArray<string> Hashes, LocationInfo? Location);

/// <summary>
/// What the platform-hash check (TOFU1007) needs of a module, split from the spec so it can be judged against the
/// restore manifest without re-parsing HCL: the module folder (to find its packages) and its locked providers.
/// </summary>
internal sealed record ModuleLocks(string Directory, EquatableArray<LockedProviderHashes> Providers);
