using System.Collections.Generic;
using TofuMirror.Hcl.Evaluation;
using TofuMirror.Diagnostics;

namespace TofuMirror.Hcl.Syntax;

internal sealed partial class Parser
{
    /// <summary>
    /// Attribute, index and splat operators after a term. Literal steps are gathered into one
    /// traversal (scope or relative); a non-literal index or a splat starts a new node.
    /// </summary>
    private Expression ParseTraversals(Expression term, bool attributeOnly = false)
    {
        var current = term;
        var steps = new List<TraversalStep>();
        var nested = 0;
        try
        {
            while (true)
            {
                var token = Peek();
                if (token.Kind == TokenKind.Dot)
                {
                    var dot = Read();
                    var next = Peek();
                    if (next.Kind == TokenKind.Identifier)
                    {
                        Read();
                        steps.Add(new AttributeStep(next.Text, dot.Range.Through(next.Range)));
                        continue;
                    }
                    if (next.Kind == TokenKind.NumberLiteral && HclNumber.TryParse(next.Text, out var index))
                    {
                        Read();
                        steps.Add(new IndexStep(HclValue.Number(index), isLegacy: true, dot.Range.Through(next.Range)));
                        continue;
                    }
                    if (next.Kind == TokenKind.Star)
                    {
                        var star = Read();
                        if (attributeOnly)
                        {
                            Error("Nested splat expression not allowed", "A splat expression (*) cannot be used inside another attribute-only splat expression.", star.Range);
                            continue;
                        }
                        current = Flush(current, steps);
                        current = ParseSplat(current, dot.Range.Through(star.Range), isFull: false);
                        if (!Enter(star.Range)) return current;
                        nested++;
                        continue;
                    }
                    ErrorAt(next, "Invalid attribute name", "An attribute name is required after a dot.");
                    return Flush(current, steps);
                }

                if (token.Kind == TokenKind.OpenBracket && !attributeOnly)
                {
                    var open = Read();
                    if (Peek().Kind == TokenKind.Star)
                    {
                        var star = Read();
                        var close = Peek();
                        if (close.Kind != TokenKind.CloseBracket)
                        {
                            ErrorAt(close, "Missing close bracket on splat index", "The star for a full splat operator must be immediately followed by a closing bracket (\"]\").");
                            RecoverTo(TokenKind.CloseBracket);
                        }
                        else
                        {
                            Read();
                        }
                        current = Flush(current, steps);
                        return ParseSplat(current, open.Range.Through(_previous.Range), isFull: true);
                    }

                    PushNewlines(false);
                    Expression key;
                    try
                    {
                        key = ParseExpression();
                        var close = Peek();
                        if (close.Kind != TokenKind.CloseBracket)
                        {
                            ErrorAt(close, "Missing close bracket on index", "The index operator must end with a closing bracket (\"]\").");
                            RecoverTo(TokenKind.CloseBracket);
                        }
                        else
                        {
                            Read();
                        }
                    }
                    finally
                    {
                        PopNewlines();
                    }
                    var range = open.Range.Through(_previous.Range);
                    if (TryGetLiteralKey(key, out var literal))
                    {
                        steps.Add(new IndexStep(literal, isLegacy: false, range));
                        continue;
                    }
                    current = Flush(current, steps);
                    current = new IndexExpression(current, key, range);
                    if (!Enter(range)) return current;
                    nested++;
                    continue;
                }

                return Flush(current, steps);
            }
        }
        finally
        {
            _depth -= nested;
        }
    }

    /// <summary>Splat: the rest of the traversal applies to each element, represented by an anonymous symbol.</summary>
    private Expression ParseSplat(Expression source, SourceRange markerRange, bool isFull)
    {
        var item = new AnonSymbolExpression(EmptyRangeAt(markerRange.End));
        var each = ParseTraversals(item, attributeOnly: !isFull);
        var range = source.Range.Through(markerRange);
        if (!ReferenceEquals(each, item)) range = range.Through(each.Range);
        return new SplatExpression(source, each, item, isFull, markerRange, range);
    }

    /// <summary>Turns gathered steps into a traversal node on <paramref name="current"/> and clears them.</summary>
    private static Expression Flush(Expression current, List<TraversalStep> steps)
    {
        if (steps.Count == 0) return current;
        var taken = steps.ToArray();
        steps.Clear();
        return current switch
        {
            ScopeTraversalExpression scope => new ScopeTraversalExpression(new Traversal(scope.Traversal.RootName, scope.Traversal.RootRange, Concat(scope.Traversal.Steps, taken))),
            RelativeTraversalExpression relative => new RelativeTraversalExpression(relative.Source, Concat(relative.Steps, taken)),
            _ => new RelativeTraversalExpression(current, taken),
        };
    }

    private static TraversalStep[] Concat(IReadOnlyList<TraversalStep> first, TraversalStep[] second)
    {
        var all = new TraversalStep[first.Count + second.Length];
        for (var i = 0; i < first.Count; i++) all[i] = first[i];
        second.CopyTo(all, first.Count);
        return all;
    }

    /// <summary>Index keys that are literals (numbers, bools, plain strings) become traversal steps, as in HCL.</summary>
    private static bool TryGetLiteralKey(Expression key, out HclValue value)
    {
        switch (key)
        {
            case LiteralValueExpression literal when literal.Value.IsKnown && !literal.Value.IsNull:
                value = literal.Value;
                return true;
            case TemplateExpression template when template.IsStringLiteral && Expression.TryGetStaticString(template, out var text):
                value = HclValue.String(text);
                return true;
            default:
                value = HclValue.Null;
                return false;
        }
    }
}
