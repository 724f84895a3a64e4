using System.Collections.Generic;
using System.Linq;
using TofuMirror.Diagnostics;

namespace TofuMirror.Hcl.Syntax;

/// <summary><c>[a, b, c]</c></summary>
public sealed class TupleConsExpression : Expression
{
    public TupleConsExpression(IReadOnlyList<Expression> items, SourceRange openRange, SourceRange range) : base(range)
    {
        Items = items;
        OpenRange = openRange;
    }

    public IReadOnlyList<Expression> Items { get; }
    public SourceRange OpenRange { get; }

    /// <inheritdoc />
    public override IEnumerable<Expression> Children => Items;
}

/// <summary><c>{ key = value, key2: value2 }</c></summary>
public sealed class ObjectConsExpression : Expression
{
    public ObjectConsExpression(IReadOnlyList<ObjectConsItem> items, SourceRange openRange, SourceRange range) : base(range)
    {
        Items = items;
        OpenRange = openRange;
    }

    public IReadOnlyList<ObjectConsItem> Items { get; }
    public SourceRange OpenRange { get; }

    /// <inheritdoc />
    public override IEnumerable<Expression> Children => Items.SelectMany(item => new[] { item.Key, item.Value });
}

/// <summary>One <c>key = value</c> of an <see cref="ObjectConsExpression"/>.</summary>
public sealed record ObjectConsItem(Expression Key, Expression Value);

/// <summary>
/// An object key written as a bare identifier (<c>{ name = 1 }</c> means the string "name") or in
/// parentheses, <c>{ (name) = 1 }</c>, which forces <see cref="Wrapped"/> to be evaluated.
/// </summary>
public sealed class ObjectConsKeyExpression : Expression
{
    public ObjectConsKeyExpression(Expression wrapped, bool forceNonLiteral) : base(wrapped.Range)
    {
        Wrapped = wrapped;
        ForceNonLiteral = forceNonLiteral;
    }

    public Expression Wrapped { get; }
    public bool ForceNonLiteral { get; }

    /// <inheritdoc />
    public override IEnumerable<Expression> Children => new[] { Wrapped };
}

/// <summary>
/// <c>[for k, v in coll : expr if cond]</c> or <c>{for k, v in coll : key =&gt; value... if cond}</c>.
/// </summary>
public sealed class ForExpression : Expression
{
    public ForExpression(string? keyVariable, string valueVariable, Expression collection, Expression? keyExpression,
        Expression valueExpression, Expression? condition, bool isGrouped, SourceRange openRange, SourceRange closeRange)
        : base(openRange.Through(closeRange))
    {
        KeyVariable = keyVariable;
        ValueVariable = valueVariable;
        Collection = collection;
        KeyExpression = keyExpression;
        ValueExpression = valueExpression;
        Condition = condition;
        IsGrouped = isGrouped;
        OpenRange = openRange;
        CloseRange = closeRange;
    }

    public string? KeyVariable { get; }
    public string ValueVariable { get; }
    public Expression Collection { get; }

    /// <summary>The key expression of the object form; null for the tuple form.</summary>
    public Expression? KeyExpression { get; }
    public Expression ValueExpression { get; }
    public Expression? Condition { get; }

    /// <summary>The <c>...</c> grouping mode of the object form.</summary>
    public bool IsGrouped { get; }
    public bool IsObject => KeyExpression is not null;
    public SourceRange OpenRange { get; }
    public SourceRange CloseRange { get; }

    /// <inheritdoc />
    public override IEnumerable<Expression> Children => new Expression?[] { Collection, KeyExpression, ValueExpression, Condition }.OfType<Expression>();
}
