using TofuMirror.Hcl.Syntax;

namespace TofuMirror.Hcl.Evaluation;

/// <summary>Evaluates native-syntax expressions with cty-like semantics. Never throws on bad input.</summary>
public static class HclEvaluator
{
    /// <summary>
    /// The value of <paramref name="expression"/>. A null <paramref name="context"/> allows no
    /// variables and no functions. Where evaluation fails the value is unknown and a diagnostic says why.
    /// </summary>
    public static HclEvalResult Evaluate(Expression expression, EvalContext? context)
    {
        if (expression is null) throw new System.ArgumentNullException(nameof(expression));
        var evaluator = new ExpressionEvaluator(context);
        var value = evaluator.Evaluate(expression, evaluator.RootScope);
        return new HclEvalResult(value, evaluator.Diagnostics);
    }

    /// <summary>The value of a static string expression (a quoted string without interpolation), else null.</summary>
    public static string? TryGetStaticString(Expression expression) =>
        Expression.TryGetStaticString(expression, out var value) ? value : null;
}
