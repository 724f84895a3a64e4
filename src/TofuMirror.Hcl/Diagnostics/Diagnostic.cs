namespace TofuMirror.Diagnostics;

/// <summary>
/// A problem found in a source file: a one-line <see cref="Summary"/>, an optional longer
/// <see cref="Detail"/> that says what to do, the <see cref="Subject"/> range it is about and an
/// optional wider <see cref="Context"/> range (for example the whole block).
/// </summary>
public sealed record Diagnostic(
    DiagnosticSeverity Severity,
    string Summary,
    string? Detail,
    SourceRange? Subject,
    SourceRange? Context = null)
{
    /// <summary>An optional project-wide code such as <c>TOFU0001</c>; the HCL layer leaves it empty.</summary>
    public string? Code { get; init; }

    /// <summary>
    /// The code of the condition, when it is not <see cref="Code"/> because of where the problem was found: a malformed
    /// provider address in a lock file is <c>TOFU0002</c> (invalid lock file) but the condition <c>TOFU0006</c> names,
    /// which is how the source generator reports it. Null: the condition is <see cref="Code"/>'s.
    /// </summary>
    public string? ConditionCode { get; init; }

    public static Diagnostic Error(string summary, string? detail, SourceRange? subject, SourceRange? context = null) =>
        new(DiagnosticSeverity.Error, summary, detail, subject, context);

    public static Diagnostic Warning(string summary, string? detail, SourceRange? subject, SourceRange? context = null) =>
        new(DiagnosticSeverity.Warning, summary, detail, subject, context);

    /// <summary><c>file:line:col: error CODE: summary: detail</c>, the form build tools parse.</summary>
    public override string ToString()
    {
        var where = Subject is { } s ? s + ": " : "";
        var severity = Severity == DiagnosticSeverity.Error ? "error" : "warning";
        var code = string.IsNullOrEmpty(Code) ? "" : " " + Code;
        var detail = string.IsNullOrEmpty(Detail) ? "" : ": " + Detail;
        return $"{where}{severity}{code}: {Summary}{detail}";
    }
}
