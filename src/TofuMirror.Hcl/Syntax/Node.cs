using TofuMirror.Diagnostics;

namespace TofuMirror.Hcl.Syntax;

/// <summary>Base of every syntax-tree node: each one knows exactly where it is in the source.</summary>
public abstract class Node
{
    protected Node(SourceRange range) => Range = range;

    /// <summary>The source text this node covers.</summary>
    public SourceRange Range { get; }
}
