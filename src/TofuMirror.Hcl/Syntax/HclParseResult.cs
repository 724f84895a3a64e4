using System.Collections.Generic;
using System.Linq;
using TofuMirror.Diagnostics;

namespace TofuMirror.Hcl.Syntax;

/// <summary>What a parse produced: a value (never null; partial on errors) and the diagnostics.</summary>
public sealed class HclParseResult<T>
    where T : class
{
    public HclParseResult(T value, IReadOnlyList<Diagnostic> diagnostics)
    {
        Value = value;
        Diagnostics = diagnostics;
    }

    public T Value { get; }
    public IReadOnlyList<Diagnostic> Diagnostics { get; }
    public bool HasErrors => Diagnostics.Any(d => d.Severity == DiagnosticSeverity.Error);
}
