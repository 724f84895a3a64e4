using System;
using System.Collections.Generic;
using System.Linq;

namespace TofuMirror.Hcl.Syntax;

/// <summary>Visits an expression tree through each node's <see cref="Expression.Children"/> (like hclsyntax's <c>Walk</c>).</summary>
public static class ExpressionWalker
{
    /// <summary>
    /// Calls <paramref name="visit"/> for <paramref name="root"/> and every expression inside it, depth-first, a node before its
    /// children and children in source order. When <paramref name="visit"/> returns false the node's children are skipped.
    /// </summary>
    public static void Walk(Expression root, Func<Expression, bool> visit)
    {
        if (root is null) throw new ArgumentNullException(nameof(root));
        if (visit is null) throw new ArgumentNullException(nameof(visit));
        var pending = new Stack<Expression>();
        pending.Push(root);
        while (pending.Count > 0)
        {
            var node = pending.Pop();
            if (!visit(node)) continue;
            foreach (var child in node.Children.Reverse()) pending.Push(child);
        }
    }
}
