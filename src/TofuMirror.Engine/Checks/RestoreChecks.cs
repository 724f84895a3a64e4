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
    /// The lock-file problems <c>tofu init</c> refuses: a required provider the lock file does not have (restore cannot
    /// guess its version; not reported while the lock file has errors) and a locked version a constraint rejects.
    /// A lock entry nothing requires does not stop a restore, so that warning is left to <c>check</c>.
    /// </summary>
    public static IEnumerable<Diagnostic> LockProblems(LoadedModule module) =>
        LockConsistencyChecker.Check(module.Requirements, module.LockFile, module.LockFilePath, module.LockFileHasErrors)
            .Where(d => d.Code is DiagnosticCodes.ProviderNotLocked or DiagnosticCodes.LockedVersionNotAllowed);
}
