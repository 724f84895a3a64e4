using System.Collections.Generic;
using System.Linq;
using TofuMirror.Engine.Modules;
using TofuMirror.Diagnostics;
using TofuMirror.Model.Diagnostics;
using TofuMirror.Model.Hashing;

namespace TofuMirror.Engine.Checks;

/// <summary>
/// Lock entries with no <c>h1:</c> or <c>zh:</c> hash: nothing could vouch for the package, so restore refuses them
/// rather than installing whatever the mirror serves.
/// </summary>
internal static class UnhashedLockEntries
{
    public static IEnumerable<Diagnostic> Find(LoadedModule module) =>
        module.LockFile.Providers
            .Where(p => !PackageHashes.RequiresCheck(p.Hashes))
            .Select(p => Diagnostic.Error("Provider lock has no checksums",
                $"The entry for {p.Address.ForDisplay()} {p.Version} in {module.LockFilePath} records no h1: or zh: hash, so no package " +
                "can be verified against it and OpenTofu would not trust one either. Run `tofu-mirror lock` (or `tofu init`) to record the hashes.",
                p.Range ?? SourceRange.StartOf(module.LockFilePath)) with { Code = DiagnosticCodes.ChecksumMismatch });
}
