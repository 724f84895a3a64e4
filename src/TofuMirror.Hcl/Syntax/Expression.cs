using System.Collections.Generic;
using TofuMirror.Hcl.Evaluation;
using TofuMirror.Diagnostics;

namespace TofuMirror.Hcl.Syntax;

/// <summary>Base of every expression node.</summary>
public abstract class Expression : Node
{
    protected Expression(SourceRange range) : base(range)
    {
    }

    /// <summary>
    /// The expressions directly inside this one, in source order; <see cref="ExpressionWalker"/> visits them. A new node
    /// type must list every expression it holds here, or walks (such as finding the variables a template uses) miss them.
    /// </summary>
    public abstract IEnumerable<Expression> Children { get; }

    /// <summary>
    /// The value of a quoted string with no interpolations or directives (also a bare-identifier
    /// object key), without evaluating anything.
    /// </summary>
    public static bool TryGetStaticString(Expression expression, out string value)
    {
        switch (expression)
        {
            case TemplateExpression template when template.IsStringLiteral:
                value = template.Parts.Count == 0 ? "" : ((LiteralValueExpression)template.Parts[0]).Value.AsString();
                return true;
            case LiteralValueExpression { Value.Kind: HclValueKind.String } literal:
                value = literal.Value.AsString();
                return true;
            case ObjectConsKeyExpression key when !key.ForceNonLiteral && key.Wrapped is ScopeTraversalExpression { Traversal.Steps.Count: 0 } traversal:
                value = traversal.Traversal.RootName;
                return true;
            case ObjectConsKeyExpression key:
                return TryGetStaticString(key.Wrapped, out value);
            default:
                value = "";
                return false;
        }
    }
}
