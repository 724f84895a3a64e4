using System.Collections.Generic;
using System.Linq;

namespace TofuMirror.Model.Modules;

/// <summary>
/// Which files of a module folder OpenTofu reads, and how: <c>.tf</c>, <c>.tf.json</c>, <c>.tofu</c> and
/// <c>.tofu.json</c> files, skipping hidden and editor back-up files; <c>override</c> and <c>*_override</c> files
/// are merged after the primary ones; and <c>NAME.tofu</c> shadows <c>NAME.tf</c> (<c>.tofu.json</c> shadows
/// <c>.tf.json</c>), so a module can carry OpenTofu-only variants of its Terraform files.
/// </summary>
public static class ConfigurationFileNames
{
    private static readonly string[] Extensions = [".tf", ".tf.json", ".tofu", ".tofu.json"];

    /// <summary>The configuration extension of a file name (<c>.tf</c>, <c>.tf.json</c>, <c>.tofu</c>, <c>.tofu.json</c>), or null.</summary>
    public static string? ExtensionOf(string fileName) =>
        Extensions.FirstOrDefault(e => fileName.EndsWith(e, System.StringComparison.Ordinal));

    /// <summary>True for a configuration file OpenTofu loads (primary or override), before any shadowing.</summary>
    public static bool IsConfigurationFile(string path)
    {
        var name = FileName(path);
        return ExtensionOf(name) is not null && !IsIgnored(name);
    }

    /// <summary>Hidden files, and vim's (<c>name~</c>) and emacs's (<c>#name#</c>) back-ups.</summary>
    public static bool IsIgnored(string fileName) =>
        fileName.StartsWith(".", System.StringComparison.Ordinal)
        || fileName.EndsWith("~", System.StringComparison.Ordinal)
        || (fileName.StartsWith("#", System.StringComparison.Ordinal) && fileName.EndsWith("#", System.StringComparison.Ordinal));

    /// <summary>An <c>override</c> or <c>*_override</c> file, merged into the module after its primary files.</summary>
    public static bool IsOverride(string path)
    {
        var name = FileName(path);
        if (ExtensionOf(name) is not { } extension) return false;
        var baseName = name.Substring(0, name.Length - extension.Length);
        return baseName == "override" || baseName.EndsWith("_override", System.StringComparison.Ordinal);
    }

    public static bool IsJson(string path) => path.EndsWith(".json", System.StringComparison.Ordinal);

    /// <summary>
    /// The files OpenTofu loads out of <paramref name="paths"/> (one folder's files): configuration files only,
    /// without those a <c>.tofu</c> twin shadows, primary files first, each group in path order.
    /// </summary>
    public static IReadOnlyList<string> Select(IEnumerable<string> paths)
    {
        var candidates = paths.Where(IsConfigurationFile).Distinct(System.StringComparer.Ordinal).ToList();
        var present = new HashSet<string>(candidates, System.StringComparer.Ordinal);
        return candidates
            .Where(p => !IsShadowed(p, present))
            .OrderBy(IsOverride)
            .ThenBy(p => p, System.StringComparer.Ordinal)
            .ToList();
    }

    private static bool IsShadowed(string path, HashSet<string> present)
    {
        var extension = ExtensionOf(FileName(path));
        if (extension is not (".tf" or ".tf.json")) return false;
        var stem = path.Substring(0, path.Length - extension.Length);
        return present.Contains(stem + extension.Replace(".tf", ".tofu"));
    }

    private static string FileName(string path)
    {
        var slash = path.LastIndexOfAny(['/', '\\']);
        return slash < 0 ? path : path.Substring(slash + 1);
    }
}
