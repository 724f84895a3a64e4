using System.Collections.Generic;
using System.Linq;
using TofuMirror.Hcl.Syntax;

namespace TofuMirror.Hcl.Evaluation;

internal sealed partial class ExpressionEvaluator
{
    /// <summary>(key, value) pairs of a tuple (index keys) or an object (attribute names).</summary>
    private static IEnumerable<(HclValue Key, HclValue Value)> Elements(HclValue collection)
    {
        if (collection.Kind == HclValueKind.Tuple)
        {
            for (var i = 0; i < collection.Items.Count; i++) yield return (HclValue.Number(i), collection.Items[i]);
        }
        else
        {
            foreach (var pair in collection.Attributes) yield return (HclValue.String(pair.Key), pair.Value);
        }
    }

    private HclValue EvaluateObject(ObjectConsExpression e, Scope scope)
    {
        var attributes = new List<KeyValuePair<string, HclValue>>();
        var known = true;
        foreach (var item in e.Items)
        {
            var key = Evaluate(item.Key, scope);
            var value = Evaluate(item.Value, scope);
            if (key.IsNull)
            {
                Fail("Null value as key", "Can't use a null value as a key.", item.Key.Range);
                known = false;
                continue;
            }
            if (!key.IsKnown)
            {
                known = false;
                continue;
            }
            if (!HclConvert.TryToString(key, out var name))
            {
                Fail("Incorrect key type", "Can't use this value as a key: string required.", item.Key.Range);
                known = false;
                continue;
            }
            attributes.Add(new KeyValuePair<string, HclValue>(name, value));
        }
        return known ? HclValue.Object(attributes) : HclValue.DynamicUnknown;
    }

    private HclValue EvaluateObjectKey(ObjectConsKeyExpression key, Scope scope)
    {
        if (!key.ForceNonLiteral && key.Wrapped is ScopeTraversalExpression { Traversal.Steps.Count: 0 } name)
            return HclValue.String(name.Traversal.RootName);
        return Evaluate(key.Wrapped, scope);
    }

    private HclValue EvaluateFor(ForExpression e, Scope scope)
    {
        var collection = Evaluate(e.Collection, scope);
        if (collection.IsNull)
            return Fail("Iteration over null value", "A null value cannot be used as the collection in a 'for' expression.", e.Collection.Range, e.Range);
        if (!collection.IsKnown) return HclValue.DynamicUnknown;
        if (collection.Kind is not (HclValueKind.Tuple or HclValueKind.Object))
            return Fail("Iteration over non-iterable value", $"A value of type {collection.Type.FriendlyName} cannot be used as the collection in a 'for' expression.", e.Collection.Range, e.Range);

        var items = new List<HclValue>();
        var groups = new Dictionary<string, List<HclValue>>();
        var order = new List<string>();
        var known = true;
        foreach (var (k, v) in Elements(collection))
        {
            var inner = scope.With(e.KeyVariable, k, e.ValueVariable, v);
            if (e.Condition is not null)
            {
                var condition = Evaluate(e.Condition, inner);
                if (condition.IsNull)
                    return Fail("Invalid 'for' condition", "The value of the 'if' clause must not be null.", e.Condition.Range, e.Range);
                if (!condition.IsKnown)
                {
                    known = false;
                    continue;
                }
                if (!HclConvert.TryToBool(condition, out var include))
                    return Fail("Invalid 'for' condition", "The value of the 'if' clause must be a bool.", e.Condition.Range, e.Range);
                if (!include) continue;
            }

            if (e.KeyExpression is null)
            {
                items.Add(Evaluate(e.ValueExpression, inner));
                continue;
            }

            var key = Evaluate(e.KeyExpression, inner);
            if (key.IsNull)
                return Fail("Invalid object key", "Key expression in 'for' expression must not produce a null value.", e.KeyExpression.Range, e.Range);
            if (!key.IsKnown)
            {
                known = false;
                continue;
            }
            if (!HclConvert.TryToString(key, out var name))
                return Fail("Invalid object key", "The key expression produced an invalid result: string required.", e.KeyExpression.Range, e.Range);
            var value = Evaluate(e.ValueExpression, inner);
            if (!groups.TryGetValue(name, out var list))
            {
                groups.Add(name, list = new List<HclValue>());
                order.Add(name);
            }
            else if (!e.IsGrouped)
            {
                return Fail("Duplicate object key",
                    $"Two different items produced the key \"{name}\" in this 'for' expression. If duplicates are expected, use the ellipsis (...) after the value expression to enable grouping by key.",
                    e.KeyExpression.Range, e.Range);
            }
            list.Add(value);
        }

        if (!known) return HclValue.DynamicUnknown;
        if (e.KeyExpression is null) return HclValue.Tuple(items);
        return HclValue.Object(order.Select(name => new KeyValuePair<string, HclValue>(
            name, e.IsGrouped ? HclValue.Tuple(groups[name]) : groups[name][0])));
    }

    private HclValue EvaluateSplat(SplatExpression e, Scope scope)
    {
        var source = Evaluate(e.Source, scope);
        if (!source.IsKnown) return HclValue.DynamicUnknown;
        if (source.IsNull) return HclValue.EmptyTuple;
        // A single value is treated as a one-element tuple, as HCL does.
        var elements = source.Kind == HclValueKind.Tuple ? source.Items : new[] { source };
        var results = new List<HclValue>(elements.Count);
        foreach (var element in elements)
        {
            _splatItems[e.Item] = element;
            results.Add(Evaluate(e.Each, scope));
        }
        _splatItems.Remove(e.Item);
        return HclValue.Tuple(results);
    }
}
