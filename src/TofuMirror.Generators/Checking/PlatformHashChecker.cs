using System;
using System.Collections.Generic;
using System.Linq;
using TofuMirror.Generators.Model;
using TofuMirror.Model.Diagnostics;
using TofuMirror.Model.Platforms;

namespace TofuMirror.Generators.Checking;

/// <summary>
/// TOFU1007: a locked provider has no checksum for a platform the project targets. Lock-file hashes do not name
/// their platform, so the platform's hashes come from the restore manifest; without a manifest entry for the
/// module nothing is known and nothing is reported.
/// </summary>
internal static class PlatformHashChecker
{
    /// <summary>
    /// Checks each locked provider of <paramref name="locks"/> for each of <paramref name="platforms"/> (when empty:
    /// every platform the manifest has for the module).
    /// </summary>
    public static EquatableArray<DiagnosticInfo> Check(ModuleLocks locks, EquatableArray<string> platforms, RestoreManifest manifest)
    {
        var packages = manifest.Packages
            .Where(p => string.Equals(p.ModuleDirectory, locks.Directory, StringComparison.OrdinalIgnoreCase))
            .ToList();
        if (packages.Count == 0 || locks.Providers.Count == 0) return EquatableArray<DiagnosticInfo>.Empty;

        var listed = platforms.Count > 0;
        IReadOnlyList<string> wanted = listed
            ? platforms
            : packages.Select(p => p.Platform).Distinct(StringComparer.OrdinalIgnoreCase).OrderBy(p => p, StringComparer.Ordinal).ToList();

        var diagnostics = new List<DiagnosticInfo>();
        foreach (var provider in locks.Providers)
        {
            var recorded = new HashSet<string>(provider.Hashes, StringComparer.Ordinal);
            foreach (var platform in wanted)
            {
                var package = packages.FirstOrDefault(p => p.Provider == provider.Source && p.Version == provider.Version
                    && string.Equals(p.Platform, platform, StringComparison.OrdinalIgnoreCase));
                if (package is null)
                {
                    if (listed) diagnostics.Add(NotRestored(provider, platform));
                    continue;
                }
                var known = new[] { package.H1, package.Zh }.Where(h => !string.IsNullOrEmpty(h)).Select(h => h!).ToList();
                if (known.Count == 0 || known.Any(recorded.Contains)) continue;
                diagnostics.Add(Missing(provider, platform, known));
            }
        }
        return diagnostics.ToEquatableArray();
    }

    private static DiagnosticInfo Missing(LockedProviderHashes provider, string platform, IReadOnlyList<string> known) =>
        new(DiagnosticCodes.Generator.PlatformHashMissing, IsWarning: false,
            $"{provider.Source} {provider.Version} locks no checksum for {platform}: the restored package's {string.Join(" and ", known)} "
            + $"is not among the lock file's hashes, so `tofu init` on {platform} would reject it. Run "
            + $"`tofu-mirror lock --platform {platform}` or `tofu providers lock -platform={platform}` in the module folder.",
            provider.Location);

    private static DiagnosticInfo NotRestored(LockedProviderHashes provider, string platform) =>
        new(DiagnosticCodes.Generator.PlatformHashMissing, IsWarning: true,
            $"TofuPlatforms lists {platform}, but the restore manifest has no package of {provider.Source} {provider.Version} "
            + $"for it, so whether the lock file has its checksum is unknown (the restore did not include that platform). "
            + "Restore again with this platform to check.",
            provider.Location);
}
