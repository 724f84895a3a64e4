using System.Collections.Generic;
using TofuMirror.Hcl.Evaluation;
using TofuMirror.Diagnostics;

namespace TofuMirror.Hcl.Syntax;

/// <summary>A number, <c>true</c>, <c>false</c> or <c>null</c> (also a literal string part of a template).</summary>
public sealed class LiteralValueExpression : Expression
{
    public LiteralValueExpression(HclValue value, SourceRange range) : base(range) => Value = value;

    public HclValue Value { get; }

    /// <inheritdoc />
    public override IEnumerable<Expression> Children => System.Array.Empty<Expression>();
}
