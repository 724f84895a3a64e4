using System.IO;
using TofuMirror.Model.Addresses;
using TofuMirror.Model.Platforms;
using TofuMirror.Model.Versions;

namespace TofuMirror.Model.Packages;

/// <summary>
/// Paths of OpenTofu's filesystem-mirror layouts under a base directory (pure computation, no I/O):
/// unpacked <c>HOST/NAMESPACE/TYPE/VERSION/OS_ARCH/</c> and packed
/// <c>HOST/NAMESPACE/TYPE/terraform-provider-TYPE_VERSION_OS_ARCH.zip</c>. The hostname is in display form.
/// </summary>
public static class FilesystemMirrorLayout
{
    /// <summary>The provider's directory <c>BASE/HOST/NAMESPACE/TYPE</c>.</summary>
    public static string ProviderDirectory(string baseDirectory, ProviderAddress provider) =>
        Path.Combine(baseDirectory, provider.Hostname, provider.Namespace, provider.Type);

    /// <summary>The unpacked package directory <c>BASE/HOST/NAMESPACE/TYPE/VERSION/OS_ARCH</c>.</summary>
    public static string UnpackedDirectory(string baseDirectory, ProviderAddress provider, ProviderVersion version, Platform platform) =>
        Path.Combine(ProviderDirectory(baseDirectory, provider), version.ToString(), platform.ToString());

    /// <summary>The packed zip path <c>BASE/HOST/NAMESPACE/TYPE/terraform-provider-TYPE_VERSION_OS_ARCH.zip</c>.</summary>
    public static string PackedZipPath(string baseDirectory, ProviderAddress provider, ProviderVersion version, Platform platform) =>
        Path.Combine(ProviderDirectory(baseDirectory, provider), ProviderZipFileName.Format(provider.Type, version, platform));

    /// <summary>The unpacked path relative to the base, always with <c>/</c> separators.</summary>
    public static string UnpackedRelativePath(ProviderAddress provider, ProviderVersion version, Platform platform) =>
        provider + "/" + version + "/" + platform;

    /// <summary>The packed path relative to the base, always with <c>/</c> separators.</summary>
    public static string PackedRelativePath(ProviderAddress provider, ProviderVersion version, Platform platform) =>
        provider + "/" + ProviderZipFileName.Format(provider.Type, version, platform);
}
