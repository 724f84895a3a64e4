using System.Collections;
using System.Collections.Generic;
using System.Linq;

namespace TofuMirror.Diagnostics;

/// <summary>A growable list of diagnostics with the questions callers ask of it.</summary>
public sealed class DiagnosticList : IReadOnlyList<Diagnostic>
{
    private readonly List<Diagnostic> _items = new();

    public int Count => _items.Count;
    public Diagnostic this[int index] => _items[index];

    /// <summary>True when any diagnostic is an error.</summary>
    public bool HasErrors => _items.Any(d => d.Severity == DiagnosticSeverity.Error);

    public void Add(Diagnostic diagnostic) => _items.Add(diagnostic);
    public void AddRange(IEnumerable<Diagnostic> diagnostics) => _items.AddRange(diagnostics);

    public IEnumerator<Diagnostic> GetEnumerator() => _items.GetEnumerator();
    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();
}
