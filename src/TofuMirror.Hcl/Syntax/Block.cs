using System.Collections.Generic;
using TofuMirror.Diagnostics;

namespace TofuMirror.Hcl.Syntax;

/// <summary>A block: <c>type "label" label { body }</c>.</summary>
public sealed class Block : BodyItem
{
    public Block(string type, SourceRange typeRange, IReadOnlyList<BlockLabel> labels, Body body,
        SourceRange openBraceRange, SourceRange closeBraceRange)
        : base(typeRange.Through(closeBraceRange))
    {
        Type = type;
        TypeRange = typeRange;
        Labels = labels;
        Body = body;
        OpenBraceRange = openBraceRange;
        CloseBraceRange = closeBraceRange;
    }

    public string Type { get; }
    public SourceRange TypeRange { get; }
    public IReadOnlyList<BlockLabel> Labels { get; }
    public Body Body { get; }
    public SourceRange OpenBraceRange { get; }
    public SourceRange CloseBraceRange { get; }

    /// <summary>From the type name through the last label: what messages about "this block" point at.</summary>
    public SourceRange HeaderRange => Labels.Count == 0 ? TypeRange : TypeRange.Through(Labels[Labels.Count - 1].Range);
}
