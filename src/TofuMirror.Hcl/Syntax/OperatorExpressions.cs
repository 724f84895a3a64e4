using System.Collections.Generic;
using TofuMirror.Diagnostics;

namespace TofuMirror.Hcl.Syntax;

/// <summary>The binary and unary operations of the language.</summary>
public enum Operation
{
    LogicalOr,
    LogicalAnd,
    Equal,
    NotEqual,
    LessThan,
    LessThanOrEqual,
    GreaterThan,
    GreaterThanOrEqual,
    Add,
    Subtract,
    Multiply,
    Divide,
    Modulo,
    LogicalNot,
    Negate,
}

/// <summary><c>left op right</c></summary>
public sealed class BinaryOpExpression : Expression
{
    public BinaryOpExpression(Expression left, Operation operation, SourceRange operatorRange, Expression right)
        : base(left.Range.Through(right.Range))
    {
        Left = left;
        Operation = operation;
        OperatorRange = operatorRange;
        Right = right;
    }

    public Expression Left { get; }
    public Operation Operation { get; }
    public SourceRange OperatorRange { get; }
    public Expression Right { get; }

    /// <inheritdoc />
    public override IEnumerable<Expression> Children => new[] { Left, Right };
}

/// <summary><c>!x</c> or <c>-x</c></summary>
public sealed class UnaryOpExpression : Expression
{
    public UnaryOpExpression(Operation operation, SourceRange operatorRange, Expression operand)
        : base(operatorRange.Through(operand.Range))
    {
        Operation = operation;
        OperatorRange = operatorRange;
        Operand = operand;
    }

    public Operation Operation { get; }
    public SourceRange OperatorRange { get; }
    public Expression Operand { get; }

    /// <inheritdoc />
    public override IEnumerable<Expression> Children => new[] { Operand };
}

/// <summary><c>condition ? trueResult : falseResult</c></summary>
public sealed class ConditionalExpression : Expression
{
    public ConditionalExpression(Expression condition, Expression trueResult, Expression falseResult)
        : base(condition.Range.Through(falseResult.Range))
    {
        Condition = condition;
        TrueResult = trueResult;
        FalseResult = falseResult;
    }

    public Expression Condition { get; }
    public Expression TrueResult { get; }
    public Expression FalseResult { get; }

    /// <inheritdoc />
    public override IEnumerable<Expression> Children => new[] { Condition, TrueResult, FalseResult };
}

/// <summary><c>( expression )</c>, kept so that ranges and parenthesised object keys stay faithful.</summary>
public sealed class ParenthesesExpression : Expression
{
    public ParenthesesExpression(Expression inner, SourceRange range) : base(range) => Inner = inner;

    public Expression Inner { get; }

    /// <inheritdoc />
    public override IEnumerable<Expression> Children => new[] { Inner };
}
