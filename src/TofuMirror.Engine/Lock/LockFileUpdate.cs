using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading.Tasks;
using Microsoft.Extensions.Logging;
using TofuMirror.Diagnostics;
using TofuMirror.Engine.Modules;
using TofuMirror.Model.Locks;

namespace TofuMirror.Engine.Lock;

/// <summary>What locking one provider gave: its outcome, its new entry (null when it failed) and its diagnostics.</summary>
internal sealed record ProviderLockOutcome(LockedProvider Result, ProviderLock? Lock, IReadOnlyList<Diagnostic> Diagnostics);

/// <summary>
/// The frame both lock jobs share: every provider the module requires or already locks is locked in turn, and the lock
/// file is written atomically only when every one succeeded (any failure leaves it untouched).
/// </summary>
internal static class LockFileUpdate
{
    public static async Task<LockReport> RunAsync(string moduleDirectory, ILogger logger, Func<LockTarget, Task<ProviderLockOutcome>> lockOne)
    {
        var module = ModuleLoader.Load(moduleDirectory);
        var diagnostics = new List<Diagnostic>(module.Diagnostics);
        if (module.HasErrors)
        {
            // A lock file with a bad block is read without it: writing it back would silently drop that provider.
            return new LockReport(module.LockFilePath, [], diagnostics, Written: false);
        }

        var addresses = module.Requirements.Providers
            .Union(module.LockFile.Providers.Select(p => p.Address))
            .OrderBy(a => a)
            .ToList();
        var results = new List<LockedProvider>();
        var newLocks = new List<ProviderLock>();
        foreach (var address in addresses)
        {
            var outcome = await lockOne(LockTarget.For(module, address)).ConfigureAwait(false);
            results.Add(outcome.Result);
            if (outcome.Lock is not null) newLocks.Add(outcome.Lock);
            diagnostics.AddRange(outcome.Diagnostics);
        }

        var failed = results.Any(r => r.Change == LockChange.Failed);
        var written = false;
        // Like tofu init, a module without providers gets no lock file; an existing one is still rewritten (emptied).
        if (!failed && (addresses.Count > 0 || module.LockFileExists))
        {
            written = AtomicFile.WriteAllTextIfChanged(module.LockFilePath, LockFileWriter.Write(new LockFile(newLocks)));
            logger.LogInformation("{Action} {LockFile}", written ? "Wrote" : "Unchanged:", module.LockFilePath);
        }
        return new LockReport(module.LockFilePath, results, diagnostics, written);
    }
}
