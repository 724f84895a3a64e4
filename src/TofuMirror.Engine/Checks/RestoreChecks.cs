using System.Collections.Generic;
using System.Linq;
using TofuMirror.Model.Checks;
using TofuMirror.Engine.Modules;
using TofuMirror.Model.Diagnostics;
using TofuMirror.Diagnostics;

namespace TofuMirror.Engine.Checks;

/// <summary>Checks that must pass before a restore starts.</summary>
internal static class RestoreChecks
{
    /// <summary>
    /// Providers the configuration requires that the lock file does not have: restore cannot guess their version.
    /// None while the lock file has errors: a missing entry may be one left out for a typo, which those errors name.
    /// </summary>
    public static IEnumerable<Diagnostic> UnlockedProviders(LoadedModule module) =>
        module.Requirements.Providers
            .Where(p => !module.LockFileHasErrors && module.LockFile.Find(p) is null)
            .Select(p => Diagnostic.Error("Provider not locked",
                $"Provider {p.ForDisplay()} is required but {module.LockFilePath} has no entry for it. Run `tofu-mirror lock` to record it from the mirror.",
                module.Requirements.For(p).First().Range) with { Code = DiagnosticCodes.ProviderNotLocked });

    /// <summary>Locked versions a <c>version</c> constraint rejects, at the constraint: <c>tofu init</c> refuses them, so restore does too.</summary>
    public static IEnumerable<Diagnostic> DisallowedLockedVersions(LoadedModule module) =>
        LockConsistencyChecker.Check(module.Requirements, module.LockFile, module.LockFilePath)
            .Where(d => d.Code == DiagnosticCodes.LockedVersionNotAllowed);
}
