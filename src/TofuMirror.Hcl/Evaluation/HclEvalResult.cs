using System.Collections.Generic;
using System.Linq;
using TofuMirror.Diagnostics;

namespace TofuMirror.Hcl.Evaluation;

/// <summary>The value of an expression (unknown where evaluation failed) and the problems found.</summary>
public sealed class HclEvalResult
{
    public HclEvalResult(HclValue value, IReadOnlyList<Diagnostic> diagnostics)
    {
        Value = value;
        Diagnostics = diagnostics;
    }

    public HclValue Value { get; }
    public IReadOnlyList<Diagnostic> Diagnostics { get; }
    public bool HasErrors => Diagnostics.Any(d => d.Severity == DiagnosticSeverity.Error);
}
