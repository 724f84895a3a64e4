using System.Collections.Generic;
using TofuMirror.Diagnostics;

namespace TofuMirror.Hcl.Syntax;

/// <summary>A reference to a variable and steps into it: <c>local.a.b[0]</c>.</summary>
public sealed class ScopeTraversalExpression : Expression
{
    public ScopeTraversalExpression(Traversal traversal) : base(traversal.Range) => Traversal = traversal;

    public Traversal Traversal { get; }

    /// <inheritdoc />
    public override IEnumerable<Expression> Children => System.Array.Empty<Expression>();
}

/// <summary>Attribute and literal-index steps applied to the result of another expression: <c>f(x).a[0]</c>.</summary>
public sealed class RelativeTraversalExpression : Expression
{
    public RelativeTraversalExpression(Expression source, IReadOnlyList<TraversalStep> steps)
        : base(source.Range.Through(steps[steps.Count - 1].Range))
    {
        Source = source;
        Steps = steps;
    }

    public Expression Source { get; }
    public IReadOnlyList<TraversalStep> Steps { get; }

    /// <inheritdoc />
    public override IEnumerable<Expression> Children => new[] { Source };
}

/// <summary><c>collection[key]</c> where the key is not a literal.</summary>
public sealed class IndexExpression : Expression
{
    public IndexExpression(Expression collection, Expression key, SourceRange bracketRange) : base(collection.Range.Through(bracketRange))
    {
        Collection = collection;
        Key = key;
        BracketRange = bracketRange;
    }

    /// <summary>From <c>[</c> through <c>]</c>.</summary>
    public SourceRange BracketRange { get; }

    public Expression Collection { get; }
    public Expression Key { get; }

    /// <inheritdoc />
    public override IEnumerable<Expression> Children => new[] { Collection, Key };
}

/// <summary>
/// A splat, <c>source.*.attr</c> (attribute-only) or <c>source[*].attr[0]</c> (full): <see cref="Each"/>
/// is evaluated once per element with <see cref="Item"/> standing for the element.
/// </summary>
public sealed class SplatExpression : Expression
{
    public SplatExpression(Expression source, Expression each, AnonSymbolExpression item, bool isFullSplat, SourceRange markerRange, SourceRange range)
        : base(range)
    {
        Source = source;
        Each = each;
        Item = item;
        IsFullSplat = isFullSplat;
        MarkerRange = markerRange;
    }

    public Expression Source { get; }
    public Expression Each { get; }
    public AnonSymbolExpression Item { get; }
    public bool IsFullSplat { get; }

    /// <summary>The <c>.*</c> or <c>[*]</c> itself.</summary>
    public SourceRange MarkerRange { get; }

    /// <inheritdoc />
    public override IEnumerable<Expression> Children => new[] { Source, Each };
}

/// <summary>The current element inside a <see cref="SplatExpression"/>'s <see cref="SplatExpression.Each"/>.</summary>
public sealed class AnonSymbolExpression : Expression
{
    public AnonSymbolExpression(SourceRange range) : base(range)
    {
    }

    /// <inheritdoc />
    public override IEnumerable<Expression> Children => System.Array.Empty<Expression>();
}
