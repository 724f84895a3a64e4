using System;
using System.Collections.Generic;
using System.Linq;
using TofuMirror.Generators.Model;
using TofuMirror.Model.Diagnostics;

namespace TofuMirror.Generators.Checking;

/// <summary>
/// TOFU1008: with <c>TofuRequireSignedProviders</c>, every package the restore manifest records for a locked provider of
/// the module must carry the key ID of the trust anchor that signed it. A manifest from a restore that did not
/// require signatures (or from an older restore, without the field) says unsigned.
/// </summary>
internal static class SignedPackageChecker
{
    public static EquatableArray<DiagnosticInfo> Check(ModuleLocks locks, bool requireSigned, RestoreManifest manifest)
    {
        if (!requireSigned) return EquatableArray<DiagnosticInfo>.Empty;
        var diagnostics = new List<DiagnosticInfo>();
        foreach (var provider in locks.Providers)
        {
            var unsigned = manifest.Packages
                .Where(p => string.Equals(p.ModuleDirectory, locks.Directory, StringComparison.OrdinalIgnoreCase)
                    && p.Provider == provider.Source && p.Version == provider.Version && string.IsNullOrEmpty(p.SigningKeyId))
                .Select(p => p.Platform)
                .OrderBy(p => p, StringComparer.Ordinal)
                .ToList();
            if (unsigned.Count == 0) continue;
            diagnostics.Add(new DiagnosticInfo(DiagnosticCodes.Generator.ProviderNotSigned, IsWarning: false,
                $"TofuRequireSignedProviders is set, but the restore manifest says {provider.Source} {provider.Version} for {string.Join(", ", unsigned)} "
                + "was not verified signed by a trust anchor (its signingKeyId is null). Restore with TofuRequireSignedProviders and TofuTrustedKeys "
                + "(or TOFU_MIRROR_TRUSTED_KEYS), which installs only packages whose signed SHA256SUMS a trust anchor vouches for.",
                provider.Location));
        }
        return diagnostics.ToEquatableArray();
    }
}
