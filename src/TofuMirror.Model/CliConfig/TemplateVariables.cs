using System.Collections;
using System.Collections.Generic;
using System.Linq;
using System.Reflection;
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
        Walk(expression, new HashSet<string>(), names, new HashSet<object>(ReferenceEqualityComparer.Instance));
        return names;
    }

    private static void Walk(object node, HashSet<string> bound, List<string> names, HashSet<object> seen)
    {
        if (!seen.Add(node)) return;
        switch (node)
        {
            case ScopeTraversalExpression traversal:
                if (!bound.Contains(traversal.Traversal.RootName)) names.Add(traversal.Traversal.RootName);
                return;
            case ForExpression forExpression:
                Walk(forExpression.Collection, bound, names, seen);
                var inner = new HashSet<string>(bound) { forExpression.ValueVariable };
                if (forExpression.KeyVariable is not null) inner.Add(forExpression.KeyVariable);
                if (forExpression.KeyExpression is not null) Walk(forExpression.KeyExpression, inner, names, seen);
                Walk(forExpression.ValueExpression, inner, names, seen);
                if (forExpression.Condition is not null) Walk(forExpression.Condition, inner, names, seen);
                return;
        }

        // Every other node: visit its syntax-tree children, found by shape so new node kinds are covered too.
        foreach (var property in node.GetType().GetProperties(BindingFlags.Public | BindingFlags.Instance))
        {
            if (property.GetIndexParameters().Length > 0) continue;
            var type = property.PropertyType;
            if (type == typeof(string) || type.IsValueType) continue;
            var value = property.GetValue(node);
            if (value is null) continue;
            if (IsSyntax(value))
            {
                Walk(value, bound, names, seen);
            }
            else if (value is IEnumerable sequence and not string)
            {
                foreach (var element in sequence.Cast<object?>())
                {
                    if (element is not null && IsSyntax(element)) Walk(element, bound, names, seen);
                }
            }
        }
    }

    private static bool IsSyntax(object value) =>
        value.GetType().Namespace == typeof(Expression).Namespace && !value.GetType().IsValueType;

    private sealed class ReferenceEqualityComparer : IEqualityComparer<object>
    {
        public static readonly ReferenceEqualityComparer Instance = new();

        public new bool Equals(object? x, object? y) => ReferenceEquals(x, y);

        public int GetHashCode(object obj) => System.Runtime.CompilerServices.RuntimeHelpers.GetHashCode(obj);
    }
}
