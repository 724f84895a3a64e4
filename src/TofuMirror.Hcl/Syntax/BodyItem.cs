using TofuMirror.Diagnostics;

namespace TofuMirror.Hcl.Syntax;

/// <summary>An item of a <see cref="Body"/>: an <see cref="HclAttribute"/> or a <see cref="Block"/>.</summary>
public abstract class BodyItem : Node
{
    protected BodyItem(SourceRange range) : base(range)
    {
    }
}
