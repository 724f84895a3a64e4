using TofuMirror.Model.Platforms;

namespace TofuMirror.Generators.Model;

/// <summary>
/// One restored package (provider, version, platform) from the restore manifest, with its OCI coordinates and the
/// <c>h1:</c>/<c>zh:</c> hashes the restore computed for it (null when unknown) and the key ID of the trust anchor that
/// signed its checksums (null when it was not verified signed).
/// </summary>
internal sealed record ManifestPackage(
    string ModuleDirectory,
    string Provider,
    string Version,
    string Platform,
    string? Repository,
    string? Tag,
    string? IndexDigest,
    string? ManifestDigest,
    string? LayerDigest,
    string? H1 = null,
    string? Zh = null,
    string? SigningKeyId = null);

/// <summary>
/// What the build's restore target recorded (<c>tofu-providers.json</c>): where it restored to, the CLI configuration
/// it wrote and every package. <see cref="Empty"/> when the manifest is absent (restore disabled, design-time build).
/// </summary>
internal sealed record RestoreManifest(string? OutputDirectory, string? CliConfigPath, EquatableArray<ManifestPackage> Packages)
{
    public static RestoreManifest Empty { get; } = new(null, null, EquatableArray<ManifestPackage>.Empty);
}
