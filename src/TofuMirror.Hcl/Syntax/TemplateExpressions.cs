using System.Collections.Generic;
using System.Linq;
using TofuMirror.Hcl.Evaluation;
using TofuMirror.Diagnostics;

namespace TofuMirror.Hcl.Syntax;

/// <summary>
/// A string template: literal parts (<see cref="LiteralValueExpression"/> strings, escapes already
/// decoded) and interpolated expressions and directives, concatenated. A quoted string without
/// template sequences is a template of one literal part.
/// </summary>
public sealed class TemplateExpression : Expression
{
    public TemplateExpression(IReadOnlyList<Expression> parts, SourceRange range) : base(range) => Parts = parts;

    public IReadOnlyList<Expression> Parts { get; }

    /// <summary>True when the template is a plain string: no interpolation, no directive.</summary>
    public bool IsStringLiteral =>
        Parts.Count == 0 || (Parts.Count == 1 && Parts[0] is LiteralValueExpression { Value.Kind: HclValueKind.String });

    /// <inheritdoc />
    public override IEnumerable<Expression> Children => Parts;
}

/// <summary>A template that is exactly one interpolation, <c>"${x}"</c>: its value is <see cref="Wrapped"/>'s, unconverted.</summary>
public sealed class TemplateWrapExpression : Expression
{
    public TemplateWrapExpression(Expression wrapped, SourceRange range) : base(range) => Wrapped = wrapped;

    public Expression Wrapped { get; }

    /// <inheritdoc />
    public override IEnumerable<Expression> Children => new[] { Wrapped };
}

/// <summary>A <c>%{ if cond }...%{ else }...%{ endif }</c> directive inside a template.</summary>
public sealed class TemplateIfExpression : Expression
{
    public TemplateIfExpression(Expression condition, TemplateExpression trueTemplate, TemplateExpression? falseTemplate, SourceRange range)
        : base(range)
    {
        Condition = condition;
        TrueTemplate = trueTemplate;
        FalseTemplate = falseTemplate;
    }

    public Expression Condition { get; }
    public TemplateExpression TrueTemplate { get; }

    /// <summary>The <c>else</c> branch, or null when there is none (then the directive yields "").</summary>
    public TemplateExpression? FalseTemplate { get; }

    /// <inheritdoc />
    public override IEnumerable<Expression> Children => new Expression?[] { Condition, TrueTemplate, FalseTemplate }.OfType<Expression>();
}

/// <summary>A <c>%{ for k, v in coll }...%{ endfor }</c> directive: the body repeated and joined.</summary>
public sealed class TemplateForExpression : Expression
{
    public TemplateForExpression(string? keyVariable, string valueVariable, Expression collection, TemplateExpression body, SourceRange range)
        : base(range)
    {
        KeyVariable = keyVariable;
        ValueVariable = valueVariable;
        Collection = collection;
        Body = body;
    }

    public string? KeyVariable { get; }
    public string ValueVariable { get; }
    public Expression Collection { get; }
    public TemplateExpression Body { get; }

    /// <inheritdoc />
    public override IEnumerable<Expression> Children => new Expression[] { Collection, Body };
}
