using System.Collections.Generic;
using System.Linq;
using TofuMirror.Model.Locks;
using TofuMirror.Model.Modules;
using TofuMirror.Diagnostics;

namespace TofuMirror.Engine.Modules;

/// <summary>A root module folder as read from disk: its requirements (child modules included) and its lock file.</summary>
public sealed record LoadedModule(
    string Directory,
    ModuleRequirements Requirements,
    string LockFilePath,
    LockFile LockFile,
    bool LockFileExists,
    IReadOnlyList<Diagnostic> Diagnostics)
{
    public bool HasErrors => Diagnostics.Any(d => d.Severity == DiagnosticSeverity.Error);

    /// <summary>The lock file was read with errors, so <see cref="LockFile"/> may lack an entry that has a typo.</summary>
    public bool LockFileHasErrors { get; init; }
}
