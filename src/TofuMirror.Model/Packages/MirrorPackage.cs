using System.Collections.Generic;
using TofuMirror.Model.Addresses;
using TofuMirror.Model.Platforms;
using TofuMirror.Model.Versions;

namespace TofuMirror.Model.Packages;

/// <summary>How a package is stored in a filesystem mirror.</summary>
public enum MirrorPackageKind
{
    /// <summary>A release zip <c>HOST/NS/TYPE/terraform-provider-TYPE_VERSION_OS_ARCH.zip</c>.</summary>
    Packed,
    /// <summary>An extracted directory <c>HOST/NS/TYPE/VERSION/OS_ARCH/</c>.</summary>
    Unpacked,
}

/// <summary>A provider package found in a filesystem mirror.</summary>
/// <param name="Address">The provider, normalised.</param>
/// <param name="Version">The version.</param>
/// <param name="Platform">The target platform.</param>
/// <param name="Kind">Packed zip or unpacked directory.</param>
/// <param name="Path">The zip file (packed) or the package directory (unpacked).</param>
public sealed record MirrorPackage(ProviderAddress Address, ProviderVersion Version, Platform Platform, MirrorPackageKind Kind, string Path);

/// <summary>What a filesystem-mirror scan found, and why other entries were ignored.</summary>
/// <param name="Packages">Packages, sorted by address, version, platform and kind.</param>
/// <param name="Warnings">One line per ignored entry, naming its path and the reason.</param>
public sealed record FilesystemMirrorScanResult(IReadOnlyList<MirrorPackage> Packages, IReadOnlyList<string> Warnings);
