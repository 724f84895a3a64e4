using System.Collections.Generic;
using TofuMirror.Hcl.Evaluation;

namespace TofuMirror.Hcl.Syntax;

internal sealed partial class Parser
{
    /// <summary>Binary operators by precedence level, loosest first; all are left-associative.</summary>
    private static readonly Dictionary<TokenKind, Operation>[] BinaryLevels =
    {
        new() { [TokenKind.Or] = Operation.LogicalOr },
        new() { [TokenKind.And] = Operation.LogicalAnd },
        new() { [TokenKind.EqualOp] = Operation.Equal, [TokenKind.NotEqual] = Operation.NotEqual },
        new()
        {
            [TokenKind.LessThan] = Operation.LessThan, [TokenKind.LessThanOrEqual] = Operation.LessThanOrEqual,
            [TokenKind.GreaterThan] = Operation.GreaterThan, [TokenKind.GreaterThanOrEqual] = Operation.GreaterThanOrEqual,
        },
        new() { [TokenKind.Plus] = Operation.Add, [TokenKind.Minus] = Operation.Subtract },
        new() { [TokenKind.Star] = Operation.Multiply, [TokenKind.Slash] = Operation.Divide, [TokenKind.Percent] = Operation.Modulo },
    };

    /// <summary>A standalone expression (<see cref="HclParser.ParseExpression"/>): newlines are insignificant.</summary>
    public Expression ParseStandaloneExpression()
    {
        PushNewlines(false);
        var expression = ParseExpression();
        var next = Peek();
        if (next.Kind != TokenKind.EndOfFile)
        {
            ErrorAt(next, "Extra characters after expression", "An expression was successfully parsed, but extra characters were found after it.");
        }
        PopNewlines();
        return expression;
    }

    private Expression ParseExpression()
    {
        var start = Peek();
        if (!Enter(start.Range))
        {
            Exit();
            return ErrorExpression(start.Range);
        }
        try
        {
            return ParseConditional();
        }
        finally
        {
            Exit();
        }
    }

    private Expression ParseConditional()
    {
        var condition = ParseBinary(0);
        if (Peek().Kind != TokenKind.Question) return condition;
        Read();
        var trueResult = ParseExpression();
        var colon = Peek();
        if (colon.Kind != TokenKind.Colon)
        {
            ErrorAt(colon, "Missing false expression in conditional", "The conditional operator (...?...:...) requires a false expression, delimited by a colon.");
            return new ConditionalExpression(condition, trueResult, ErrorExpression(EmptyRangeAt(trueResult.Range.End)));
        }
        Read();
        var falseResult = ParseExpression();
        return new ConditionalExpression(condition, trueResult, falseResult);
    }

    private Expression ParseBinary(int level)
    {
        if (level == BinaryLevels.Length) return ParseExpressionWithTraversals();
        var operators = BinaryLevels[level];
        var left = ParseBinary(level + 1);
        var chain = 0;
        while (operators.TryGetValue(Peek().Kind, out var operation))
        {
            var op = Read();
            // A long operator chain builds a deep left-leaning tree: count it against the nesting limit.
            chain++;
            if (!Enter(op.Range))
            {
                RecoverOperatorChain();
                break;
            }
            var right = ParseBinary(level + 1);
            left = new BinaryOpExpression(left, operation, op.Range, right);
        }
        _depth -= chain;
        return left;
    }

    /// <summary>Skips the rest of an over-long expression on this line (or inside the current brackets).</summary>
    private void RecoverOperatorChain()
    {
        var depth = 0;
        while (true)
        {
            var token = _tokens[_index];
            if (token.Kind == TokenKind.EndOfFile) return;
            if (depth == 0 && (token.Kind == TokenKind.Newline && IncludeNewlines || token.Kind == TokenKind.Comma || IsCloser(token.Kind))) return;
            if (IsOpener(token.Kind)) depth++;
            else if (IsCloser(token.Kind)) depth--;
            _index++;
        }
    }

    private Expression ParseExpressionWithTraversals() => ParseTraversals(ParseTerm());

    private Expression ParseTerm()
    {
        var token = Peek();
        switch (token.Kind)
        {
            case TokenKind.OpenParen: return ParseParentheses();
            case TokenKind.NumberLiteral:
                Read();
                if (HclNumber.TryParse(token.Text, out var number)) return new LiteralValueExpression(HclValue.Number(number), token.Range);
                Error("Invalid number literal", "Failed to recognize the value of this number literal.", token.Range);
                return ErrorExpression(token.Range);
            case TokenKind.Identifier: return ParseIdentifierTerm();
            case TokenKind.OpenQuote: return ParseQuotedTemplate();
            case TokenKind.OpenHeredoc: return ParseHeredocTemplate();
            case TokenKind.Minus:
            case TokenKind.Bang:
                return ParseUnary();
            case TokenKind.OpenBracket: return ParseTupleOrFor();
            case TokenKind.OpenBrace: return ParseObjectOrFor();
            case TokenKind.EndOfFile:
                Error("Missing expression", "Expected the start of an expression, but found the end of the file.", token.Range);
                return ErrorExpression(token.Range);
            default:
                ErrorAt(token, "Invalid expression", "Expected the start of an expression, but found an invalid expression token.");
                return ErrorExpression(token.Range);
        }
    }

    private Expression ParseUnary()
    {
        var op = Read();
        if (!Enter(op.Range))
        {
            Exit();
            return ErrorExpression(op.Range);
        }
        try
        {
            // Only the term and its traversals: -a + b is (-a) + b.
            var operand = ParseExpressionWithTraversals();
            var operation = op.Kind == TokenKind.Minus ? Operation.Negate : Operation.LogicalNot;
            return new UnaryOpExpression(operation, op.Range, operand);
        }
        finally
        {
            Exit();
        }
    }

    private Expression ParseParentheses()
    {
        var open = Read();
        PushNewlines(false);
        try
        {
            var inner = ParseExpression();
            var close = Peek();
            if (close.Kind != TokenKind.CloseParen)
            {
                ErrorAt(close, "Unbalanced parentheses", "Expected a closing parenthesis to terminate the expression.", open.Range.Through(close.Range));
                RecoverTo(TokenKind.CloseParen);
                return new ParenthesesExpression(inner, open.Range.Through(_previous.Range));
            }
            Read();
            return new ParenthesesExpression(inner, open.Range.Through(close.Range));
        }
        finally
        {
            PopNewlines();
        }
    }

    private Expression ParseIdentifierTerm()
    {
        var name = Read();
        var next = Peek();
        if (next.Kind is TokenKind.OpenParen or TokenKind.DoubleColon) return ParseFunctionCall(name);
        switch (name.Text)
        {
            case "true": return new LiteralValueExpression(HclValue.True, name.Range);
            case "false": return new LiteralValueExpression(HclValue.False, name.Range);
            case "null": return new LiteralValueExpression(HclValue.Null, name.Range);
            default: return new ScopeTraversalExpression(new Traversal(name.Text, name.Range, System.Array.Empty<TraversalStep>()));
        }
    }

    private Expression ParseFunctionCall(Token first)
    {
        var name = first.Text;
        var nameRange = first.Range;
        while (Peek().Kind == TokenKind.DoubleColon)
        {
            var colons = Read();
            var part = Peek();
            if (part.Kind != TokenKind.Identifier)
            {
                ErrorAt(part, "Missing function name", "Function scope resolution symbol :: must be followed by a function name in this scope.");
                return ErrorExpression(nameRange.Through(colons.Range));
            }
            Read();
            name += "::" + part.Text;
            nameRange = nameRange.Through(part.Range);
        }

        var open = Peek();
        if (open.Kind != TokenKind.OpenParen)
        {
            ErrorAt(open, "Missing open parenthesis", "Function selector must be followed by an open parenthesis to begin the function call.");
            return ErrorExpression(nameRange);
        }
        Read();

        var args = new List<Expression>();
        var expandFinal = false;
        PushNewlines(false);
        try
        {
            while (true)
            {
                var next = Peek();
                if (next.Kind == TokenKind.CloseParen) break;
                if (next.Kind == TokenKind.EndOfFile)
                {
                    Error("Unterminated function call", "There is no closing parenthesis for this function call before the end of the file. This may be caused by incorrect parenthesis nesting elsewhere in this file.", open.Range);
                    return new FunctionCallExpression(name, nameRange, args, expandFinal, open.Range, EmptyRangeAt(next.Range.Start));
                }
                args.Add(ParseExpression());
                next = Peek();
                if (next.Kind == TokenKind.Ellipsis)
                {
                    Read();
                    expandFinal = true;
                    next = Peek();
                    if (next.Kind != TokenKind.CloseParen)
                    {
                        ErrorAt(next, "Missing closing parenthesis", "An expanded function argument (with ...) must be immediately followed by closing parentheses.");
                        RecoverTo(TokenKind.CloseParen);
                        return new FunctionCallExpression(name, nameRange, args, expandFinal, open.Range, _previous.Range);
                    }
                    break;
                }
                if (next.Kind == TokenKind.Comma)
                {
                    Read();
                    continue;
                }
                if (next.Kind == TokenKind.CloseParen) break;
                if (next.Kind == TokenKind.EndOfFile)
                {
                    Error("Unterminated function call", "There is no closing parenthesis for this function call before the end of the file. This may be caused by incorrect parenthesis nesting elsewhere in this file.", open.Range);
                    return new FunctionCallExpression(name, nameRange, args, expandFinal, open.Range, EmptyRangeAt(next.Range.Start));
                }
                ErrorAt(next, "Missing argument separator", "A comma is required to separate each function argument from the next.");
                RecoverTo(TokenKind.CloseParen);
                return new FunctionCallExpression(name, nameRange, args, expandFinal, open.Range, _previous.Range);
            }
            var close = Read();
            return new FunctionCallExpression(name, nameRange, args, expandFinal, open.Range, close.Range);
        }
        finally
        {
            PopNewlines();
        }
    }
}
