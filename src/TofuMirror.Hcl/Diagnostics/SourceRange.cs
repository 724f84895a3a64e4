namespace TofuMirror.Diagnostics;

/// <summary>A half-open range [Start, End) inside one named file.</summary>
public readonly record struct SourceRange(string FileName, SourcePosition Start, SourcePosition End)
{
    /// <summary>An empty range at the start of <paramref name="fileName"/>, for problems that concern a whole file.</summary>
    public static SourceRange StartOf(string fileName) => new(fileName, SourcePosition.Start, SourcePosition.Start);

    /// <summary>The smallest range that covers both ranges (which must be in the same file).</summary>
    public SourceRange Through(SourceRange other) =>
        new(FileName,
            other.Start.Offset < Start.Offset ? other.Start : Start,
            other.End.Offset > End.Offset ? other.End : End);

    /// <summary><c>file:line:column</c>, the form compilers and editors understand.</summary>
    public override string ToString() => $"{FileName}:{Start.Line}:{Start.Column}";
}
