namespace TofuMirror.Diagnostics;

/// <summary>A position in a source file: 1-based line and column (in Unicode characters), 0-based byte offset in UTF-8.</summary>
public readonly record struct SourcePosition(int Line, int Column, int Offset)
{
    /// <summary>The first position of any file.</summary>
    public static SourcePosition Start { get; } = new(1, 1, 0);

    /// <inheritdoc />
    public override string ToString() => $"{Line}:{Column}";
}
