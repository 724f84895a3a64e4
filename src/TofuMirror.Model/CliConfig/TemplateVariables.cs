using System.Collections.Generic;
using TofuMirror.Hcl.Syntax;

namespace TofuMirror.Model.CliConfig;

/// <summary>
/// The root names of the variables an HCL expression refers to (like hclsyntax's <c>Variables</c>): every
/// scope traversal, except names bound by an enclosing <c>for</c> expression.
/// </summary>
internal static class TemplateVariables
{
    public static IReadOnlyList<string> RootNames(Expression expression)
    {
        var names = new List<string>();
        Collect(expression, new HashSet<string>(), names);
        return names;
    }

    private static void Collect(Expression expression, HashSet<string> bound, List<string> names) =>
        ExpressionWalker.Walk(expression, node =>
        {
            switch (node)
            {
                case ScopeTraversalExpression traversal:
                    if (!bound.Contains(traversal.Traversal.RootName)) names.Add(traversal.Traversal.RootName);
                    return false;
                case ForExpression forExpression:
                    Collect(forExpression.Collection, bound, names);
                    var inner = new HashSet<string>(bound) { forExpression.ValueVariable };
                    if (forExpression.KeyVariable is not null) inner.Add(forExpression.KeyVariable);
                    if (forExpression.KeyExpression is not null) Collect(forExpression.KeyExpression, inner, names);
                    Collect(forExpression.ValueExpression, inner, names);
                    if (forExpression.Condition is not null) Collect(forExpression.Condition, inner, names);
                    return false;
                default:
                    return true;
            }
        });
}
