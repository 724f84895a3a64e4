using System.Collections.Generic;

namespace TofuMirror.Hcl.Evaluation;

/// <summary>A function callable from expressions; throw <see cref="HclFunctionException"/> to report a bad call.</summary>
public delegate HclValue HclFunction(IReadOnlyList<HclValue> arguments);

/// <summary>Raised by an <see cref="HclFunction"/> to say why a call failed; becomes an "Error in function call" diagnostic.</summary>
public sealed class HclFunctionException : System.Exception
{
    public HclFunctionException(string message) : base(message)
    {
    }
}

/// <summary>What an expression may refer to: variables and, optionally, functions.</summary>
public sealed class EvalContext
{
    private static readonly IReadOnlyDictionary<string, HclValue> NoVariables = new Dictionary<string, HclValue>();

    /// <summary>A context with no variables and no functions (set them with initializers).</summary>
    public EvalContext()
    {
    }

    public EvalContext(IReadOnlyDictionary<string, HclValue>? variables, IReadOnlyDictionary<string, HclFunction>? functions = null)
    {
        Variables = variables ?? NoVariables;
        Functions = functions;
    }

    public IReadOnlyDictionary<string, HclValue> Variables { get; init; } = NoVariables;

    /// <summary>The callable functions; null means function calls are not allowed at all.</summary>
    public IReadOnlyDictionary<string, HclFunction>? Functions { get; init; }
}
