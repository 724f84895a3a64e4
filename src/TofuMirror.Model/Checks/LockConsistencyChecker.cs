using System.Collections.Generic;
using System.Linq;
using TofuMirror.Model.Locks;
using TofuMirror.Model.Modules;
using TofuMirror.Model.Addresses;
using TofuMirror.Model.Diagnostics;
using TofuMirror.Diagnostics;

namespace TofuMirror.Model.Checks;

/// <summary>
/// Checks a module's requirements against its lock file the way <c>tofu init</c> would refuse them:
/// every required provider locked, every locked version allowed by every constraint on it, and
/// (as a warning) no lock left for a provider nothing requires.
/// </summary>
public static class LockConsistencyChecker
{
    /// <param name="requirements">What the module's configuration files require.</param>
    /// <param name="lockFile">The providers the lock file records.</param>
    /// <param name="lockFilePath">The lock file's path, for messages.</param>
    /// <param name="lockFileHasErrors">
    /// The lock file was read with errors: an entry may have been left out for a typo, so a provider without an
    /// entry is not reported as "not locked" (that would invite overwriting the entry); the lock-file errors say what to fix.
    /// </param>
    public static IReadOnlyList<Diagnostic> Check(ModuleRequirements requirements, LockFile lockFile, string lockFilePath, bool lockFileHasErrors = false)
    {
        var diagnostics = new List<Diagnostic>();
        foreach (var address in requirements.Providers)
        {
            var wanted = requirements.For(address).ToList();
            var locked = lockFile.Find(address);
            if (locked is null)
            {
                if (lockFileHasErrors) continue;
                var first = wanted[0];
                diagnostics.Add(Diagnostic.Error("Provider not locked",
                    $"Provider {address.ForDisplay()} is required but {lockFilePath} has no entry for it. " +
                    "Run `tofu-mirror lock` (or `tofu init`) to record it from the mirror.", first.Range) with { Code = DiagnosticCodes.ProviderNotLocked });
                continue;
            }
            foreach (var requirement in wanted.Where(r => r.Constraints is { } c && !c.Allows(locked.Version)))
            {
                diagnostics.Add(Diagnostic.Error("Locked provider version not allowed",
                    $"{lockFilePath} locks {address.ForDisplay()} {locked.Version}, which does not satisfy \"{requirement.Constraints!.ToNormalizedString()}\". " +
                    "Change the constraint, or run `tofu-mirror lock`: it replaces the locked version with the newest version in the mirror " +
                    "that the constraints allow, which may be lower than the locked one.",
                    requirement.ConstraintsRange ?? requirement.Range, locked.Range) with { Code = DiagnosticCodes.LockedVersionNotAllowed });
            }
        }

        var required = new HashSet<ProviderAddress>(requirements.Providers);
        foreach (var locked in lockFile.Providers.Where(p => !required.Contains(p.Address)))
        {
            diagnostics.Add(Diagnostic.Warning("Provider locked but not required",
                $"{locked.Address.ForDisplay()} is locked but no configuration file requires it any more; `tofu init` will drop it from the lock file.",
                locked.Range ?? SourceRange.StartOf(lockFilePath)) with { Code = DiagnosticCodes.ProviderLockedButNotRequired });
        }
        return diagnostics;
    }
}
