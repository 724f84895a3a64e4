using System.Collections.Generic;

namespace TofuMirror.Hcl.Syntax;

internal sealed partial class Parser
{
    private const string UnterminatedObjectDetail = "There is no corresponding closing brace before the end of the file. This may be caused by incorrect brace nesting elsewhere in this file.";

    private Expression ParseTupleOrFor()
    {
        var open = Read();
        PushNewlines(false);
        try
        {
            if (PeekIsKeyword("for")) return ParseFor(open, TokenKind.CloseBracket);
            var items = new List<Expression>();
            while (true)
            {
                var next = Peek();
                if (next.Kind == TokenKind.CloseBracket) break;
                if (next.Kind == TokenKind.EndOfFile)
                {
                    Error("Unterminated tuple constructor expression", "There is no corresponding closing bracket before the end of the file. This may be caused by incorrect bracket nesting elsewhere in this file.", open.Range);
                    return new TupleConsExpression(items, open.Range, open.Range.Through(_previous.Range));
                }
                items.Add(ParseExpression());
                next = Peek();
                if (next.Kind == TokenKind.Comma)
                {
                    Read();
                    continue;
                }
                if (next.Kind == TokenKind.CloseBracket) break;
                if (next.Kind == TokenKind.EndOfFile)
                {
                    Error("Unterminated tuple constructor expression", "There is no corresponding closing bracket before the end of the file. This may be caused by incorrect bracket nesting elsewhere in this file.", open.Range);
                    return new TupleConsExpression(items, open.Range, open.Range.Through(_previous.Range));
                }
                ErrorAt(next, "Missing item separator", "Expected a comma to mark the beginning of the next item.");
                RecoverTo(TokenKind.CloseBracket);
                return new TupleConsExpression(items, open.Range, open.Range.Through(_previous.Range));
            }
            var close = Read();
            return new TupleConsExpression(items, open.Range, open.Range.Through(close.Range));
        }
        finally
        {
            PopNewlines();
        }
    }

    private Expression ParseObjectOrFor()
    {
        var open = Read();
        PushNewlines(false);
        var isFor = PeekIsKeyword("for");
        PopNewlines();
        if (isFor)
        {
            PushNewlines(false);
            try
            {
                return ParseFor(open, TokenKind.CloseBrace);
            }
            finally
            {
                PopNewlines();
            }
        }

        // Newlines separate items here, so they stay visible.
        PushNewlines(true);
        try
        {
            var items = new List<ObjectConsItem>();
            while (true)
            {
                var next = Peek();
                if (next.Kind == TokenKind.Newline)
                {
                    Read();
                    continue;
                }
                if (next.Kind == TokenKind.CloseBrace) break;
                if (next.Kind == TokenKind.EndOfFile)
                {
                    Error("Unterminated object constructor expression", UnterminatedObjectDetail, open.Range);
                    return new ObjectConsExpression(items, open.Range, open.Range.Through(_previous.Range));
                }

                var forceNonLiteral = next.Kind == TokenKind.OpenParen;
                var key = ParseExpression();
                if (forceNonLiteral || key is ScopeTraversalExpression) key = new ObjectConsKeyExpression(key, forceNonLiteral);

                next = Peek();
                if (next.Kind is not (TokenKind.Equal or TokenKind.Colon))
                {
                    switch (next.Kind)
                    {
                        case TokenKind.Newline:
                        case TokenKind.Comma:
                        case TokenKind.CloseBrace:
                            Error("Missing attribute value", "Expected an attribute value, introduced by an equals sign (\"=\").", next.Range);
                            break;
                        case TokenKind.EndOfFile:
                            Error("Unterminated object constructor expression", UnterminatedObjectDetail, open.Range);
                            return new ObjectConsExpression(items, open.Range, open.Range.Through(_previous.Range));
                        default:
                            ErrorAt(next, "Missing key/value separator", "Expected an equals sign (\"=\") to mark the beginning of the attribute value.");
                            break;
                    }
                    RecoverTo(TokenKind.CloseBrace);
                    return new ObjectConsExpression(items, open.Range, open.Range.Through(_previous.Range));
                }
                Read();
                var value = ParseExpression();
                items.Add(new ObjectConsItem(key, value));

                next = Peek();
                if (next.Kind is TokenKind.Comma or TokenKind.Newline)
                {
                    Read();
                    continue;
                }
                if (next.Kind == TokenKind.CloseBrace) break;
                if (next.Kind == TokenKind.EndOfFile)
                {
                    Error("Unterminated object constructor expression", UnterminatedObjectDetail, open.Range);
                    return new ObjectConsExpression(items, open.Range, open.Range.Through(_previous.Range));
                }
                ErrorAt(next, "Missing attribute separator", "Expected a newline or comma to mark the beginning of the next attribute.");
                RecoverTo(TokenKind.CloseBrace);
                return new ObjectConsExpression(items, open.Range, open.Range.Through(_previous.Range));
            }
            var close = Read();
            return new ObjectConsExpression(items, open.Range, open.Range.Through(close.Range));
        }
        finally
        {
            PopNewlines();
        }
    }

    /// <summary>The rest of a for expression, after its opening bracket or brace; newlines are already ignored.</summary>
    private Expression ParseFor(Token open, TokenKind closeKind)
    {
        const string summary = "Invalid 'for' expression";
        var isObject = closeKind == TokenKind.CloseBrace;
        Read(); // "for"

        Expression Fail(Token at, string detail)
        {
            ErrorAt(at, summary, detail);
            RecoverTo(closeKind);
            return ErrorExpression(open.Range.Through(_previous.Range));
        }

        var first = Peek();
        if (first.Kind != TokenKind.Identifier) return Fail(first, "For expression requires variable name after 'for'.");
        Read();
        string? keyVariable = null;
        var valueVariable = first.Text;
        if (Peek().Kind == TokenKind.Comma)
        {
            Read();
            var second = Peek();
            if (second.Kind != TokenKind.Identifier) return Fail(second, "For expression requires value variable name after comma.");
            Read();
            keyVariable = first.Text;
            valueVariable = second.Text;
        }
        if (!PeekIsKeyword("in")) return Fail(Peek(), "For expression requires the 'in' keyword after its name declarations.");
        Read();
        var collection = ParseExpression();
        if (Peek().Kind != TokenKind.Colon) return Fail(Peek(), "For expression requires a colon after the collection expression.");
        Read();

        Expression? keyExpression = null;
        var valueExpression = ParseExpression();
        var grouped = false;
        Token? arrow = null;
        Token? ellipsis = null;
        if (Peek().Kind == TokenKind.FatArrow)
        {
            arrow = Read();
            keyExpression = valueExpression;
            valueExpression = ParseExpression();
        }
        if (Peek().Kind == TokenKind.Ellipsis)
        {
            ellipsis = Read();
            grouped = true;
        }
        Expression? condition = null;
        if (PeekIsKeyword("if"))
        {
            Read();
            condition = ParseExpression();
        }
        var close = Peek();
        if (close.Kind != closeKind) return Fail(close, "Extra characters after the end of the 'for' expression.");
        Read();

        if (!isObject && arrow is { } a) Error(summary, "Key expression is not valid when building a tuple.", a.Range);
        else if (!isObject && ellipsis is { } e) Error(summary, "Grouping ellipsis (...) cannot be used when building a tuple.", e.Range);
        else if (isObject && keyExpression is null) Error(summary, "Key expression is required when building an object.", valueExpression.Range);

        return new ForExpression(keyVariable, valueVariable, collection, isObject ? keyExpression ?? valueExpression : null,
            valueExpression, condition, grouped, open.Range, close.Range);
    }
}
