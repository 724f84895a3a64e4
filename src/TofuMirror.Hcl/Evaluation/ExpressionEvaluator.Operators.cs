using System;
using TofuMirror.Hcl.Syntax;
using TofuMirror.Diagnostics;

namespace TofuMirror.Hcl.Evaluation;

internal sealed partial class ExpressionEvaluator
{
    private HclValue EvaluateBinary(BinaryOpExpression e, Scope scope)
    {
        var left = Evaluate(e.Left, scope);
        var right = Evaluate(e.Right, scope);
        switch (e.Operation)
        {
            case Operation.Equal:
            case Operation.NotEqual:
                if (!left.IsWhollyKnown || !right.IsWhollyKnown) return HclValue.Unknown(HclType.Bool);
                return HclValue.Bool(left.Equals(right) == (e.Operation == Operation.Equal));
            case Operation.LogicalAnd:
            case Operation.LogicalOr:
                return EvaluateLogical(e, left, right);
        }

        var leftOk = TryNumberOperand(left, e.Left.Range, "left", e.Range, out var a);
        var rightOk = TryNumberOperand(right, e.Right.Range, "right", e.Range, out var b);
        if (!leftOk || !rightOk) return HclValue.DynamicUnknown;
        var resultType = e.Operation is Operation.LessThan or Operation.LessThanOrEqual or Operation.GreaterThan or Operation.GreaterThanOrEqual
            ? HclType.Bool : HclType.Number;
        if (a is null || b is null) return HclValue.Unknown(resultType);
        var x = a.Value;
        var y = b.Value;
        switch (e.Operation)
        {
            case Operation.Add: return HclValue.Number(x + y);
            case Operation.Subtract: return HclValue.Number(x - y);
            case Operation.Multiply: return HclValue.Number(x * y);
            case Operation.Divide:
            case Operation.Modulo:
                if (y.IsZero) return Fail("Operation failed", "Error during operation: can't divide by zero.", e.Range);
                return HclValue.Number(e.Operation == Operation.Divide ? x / y : x % y);
            case Operation.LessThan: return HclValue.Bool(x < y);
            case Operation.LessThanOrEqual: return HclValue.Bool(x <= y);
            case Operation.GreaterThan: return HclValue.Bool(x > y);
            case Operation.GreaterThanOrEqual: return HclValue.Bool(x >= y);
            default: throw new InvalidOperationException($"Unhandled operation {e.Operation}.");
        }
    }

    /// <summary>
    /// Converts an operand to a number: true with the number, true with null when the operand is
    /// unknown (but could be a number), false after reporting when it cannot be one.
    /// </summary>
    private bool TryNumberOperand(HclValue value, SourceRange range, string side, SourceRange context, out HclNumber? number)
    {
        number = null;
        if (!value.IsKnown)
        {
            if (HclConvert.MayConvert(value.Type, HclTypeKind.Number)) return true;
            Fail("Invalid operand", $"Unsuitable value for {side} operand: a number is required.", range, context);
            return false;
        }
        if (value.IsNull)
        {
            Fail("Invalid operand", $"Unsuitable value for {side} operand: argument must not be null.", range, context);
            return false;
        }
        if (!HclConvert.TryToNumber(value, out var n))
        {
            Fail("Invalid operand", $"Unsuitable value for {side} operand: a number is required.", range, context);
            return false;
        }
        number = n;
        return true;
    }

    private bool TryBoolOperand(HclValue value, SourceRange range, string side, SourceRange context, out bool? result)
    {
        result = null;
        if (!value.IsKnown)
        {
            if (HclConvert.MayConvert(value.Type, HclTypeKind.Bool)) return true;
            Fail("Invalid operand", $"Unsuitable value for {side} operand: a bool is required.", range, context);
            return false;
        }
        if (value.IsNull)
        {
            Fail("Invalid operand", $"Unsuitable value for {side} operand: argument must not be null.", range, context);
            return false;
        }
        if (!HclConvert.TryToBool(value, out var b))
        {
            Fail("Invalid operand", $"Unsuitable value for {side} operand: a bool is required.", range, context);
            return false;
        }
        result = b;
        return true;
    }

    private HclValue EvaluateLogical(BinaryOpExpression e, HclValue left, HclValue right)
    {
        var leftOk = TryBoolOperand(left, e.Left.Range, "left", e.Range, out var a);
        var rightOk = TryBoolOperand(right, e.Right.Range, "right", e.Range, out var b);
        if (!leftOk || !rightOk) return HclValue.DynamicUnknown;
        if (e.Operation == Operation.LogicalAnd)
        {
            if (a == false || b == false) return HclValue.False;
            return a is null || b is null ? HclValue.Unknown(HclType.Bool) : HclValue.True;
        }
        if (a == true || b == true) return HclValue.True;
        return a is null || b is null ? HclValue.Unknown(HclType.Bool) : HclValue.False;
    }

    private HclValue EvaluateUnary(UnaryOpExpression e, Scope scope)
    {
        var operand = Evaluate(e.Operand, scope);
        if (e.Operation == Operation.LogicalNot)
        {
            if (!TryBoolOperand(operand, e.Operand.Range, "unary", e.Range, out var b)) return HclValue.DynamicUnknown;
            return b is null ? HclValue.Unknown(HclType.Bool) : HclValue.Bool(!b.Value);
        }
        if (!TryNumberOperand(operand, e.Operand.Range, "unary", e.Range, out var n)) return HclValue.DynamicUnknown;
        return n is null ? HclValue.Unknown(HclType.Number) : HclValue.Number(-n.Value);
    }

    private HclValue EvaluateConditional(ConditionalExpression e, Scope scope)
    {
        var condition = Evaluate(e.Condition, scope);
        if (condition.IsNull)
            return Fail("Null condition", "The condition value is null. Conditions must either be true or false.", e.Condition.Range, e.Range);
        if (!condition.IsKnown)
        {
            if (!HclConvert.MayConvert(condition.Type, HclTypeKind.Bool))
                return Fail("Incorrect condition type", "The condition expression must be of type bool.", e.Condition.Range, e.Range);
            var t = Evaluate(e.TrueResult, scope);
            var f = Evaluate(e.FalseResult, scope);
            return HclValue.Unknown(t.Type.Equals(f.Type) ? t.Type : HclType.Dynamic);
        }
        if (!HclConvert.TryToBool(condition, out var chosen))
            return Fail("Incorrect condition type", "The condition expression must be of type bool.", e.Condition.Range, e.Range);
        return Evaluate(chosen ? e.TrueResult : e.FalseResult, scope);
    }
}
