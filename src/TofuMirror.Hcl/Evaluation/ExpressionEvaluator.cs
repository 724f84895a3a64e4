using System.Collections.Generic;
using System.Linq;
using TofuMirror.Hcl.Syntax;
using TofuMirror.Diagnostics;

namespace TofuMirror.Hcl.Evaluation;

/// <summary>One evaluation run: walks the tree, collects diagnostics, yields unknown where it fails.</summary>
internal sealed partial class ExpressionEvaluator
{
    private readonly EvalContext? _context;
    private readonly Dictionary<AnonSymbolExpression, HclValue> _splatItems = new();

    public ExpressionEvaluator(EvalContext? context)
    {
        _context = context;
        RootScope = new Scope(context?.Variables);
    }

    public Scope RootScope { get; }
    public DiagnosticList Diagnostics { get; } = new();

    private HclValue Fail(string summary, string detail, SourceRange subject, SourceRange? context = null)
    {
        Diagnostics.Add(Diagnostic.Error(summary, detail, subject, context));
        return HclValue.DynamicUnknown;
    }

    public HclValue Evaluate(Expression expression, Scope scope)
    {
        switch (expression)
        {
            case LiteralValueExpression literal: return literal.Value;
            case TemplateExpression template: return EvaluateTemplate(template, scope);
            case TemplateWrapExpression wrap: return Evaluate(wrap.Wrapped, scope);
            case TemplateIfExpression templateIf: return EvaluateTemplateIf(templateIf, scope);
            case TemplateForExpression templateFor: return EvaluateTemplateFor(templateFor, scope);
            case ScopeTraversalExpression traversal: return EvaluateScopeTraversal(traversal.Traversal, scope);
            case RelativeTraversalExpression relative: return ApplySteps(Evaluate(relative.Source, scope), relative.Steps);
            case IndexExpression index:
                return Index(Evaluate(index.Collection, scope), Evaluate(index.Key, scope), index.BracketRange);
            case SplatExpression splat: return EvaluateSplat(splat, scope);
            case AnonSymbolExpression anon:
                return _splatItems.TryGetValue(anon, out var item) ? item : HclValue.DynamicUnknown;
            case TupleConsExpression tuple: return HclValue.Tuple(tuple.Items.Select(i => Evaluate(i, scope)).ToList());
            case ObjectConsExpression obj: return EvaluateObject(obj, scope);
            case ObjectConsKeyExpression key: return EvaluateObjectKey(key, scope);
            case ForExpression forExpression: return EvaluateFor(forExpression, scope);
            case ParenthesesExpression parens: return Evaluate(parens.Inner, scope);
            case ConditionalExpression conditional: return EvaluateConditional(conditional, scope);
            case BinaryOpExpression binary: return EvaluateBinary(binary, scope);
            case UnaryOpExpression unary: return EvaluateUnary(unary, scope);
            case FunctionCallExpression call: return EvaluateCall(call, scope);
            default:
                return Fail("Unsupported expression", $"Expressions of kind {expression.GetType().Name} cannot be evaluated.", expression.Range);
        }
    }

    private HclValue EvaluateScopeTraversal(Traversal traversal, Scope scope)
    {
        if (!scope.AllowsVariables)
            return Fail("Variables not allowed", "Variables may not be used here.", traversal.RootRange);
        if (!scope.TryGet(traversal.RootName, out var root))
            return Fail("Unknown variable", $"There is no variable named \"{traversal.RootName}\".", traversal.RootRange);
        return ApplySteps(root, traversal.Steps);
    }

    private HclValue ApplySteps(HclValue value, IReadOnlyList<TraversalStep> steps)
    {
        foreach (var step in steps)
        {
            value = step switch
            {
                AttributeStep attribute => GetAttribute(value, attribute.Name, attribute.Range),
                IndexStep index => Index(value, index.Key, index.Range),
                _ => HclValue.DynamicUnknown,
            };
        }
        return value;
    }

    private HclValue GetAttribute(HclValue value, string name, SourceRange range)
    {
        switch (value.Kind)
        {
            case HclValueKind.Unknown:
                if (value.Type.Kind is HclTypeKind.String or HclTypeKind.Number or HclTypeKind.Bool)
                    return Fail("Unsupported attribute", $"Can't access attributes on a primitive-typed value ({value.Type.FriendlyName}).", range);
                return value.Type.Kind == HclTypeKind.Object && value.Type.AttributeTypes.TryGetValue(name, out var t)
                    ? HclValue.Unknown(t) : HclValue.DynamicUnknown;
            case HclValueKind.Null:
                return Fail("Attempt to get attribute from null value", "This value is null, so it does not have any attributes.", range);
            case HclValueKind.Object:
                return value.Attributes.TryGetValue(name, out var attribute)
                    ? attribute
                    : Fail("Unsupported attribute", $"This object does not have an attribute named \"{name}\".", range);
            case HclValueKind.Tuple:
                return Fail("Unsupported attribute", "This value does not have any attributes.", range);
            default:
                return Fail("Unsupported attribute", $"Can't access attributes on a primitive-typed value ({value.Type.FriendlyName}).", range);
        }
    }

    /// <summary>cty's <c>Index</c>: tuples by whole number, objects by string key.</summary>
    private HclValue Index(HclValue collection, HclValue key, SourceRange range)
    {
        const string summary = "Invalid index";
        const string notFound = "The given key does not identify an element in this collection value.";
        if (collection.Kind is HclValueKind.String or HclValueKind.Number or HclValueKind.Bool
            || (!collection.IsKnown && collection.Type.Kind is HclTypeKind.String or HclTypeKind.Number or HclTypeKind.Bool))
            return Fail(summary, "This value does not have any indices.", range);
        if (collection.IsNull) return Fail("Attempt to index null value", "This value is null, so it does not have any indices.", range);
        if (key.IsNull) return Fail(summary, "Can't use a null value as an indexing key.", range);
        if (!collection.IsKnown || !key.IsKnown) return HclValue.DynamicUnknown;

        if (collection.Kind == HclValueKind.Tuple)
        {
            if (!HclConvert.TryToNumber(key, out var number))
                return Fail(summary, "The given key does not identify an element in this collection value: a number is required.", range);
            if (!number.IsInteger || !number.TryGetInt32(out var i))
                return Fail(summary, "The given key does not identify an element in this collection value: a whole number is required.", range);
            return i >= 0 && i < collection.Items.Count ? collection.Items[i] : Fail(summary, notFound, range);
        }

        if (!HclConvert.TryToString(key, out var name))
            return Fail(summary, "The given key does not identify an element in this collection value: string required.", range);
        return collection.Attributes.TryGetValue(name, out var value) ? value : Fail(summary, notFound, range);
    }
}
