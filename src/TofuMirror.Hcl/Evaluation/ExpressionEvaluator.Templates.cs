using System.Text;
using TofuMirror.Hcl.Syntax;

namespace TofuMirror.Hcl.Evaluation;

internal sealed partial class ExpressionEvaluator
{
    private const string InterpolationSummary = "Invalid template interpolation value";

    private HclValue EvaluateTemplate(TemplateExpression template, Scope scope)
    {
        var builder = new StringBuilder();
        var known = true;
        var failed = false;
        foreach (var part in template.Parts)
        {
            if (part is LiteralValueExpression { Value.Kind: HclValueKind.String } literal)
            {
                builder.Append(literal.Value.AsString());
                continue;
            }
            var value = Evaluate(part, scope);
            if (!value.IsKnown)
            {
                known = false;
                continue;
            }
            if (value.IsNull)
            {
                Fail(InterpolationSummary, "The expression result is null. Cannot include a null value in a string template.", part.Range, template.Range);
                failed = true;
                continue;
            }
            if (!HclConvert.TryToString(value, out var text))
            {
                Fail(InterpolationSummary, "Cannot include the given value in a string template: string required.", part.Range, template.Range);
                failed = true;
                continue;
            }
            builder.Append(text);
        }
        if (failed) return HclValue.DynamicUnknown;
        return known ? HclValue.String(builder.ToString()) : HclValue.Unknown(HclType.String);
    }

    private HclValue EvaluateTemplateIf(TemplateIfExpression e, Scope scope)
    {
        var condition = Evaluate(e.Condition, scope);
        if (condition.IsNull)
            return Fail("Null condition", "The condition value is null. Conditions must either be true or false.", e.Condition.Range, e.Range);
        if (!condition.IsKnown) return HclValue.Unknown(HclType.String);
        if (!HclConvert.TryToBool(condition, out var chosen))
            return Fail("Incorrect condition type", "The condition expression must be of type bool.", e.Condition.Range, e.Range);
        if (chosen) return EvaluateTemplate(e.TrueTemplate, scope);
        return e.FalseTemplate is null ? HclValue.EmptyString : EvaluateTemplate(e.FalseTemplate, scope);
    }

    private HclValue EvaluateTemplateFor(TemplateForExpression e, Scope scope)
    {
        var collection = Evaluate(e.Collection, scope);
        if (collection.IsNull)
            return Fail("Iteration over null value", "Cannot use a null value in a for directive.", e.Collection.Range, e.Range);
        if (!collection.IsKnown) return HclValue.Unknown(HclType.String);
        if (collection.Kind is not (HclValueKind.Tuple or HclValueKind.Object))
            return Fail("Iteration over non-iterable value", $"A value of type {collection.Type.FriendlyName} cannot be used as the collection in a 'for' directive.", e.Collection.Range, e.Range);

        var builder = new StringBuilder();
        var known = true;
        foreach (var (key, value) in Elements(collection))
        {
            var rendered = EvaluateTemplate(e.Body, scope.With(e.KeyVariable, key, e.ValueVariable, value));
            if (rendered.Kind == HclValueKind.String) builder.Append(rendered.AsString());
            else known = false;
        }
        return known ? HclValue.String(builder.ToString()) : HclValue.Unknown(HclType.String);
    }
}
