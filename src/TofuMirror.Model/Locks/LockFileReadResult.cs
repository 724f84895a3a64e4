using System.Collections.Generic;
using System.Linq;
using TofuMirror.Diagnostics;

namespace TofuMirror.Model.Locks;

/// <summary>What reading a lock file gave: the valid locks (invalid blocks are left out) and every problem found.</summary>
public sealed record LockFileReadResult(LockFile LockFile, IReadOnlyList<Diagnostic> Diagnostics)
{
    public bool HasErrors => Diagnostics.Any(d => d.Severity == DiagnosticSeverity.Error);
}
