using System;
using System.Collections;
using System.Collections.Generic;
using System.Linq;
using System.Reflection;
using Microsoft.VisualStudio.TestTools.UnitTesting;
using TofuMirror.Hcl.Syntax;

namespace TofuMirror.Hcl.Tests.Syntax;

/// <summary>Every expression node lists the expressions it holds as <see cref="Expression.Children"/>, and the walker visits them.</summary>
[TestClass]
public sealed class ExpressionWalkerTests
{
    /// <summary>Between them these use every kind of expression node.</summary>
    private static readonly string[] Corpus =
    [
        "[for k, v in var.m : upper(v) if k != \"x\"]",
        "{for k, v in var.m : k => v... if !v}",
        "{ a = 1, (local.k) = -2, \"s\" = null }",
        "cond ? f(a, b...) : (x * 2)",
        "var.list[*].id",
        "var.list.*.name",
        "f(x).attr[0]",
        "m[var.key]",
        "[1, \"two\", [c]]",
        "\"${a}\"",
        "\"pre ${b} %{ if c }yes%{ else }no%{ endif } %{ for i in l }${i}%{ endfor }\"",
        "<<EOT\nheredoc ${d}\nEOT\n",
    ];

    private static IEnumerable<Expression> AllNodes()
    {
        var nodes = new List<Expression>();
        foreach (var text in Corpus) ExpressionWalker.Walk(ParseHelpers.ParseExpr(text), node => { nodes.Add(node); return true; });
        return nodes;
    }

    [TestMethod]
    public void The_corpus_uses_every_concrete_expression_node_type()
    {
        var concrete = typeof(Expression).Assembly.GetTypes()
            .Where(t => typeof(Expression).IsAssignableFrom(t) && !t.IsAbstract)
            .ToList();
        var seen = AllNodes().Select(n => n.GetType()).ToHashSet();

        var missing = concrete.Where(t => !seen.Contains(t)).Select(t => t.Name).ToList();
        Assert.IsEmpty(missing, "add expressions using these node types to the corpus: " + string.Join(", ", missing));
    }

    [TestMethod]
    public void Every_node_lists_as_children_exactly_the_expressions_its_properties_hold()
    {
        foreach (var node in AllNodes())
        {
            var held = HeldExpressions(node).ToList();
            // A splat's Item stands for the element inside Each, so it is reached through Each.
            if (node is SplatExpression splat) held.Remove(splat.Item);

            CollectionAssert.AreEqual(held, node.Children.ToList(), $"{node.GetType().Name} at {node.Range}");
        }
    }

    [TestMethod]
    public void Walk_visits_a_node_before_its_children_in_source_order_and_skips_children_when_asked()
    {
        var expression = ParseHelpers.ParseExpr("a + f(b, [c, d])");
        var visited = new List<string>();

        ExpressionWalker.Walk(expression, node =>
        {
            visited.Add(node is ScopeTraversalExpression s ? s.Traversal.RootName : node.GetType().Name);
            return node is not TupleConsExpression;
        });

        CollectionAssert.AreEqual(new[] { "BinaryOpExpression", "a", "FunctionCallExpression", "b", "TupleConsExpression" }, visited);
    }

    /// <summary>The expressions a node's public properties hold, directly or in lists and helper records, in declaration order.</summary>
    private static IEnumerable<Expression> HeldExpressions(object holder)
    {
        foreach (var property in holder.GetType().GetProperties(BindingFlags.Public | BindingFlags.Instance))
        {
            if (property.Name == nameof(Expression.Children) || property.GetIndexParameters().Length > 0) continue;
            foreach (var expression in ExpressionsIn(property.GetValue(holder))) yield return expression;
        }
    }

    private static IEnumerable<Expression> ExpressionsIn(object? value) => value switch
    {
        Expression expression => [expression],
        string or null => [],
        IEnumerable sequence => sequence.Cast<object?>().SelectMany(ExpressionsIn),
        _ when value.GetType().Namespace == typeof(Expression).Namespace && !value.GetType().IsValueType => HeldExpressions(value),
        _ => [],
    };
}
