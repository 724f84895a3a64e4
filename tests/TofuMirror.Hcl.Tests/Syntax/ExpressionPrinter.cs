using System;
using System.Linq;
using TofuMirror.Hcl.Evaluation;
using TofuMirror.Hcl.Syntax;

namespace TofuMirror.Hcl.Tests.Syntax;

/// <summary>Prints a tree as a compact s-expression for structure assertions.</summary>
internal static class ExpressionPrinter
{
    public static string Print(Expression e) => e switch
    {
        LiteralValueExpression l => l.Value.ToString(),
        ScopeTraversalExpression s => s.Traversal.RootName + Steps(s.Traversal.Steps),
        RelativeTraversalExpression r => r.Source is AnonSymbolExpression ? "(rel *" + " " + Steps(r.Steps) + ")" : $"(rel {Print(r.Source)} {Steps(r.Steps)})",
        AnonSymbolExpression => "*",
        BinaryOpExpression b => $"({Op(b.Operation)} {Print(b.Left)} {Print(b.Right)})",
        UnaryOpExpression u => $"({(u.Operation == Operation.Negate ? "neg" : "!")} {Print(u.Operand)})",
        ConditionalExpression c => $"(? {Print(c.Condition)} {Print(c.TrueResult)} {Print(c.FalseResult)})",
        ParenthesesExpression p => $"(paren {Print(p.Inner)})",
        IndexExpression i when i.Collection is SplatExpression => $"(index-after {Print(i.Collection)} {Print(i.Key)})",
        IndexExpression i => $"(index {Print(i.Collection)} {Print(i.Key)})",
        SplatExpression s => $"(splat {Print(s.Source)} {Print(s.Each)})",
        FunctionCallExpression f => $"(call{(f.ExpandFinal ? "..." : "")} {f.Name}{string.Concat(f.Args.Select(a => " " + Print(a)))})",
        TupleConsExpression t => "[" + string.Join(" ", t.Items.Select(Print)) + "]",
        ObjectConsExpression o => "{" + string.Join(" ", o.Items.Select(i => Print(i.Key) + "=" + Print(i.Value))) + "}",
        ObjectConsKeyExpression k => (k.ForceNonLiteral ? "key!(" : "key(") + Print(k.Wrapped) + ")",
        ForExpression f when f.IsObject => $"(for-object {f.KeyVariable} {f.ValueVariable} {Print(f.Collection)} {Print(f.KeyExpression!)} {Print(f.ValueExpression)}{(f.IsGrouped ? " grouped" : "")}{(f.Condition is null ? "" : " if " + Print(f.Condition))})",
        ForExpression f => $"(for-tuple {f.ValueVariable} {Print(f.Collection)} {Print(f.ValueExpression)}{(f.Condition is null ? "" : " if " + Print(f.Condition))})",
        TemplateWrapExpression w => $"(wrap {Print(w.Wrapped)})",
        TemplateExpression t when t.IsStringLiteral => HclValue.String(t.Parts.Count == 0 ? "" : ((LiteralValueExpression)t.Parts[0]).Value.AsString()).ToString(),
        TemplateExpression t => "(template" + string.Concat(t.Parts.Select(p => " " + Print(p))) + ")",
        TemplateIfExpression i => $"(%if {Print(i.Condition)} {Print(i.TrueTemplate)}{(i.FalseTemplate is null ? "" : " " + Print(i.FalseTemplate))})",
        TemplateForExpression f => $"(%for {f.KeyVariable}{(f.KeyVariable is null ? "" : ",")}{f.ValueVariable} {Print(f.Collection)} {Print(f.Body)})",
        _ => throw new InvalidOperationException(e.GetType().Name),
    };

    private static string Steps(System.Collections.Generic.IReadOnlyList<TraversalStep> steps) => string.Concat(steps.Select(s => s switch
    {
        AttributeStep a => "." + a.Name,
        IndexStep i => "[" + i.Key + "]",
        _ => "?",
    }));

    private static string Op(Operation op) => op switch
    {
        Operation.LogicalOr => "||",
        Operation.LogicalAnd => "&&",
        Operation.Equal => "==",
        Operation.NotEqual => "!=",
        Operation.LessThan => "<",
        Operation.LessThanOrEqual => "<=",
        Operation.GreaterThan => ">",
        Operation.GreaterThanOrEqual => ">=",
        Operation.Add => "+",
        Operation.Subtract => "-",
        Operation.Multiply => "*",
        Operation.Divide => "/",
        Operation.Modulo => "%",
        _ => op.ToString(),
    };
}
