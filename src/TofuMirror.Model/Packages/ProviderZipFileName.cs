using System;
using TofuMirror.Model.Platforms;
using TofuMirror.Model.Versions;

namespace TofuMirror.Model.Packages;

/// <summary>
/// The release file name of a provider package, <c>terraform-provider-TYPE_VERSION_OS_ARCH.zip</c>.
/// Parsing is case-insensitive (the name is lower-cased first, as OpenTofu's mirror scan does).
/// </summary>
public sealed record ProviderZipFileName(string Type, ProviderVersion Version, Platform Platform)
{
    /// <summary>The common prefix of provider release files.</summary>
    public const string Prefix = "terraform-provider-";

    /// <summary>The file name for a type, version and platform.</summary>
    public static string Format(string type, ProviderVersion version, Platform platform) =>
        Prefix + type + "_" + version + "_" + platform.Os + "_" + platform.Arch + ".zip";

    /// <summary>The file name.</summary>
    public override string ToString() => Format(Type, Version, Platform);

    /// <summary>Parses a file name whose type is not known in advance.</summary>
    public static bool TryParse(string fileName, out ProviderZipFileName result, out string error)
    {
        result = null!;
        var name = (fileName ?? string.Empty).ToLowerInvariant();
        if (!name.StartsWith(Prefix, StringComparison.Ordinal) || !name.EndsWith(".zip", StringComparison.Ordinal))
        {
            error = $"\"{fileName}\" is not named like a provider package \"terraform-provider-TYPE_VERSION_OS_ARCH.zip\"";
            return false;
        }
        var underscore = name.IndexOf('_', Prefix.Length);
        if (underscore <= Prefix.Length)
        {
            error = $"\"{fileName}\" does not include a provider type, version and platform (expected \"terraform-provider-TYPE_VERSION_OS_ARCH.zip\")";
            return false;
        }
        return TryParseForType(fileName!, name.Substring(Prefix.Length, underscore - Prefix.Length), out result, out error);
    }

    /// <summary>
    /// Parses a file name that must belong to <paramref name="type"/>: it must start with
    /// <c>terraform-provider-TYPE_</c>, end with <c>.zip</c>, and the rest split on <c>_</c> must have at least
    /// three parts (version, OS, architecture; further parts are ignored).
    /// </summary>
    public static bool TryParseForType(string fileName, string type, out ProviderZipFileName result, out string error)
    {
        result = null!;
        var name = (fileName ?? string.Empty).ToLowerInvariant();
        var prefix = Prefix + type.ToLowerInvariant() + "_";
        if (!name.EndsWith(".zip", StringComparison.Ordinal))
        {
            error = $"\"{fileName}\" is not a .zip file";
            return false;
        }
        if (!name.StartsWith(prefix, StringComparison.Ordinal))
        {
            error = $"\"{fileName}\" lacks the expected prefix \"{prefix}\"";
            return false;
        }
        var parts = name.Substring(prefix.Length, name.Length - prefix.Length - ".zip".Length).Split('_');
        if (parts.Length < 3)
        {
            error = $"\"{fileName}\" does not include a version and platform (expected \"{prefix}VERSION_OS_ARCH.zip\")";
            return false;
        }
        if (!ProviderVersion.TryParse(parts[0], out var version, out var versionError))
        {
            error = $"\"{fileName}\" has an invalid version: {versionError}";
            return false;
        }
        if (!Platform.TryParse(parts[1] + "_" + parts[2], out var platform, out var platformError))
        {
            error = $"\"{fileName}\" has an invalid platform: {platformError}";
            return false;
        }
        result = new ProviderZipFileName(type.ToLowerInvariant(), version, platform);
        error = string.Empty;
        return true;
    }
}
