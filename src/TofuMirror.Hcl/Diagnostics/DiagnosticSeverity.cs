namespace TofuMirror.Diagnostics;

/// <summary>How bad a <see cref="Diagnostic"/> is.</summary>
public enum DiagnosticSeverity
{
    /// <summary>Something the user should look at; processing went on normally.</summary>
    Warning,

    /// <summary>The input is invalid; results derived from it are incomplete.</summary>
    Error,
}
