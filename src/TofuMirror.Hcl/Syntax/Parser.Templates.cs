using System;
using System.Collections.Generic;
using TofuMirror.Diagnostics;

namespace TofuMirror.Hcl.Syntax;

internal sealed partial class Parser
{
    private const string UnterminatedTemplateDetail = "No closing marker was found for the string.";

    /// <summary>A bare template (<see cref="HclParser.ParseTemplate"/>), up to the end of the input.</summary>
    public Expression ParseBareTemplate()
    {
        var start = _tokens[0].Range.Start;
        var pieces = ParseTemplatePieces();
        var next = Peek();
        if (next.Kind != TokenKind.EndOfFile)
        {
            ErrorAt(next, "Unexpected end of template", "The control directives within this template are unbalanced.");
        }
        var range = new SourceRange(_fileName, start, _tokens[_tokens.Count - 1].Range.End);
        return BuildTemplate(pieces, range, allowWrap: true);
    }

    private Expression ParseQuotedTemplate()
    {
        var open = Read();
        if (TryParsePlainString(open) is { } plain) return plain;
        var pieces = ParseTemplatePieces();
        var close = Peek();
        SourceRange range;
        if (close.Kind == TokenKind.CloseQuote)
        {
            Read();
            range = open.Range.Through(close.Range);
        }
        else
        {
            range = open.Range.Through(_previous.Range);
            Error("Unterminated template string", UnterminatedTemplateDetail, range);
        }
        return BuildTemplate(pieces, range, allowWrap: true);
    }

    private Expression ParseHeredocTemplate()
    {
        var open = Read();
        var flush = open.Text.StartsWith("<<-", StringComparison.Ordinal);
        var pieces = ParseTemplatePieces();
        var close = Peek();
        SourceRange range;
        if (close.Kind == TokenKind.CloseHeredoc)
        {
            Read();
            range = open.Range.Through(close.Range);
        }
        else
        {
            range = open.Range.Through(_previous.Range);
            var markerLength = open.Text.TrimEnd('\r', '\n').Length;
            var markerRange = new SourceRange(_fileName, open.Range.Start, SourceTextMap.Advance(open.Text, 0, markerLength, open.Range.Start));
            var marker = open.Text.Substring(flush ? 3 : 2, markerLength - (flush ? 3 : 2));
            Error("Unterminated template string", $"No closing marker was found for the string. The heredoc must end with a line containing only \"{marker}\".", markerRange);
        }
        if (flush) FlushHeredoc(pieces);
        return BuildTemplate(pieces, range, allowWrap: false);
    }

    /// <summary>Literal, interpolation and directive pieces up to whatever ends the template.</summary>
    private List<TemplatePiece> ParseTemplatePieces()
    {
        var pieces = new List<TemplatePiece>();
        PushNewlines(true);
        try
        {
            while (true)
            {
                var token = Peek();
                switch (token.Kind)
                {
                    case TokenKind.QuotedLiteral:
                        Read();
                        pieces.Add(new TemplatePiece(TemplatePieceKind.Literal, token.Range)
                        {
                            Text = TemplateLiteralDecoder.DecodeQuoted(token, (s, d, r) => Error(s, d, r)),
                        });
                        break;
                    case TokenKind.StringLiteral:
                        Read();
                        pieces.Add(new TemplatePiece(TemplatePieceKind.Literal, token.Range) { Text = TemplateLiteralDecoder.DecodeUnescaped(token.Text) });
                        break;
                    case TokenKind.TemplateInterpolation:
                        pieces.Add(ParseInterpolationPiece());
                        break;
                    case TokenKind.TemplateControl:
                        if (ParseDirectivePiece() is { } directive) pieces.Add(directive);
                        break;
                    default:
                        return pieces;
                }
            }
        }
        finally
        {
            PopNewlines();
        }
    }

    private TemplatePiece ParseInterpolationPiece()
    {
        var opener = Read();
        PushNewlines(false);
        try
        {
            var expression = ParseExpression();
            FinishSequence(opener, "Extra characters after interpolation expression", "Expected a closing brace to end the interpolation expression, but found extra characters.");
            return new TemplatePiece(TemplatePieceKind.Interpolation, opener.Range.Through(_previous.Range))
            {
                Expression = expression,
                StripBefore = opener.Text.EndsWith("~", StringComparison.Ordinal),
                StripAfter = _previous.Kind == TokenKind.TemplateSequenceEnd && _previous.Text.StartsWith("~", StringComparison.Ordinal),
            };
        }
        finally
        {
            PopNewlines();
        }
    }

    /// <summary>Reads the <c>}</c> that ends an interpolation or directive, or reports what was found instead.</summary>
    private void FinishSequence(Token opener, string extraSummary, string extraDetail)
    {
        var end = Peek();
        if (end.Kind == TokenKind.TemplateSequenceEnd)
        {
            Read();
            return;
        }
        if (end.Kind == TokenKind.EndOfFile)
        {
            Error("Unclosed template interpolation sequence", "There is no closing brace for this interpolation sequence before the end of the file. This might be caused by incorrect nesting inside the given expression.", opener.Range);
            return;
        }
        if (end.Kind == TokenKind.CloseQuote)
        {
            Error("Unclosed template interpolation sequence", "There is no closing brace for this interpolation sequence before the end of the quoted template. This might be caused by incorrect nesting inside the given expression.", opener.Range);
            return;
        }
        if (end.Kind == TokenKind.OpenQuote)
        {
            Error("Unclosed template interpolation sequence", "There is no closing brace for this interpolation sequence before the end of the quoted template. This might be caused by incorrect nesting inside the given expression.", opener.Range);
        }
        else
        {
            ErrorAt(end, extraSummary, extraDetail);
        }
        RecoverTo(TokenKind.TemplateSequenceEnd);
    }

    private TemplatePiece? ParseDirectivePiece()
    {
        var opener = Read();
        PushNewlines(false);
        try
        {
            var keyword = Peek();
            if (keyword.Kind != TokenKind.Identifier)
            {
                ErrorAt(keyword, "Invalid template directive", "A template directive keyword (\"if\", \"for\", etc) is expected at the beginning of a %{ sequence.");
                RecoverTo(TokenKind.TemplateSequenceEnd);
                return null;
            }
            TemplatePiece piece;
            switch (keyword.Text)
            {
                case "if":
                    Read();
                    piece = new TemplatePiece(TemplatePieceKind.If, opener.Range) { Expression = ParseExpression() };
                    break;
                case "else":
                    Read();
                    piece = new TemplatePiece(TemplatePieceKind.Else, opener.Range);
                    break;
                case "endif":
                    Read();
                    piece = new TemplatePiece(TemplatePieceKind.EndIf, opener.Range);
                    break;
                case "endfor":
                    Read();
                    piece = new TemplatePiece(TemplatePieceKind.EndFor, opener.Range);
                    break;
                case "for":
                    Read();
                    var forPiece = ParseForDirectiveHeader(opener);
                    if (forPiece is null) return null;
                    piece = forPiece;
                    break;
                default:
                    Error("Invalid template control keyword", $"\"{keyword.Text}\" is not a valid template control keyword.", keyword.Range);
                    RecoverTo(TokenKind.TemplateSequenceEnd);
                    return null;
            }
            FinishSequence(opener, $"Extra characters in {keyword.Text} marker", "Expected a closing brace to end the sequence, but found extra characters.");
            piece.Range = opener.Range.Through(_previous.Range);
            piece.StripBefore = opener.Text.EndsWith("~", StringComparison.Ordinal);
            piece.StripAfter = _previous.Kind == TokenKind.TemplateSequenceEnd && _previous.Text.StartsWith("~", StringComparison.Ordinal);
            return piece;
        }
        finally
        {
            PopNewlines();
        }
    }

    private TemplatePiece? ParseForDirectiveHeader(Token opener)
    {
        TemplatePiece? Fail(Token at, string detail)
        {
            ErrorAt(at, "Invalid 'for' directive", detail);
            RecoverTo(TokenKind.TemplateSequenceEnd);
            return null;
        }

        var first = Peek();
        if (first.Kind != TokenKind.Identifier) return Fail(first, "For directive requires variable name after 'for'.");
        Read();
        string? key = null;
        var value = first.Text;
        if (Peek().Kind == TokenKind.Comma)
        {
            Read();
            var second = Peek();
            if (second.Kind != TokenKind.Identifier) return Fail(second, "For directive requires value variable name after comma.");
            Read();
            key = first.Text;
            value = second.Text;
        }
        if (!PeekIsKeyword("in")) return Fail(Peek(), "For directive requires 'in' keyword after names.");
        Read();
        return new TemplatePiece(TemplatePieceKind.For, opener.Range) { KeyVariable = key, ValueVariable = value, Expression = ParseExpression() };
    }

    /// <summary>A quoted string that must not contain template sequences (block labels): its value and range.</summary>
    private (string Value, SourceRange Range) ParseQuotedStringLiteral()
    {
        var open = Read();
        var value = new System.Text.StringBuilder();
        PushNewlines(true);
        try
        {
            while (true)
            {
                var token = Peek();
                switch (token.Kind)
                {
                    case TokenKind.QuotedLiteral:
                        Read();
                        value.Append(TemplateLiteralDecoder.DecodeQuoted(token, (s, d, r) => Error(s, d, r)));
                        continue;
                    case TokenKind.TemplateInterpolation:
                    case TokenKind.TemplateControl:
                        Error("Invalid string literal",
                            "Template sequences are not allowed in this string. To include a literal \"" + token.Text.Substring(0, 1) + "\", double it (as \"" + token.Text.Substring(0, 1) + token.Text.Substring(0, 1) + "\") to escape it.",
                            token.Range);
                        Read();
                        RecoverTo(TokenKind.TemplateSequenceEnd);
                        continue;
                    case TokenKind.CloseQuote:
                        Read();
                        return (value.ToString(), open.Range.Through(token.Range));
                    default:
                        var range = open.Range.Through(_previous.Range);
                        Error("Unterminated template string", UnterminatedTemplateDetail, range);
                        return (value.ToString(), range);
                }
            }
        }
        finally
        {
            PopNewlines();
        }
    }

    /// <summary>Fast path for the common <c>"text"</c> without escapes or sequences (lock files are full of them).</summary>
    private Expression? TryParsePlainString(Token open)
    {
        var literal = _tokens[_index];
        if (literal.Kind == TokenKind.CloseQuote)
        {
            Read();
            return new TemplateExpression(System.Array.Empty<Expression>(), open.Range.Through(literal.Range));
        }
        if (literal.Kind != TokenKind.QuotedLiteral || _tokens[_index + 1].Kind != TokenKind.CloseQuote) return null;
        var text = literal.Text;
        if (text.IndexOf('\\') >= 0 || text.IndexOf("{", StringComparison.Ordinal) >= 0) return null;
        Read();
        var close = Read();
        var part = new LiteralValueExpression(Evaluation.HclValue.String(text), literal.Range);
        return new TemplateExpression(new Expression[] { part }, open.Range.Through(close.Range));
    }
}
