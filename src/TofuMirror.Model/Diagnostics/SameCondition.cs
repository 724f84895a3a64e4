namespace TofuMirror.Model.Diagnostics;

/// <summary>
/// A source-generator code names the same condition as the TOFU00xx <paramref name="Code"/> found in
/// <paramref name="Origin"/>: the generator reports a Model diagnostic whose condition is <paramref name="Code"/> under its own code.
/// </summary>
public sealed record SameCondition(string Code, DiagnosticOrigin Origin);
