using System.Collections.Generic;
using TofuMirror.Hcl.Syntax;

namespace TofuMirror.Hcl.Evaluation;

internal sealed partial class ExpressionEvaluator
{
    private HclValue EvaluateCall(FunctionCallExpression e, Scope scope)
    {
        if (_context?.Functions is null)
            return Fail("Function calls not allowed", "Functions may not be called here.", e.NameRange, e.Range);
        if (!_context.Functions.TryGetValue(e.Name, out var function))
            return Fail("Call to unknown function", $"There is no function named \"{e.Name}\".", e.NameRange, e.Range);

        var args = new List<HclValue>(e.Args.Count);
        for (var i = 0; i < e.Args.Count; i++)
        {
            var value = Evaluate(e.Args[i], scope);
            if (e.ExpandFinal && i == e.Args.Count - 1)
            {
                if (value.IsNull)
                    return Fail("Invalid expanding argument value", "The expanding argument (indicated by ...) must not be null.", e.Args[i].Range, e.Range);
                if (!value.IsKnown) return HclValue.DynamicUnknown;
                if (value.Kind != HclValueKind.Tuple)
                    return Fail("Invalid expanding argument value", "The expanding argument (indicated by ...) must be of a tuple, list, or set type.", e.Args[i].Range, e.Range);
                args.AddRange(value.Items);
                continue;
            }
            args.Add(value);
        }

        try
        {
            return function(args);
        }
        catch (HclFunctionException ex)
        {
            return Fail("Error in function call", $"Call to function \"{e.Name}\" failed: {ex.Message.TrimEnd('.')}.", e.Range);
        }
    }
}
