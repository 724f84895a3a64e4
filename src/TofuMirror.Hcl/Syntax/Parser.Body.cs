using System.Collections.Generic;
using TofuMirror.Diagnostics;

namespace TofuMirror.Hcl.Syntax;

internal sealed partial class Parser
{
    private const string ItemRequiredDetail = "An argument or block definition is required here.";
    private const string UseEqualsDetail = "An argument or block definition is required here. To set an argument, use the equals sign \"=\" to introduce the argument value.";
    private const string UnclosedBlockDetail = "There is no closing brace for this block before the end of the file. This may be caused by incorrect brace nesting elsewhere in this file.";

    /// <summary>Parses a whole file.</summary>
    public HclFile ParseFile()
    {
        var start = _tokens[0].Range.Start;
        var items = ParseBodyItems(isFile: true);
        var end = _tokens[_tokens.Count - 1].Range.End;
        return new HclFile(_fileName, new Body(items, new SourceRange(_fileName, start, end)));
    }

    /// <summary>
    /// Body items up to the end of the file (<paramref name="isFile"/>) or up to, not past, the
    /// closing brace of the enclosing block. Also reports attributes defined twice.
    /// </summary>
    private List<BodyItem> ParseBodyItems(bool isFile)
    {
        var items = new List<BodyItem>();
        var attributes = new Dictionary<string, HclAttribute>();
        while (true)
        {
            var token = Peek();
            if (token.Kind == TokenKind.Newline)
            {
                Read();
                continue;
            }
            if (token.Kind == TokenKind.EndOfFile) return items;
            if (token.Kind == TokenKind.CloseBrace)
            {
                if (!isFile) return items;
                Error("Argument or block definition required", ItemRequiredDetail + " This closing brace has no matching opening brace.", token.Range);
                Read();
                continue;
            }
            if (token.Kind != TokenKind.Identifier)
            {
                // Lines that cannot start an item right after an error are most likely the rest of that mistake
                // (a forgotten "[" leaves one such line per list item): they stay silent until a good item starts.
                ReportBadItemStart(token);
                RecoverAfterBodyItem();
                continue;
            }

            _recovering = false;
            var item = ParseBodyItem();
            if (item is null) continue;
            items.Add(item);
            if (item is HclAttribute attribute)
            {
                if (attributes.TryGetValue(attribute.Name, out var existing))
                {
                    _diagnostics.Add(Diagnostic.Error(
                        "Attribute redefined",
                        $"The argument \"{attribute.Name}\" was already set at {FormatRange(existing.NameRange)}. Each argument may be set only once.",
                        attribute.NameRange));
                }
                else
                {
                    attributes.Add(attribute.Name, attribute);
                }
            }
        }
    }

    private void ReportBadItemStart(Token token)
    {
        if (token.Kind == TokenKind.OpenQuote)
        {
            // A quoted name followed by "=": the user wrote "name" = value.
            var probe = _index;
            while (_tokens[probe].Kind is TokenKind.OpenQuote or TokenKind.QuotedLiteral) probe++;
            if (_tokens[probe].Kind == TokenKind.CloseQuote && _tokens[probe + 1].Kind == TokenKind.Equal)
            {
                Error("Invalid argument name", "Argument names must not be quoted.", token.Range.Through(_tokens[probe].Range));
                return;
            }
        }
        ErrorAt(token, "Argument or block definition required", ItemRequiredDetail);
    }

    /// <summary>An attribute or a block, starting at its identifier; null after an error that left nothing usable.</summary>
    private BodyItem? ParseBodyItem()
    {
        var name = Read();
        var next = Peek();
        switch (next.Kind)
        {
            case TokenKind.Equal:
                return ParseAttribute(name, inSingleLineBlock: false);
            case TokenKind.OpenQuote:
            case TokenKind.Identifier:
            case TokenKind.OpenBrace:
                return ParseBlock(name);
            default:
                ErrorAt(next, "Argument or block definition required", UseEqualsDetail);
                RecoverAfterBodyItem();
                return null;
        }
    }

    private HclAttribute ParseAttribute(Token name, bool inSingleLineBlock)
    {
        var equals = Read();
        var expression = ParseExpression();
        var attribute = new HclAttribute(name.Text, name.Range, equals.Range, expression);
        if (inSingleLineBlock) return attribute;

        var end = Peek();
        if (end.Kind == TokenKind.Newline)
        {
            Read();
        }
        else if (end.Kind != TokenKind.EndOfFile)
        {
            if (end.Kind == TokenKind.Comma)
            {
                Error("Unexpected comma after argument",
                    "Argument definitions must be separated by newlines, not commas. An argument definition must end with a newline.", end.Range);
            }
            else
            {
                ErrorAt(end, "Missing newline after argument", "An argument definition must end with a newline.");
            }
            RecoverAfterBodyItem();
        }
        return attribute;
    }

    private Block? ParseBlock(Token type)
    {
        var labels = new List<BlockLabel>();
        while (true)
        {
            var token = Peek();
            if (token.Kind == TokenKind.OpenBrace) break;
            if (token.Kind == TokenKind.Identifier)
            {
                Read();
                labels.Add(new BlockLabel(token.Text, token.Range));
                continue;
            }
            if (token.Kind == TokenKind.OpenQuote)
            {
                var (value, range) = ParseQuotedStringLiteral();
                labels.Add(new BlockLabel(value, range));
                continue;
            }

            switch (token.Kind)
            {
                case TokenKind.Equal:
                    Error("Invalid block definition", "The equals sign \"=\" indicates an argument definition, and must not be used when defining a block.", token.Range);
                    break;
                case TokenKind.Newline:
                    Error("Invalid block definition", "A block definition must have block content delimited by \"{\" and \"}\", starting on the same line as the block header.", token.Range);
                    // With the brace on the next line, parse the block anyway: one mistake, one diagnostic.
                    var probe = _index;
                    while (_tokens[probe].Kind == TokenKind.Newline) probe++;
                    if (_tokens[probe].Kind == TokenKind.OpenBrace)
                    {
                        _index = probe;
                        return ParseBlockBraces(type, labels);
                    }
                    break;
                default:
                    ErrorAt(token, "Invalid block definition", "Either a quoted string block label or an opening brace (\"{\") is expected here.");
                    break;
            }
            RecoverAfterBodyItem();
            return null;
        }

        return ParseBlockBraces(type, labels);
    }

    private Block? ParseBlockBraces(Token type, List<BlockLabel> labels)
    {
        var open = Read();
        if (!Enter(open.Range))
        {
            RecoverTo(TokenKind.CloseBrace);
            Exit();
            return null;
        }
        try
        {
            return ParseBlockContent(type, labels, open);
        }
        finally
        {
            Exit();
        }
    }

    private Block ParseBlockContent(Token type, List<BlockLabel> labels, Token open)
    {
        List<BodyItem> items;
        var next = Peek();
        if (next.Kind is TokenKind.Newline or TokenKind.EndOfFile or TokenKind.CloseBrace)
        {
            items = ParseBodyItems(isFile: false);
            var close = Peek();
            if (close.Kind == TokenKind.CloseBrace)
            {
                Read();
                _recovering = false;
            }
            else Error("Unclosed configuration block", UnclosedBlockDetail, open.Range, type.Range.Through(open.Range));
        }
        else
        {
            items = ParseSingleLineBody(type, open);
        }

        var closeRange = _previous.Kind == TokenKind.CloseBrace ? _previous.Range : EmptyRangeAt(_previous.Range.End);
        var block = new Block(type.Text, type.Range, labels, new Body(items, open.Range.Through(closeRange)), open.Range, closeRange);

        var eol = Peek();
        if (eol.Kind == TokenKind.Newline) Read();
        else if (eol.Kind != TokenKind.EndOfFile)
        {
            ErrorAt(eol, "Missing newline after block definition", "A block definition must end with a newline.");
            RecoverAfterBodyItem();
        }
        return block;
    }

    /// <summary><c>name { arg = value }</c>: at most one argument, closed on the same line.</summary>
    private List<BodyItem> ParseSingleLineBody(Token type, Token open)
    {
        var items = new List<BodyItem>();
        var first = Peek();
        if (first.Kind != TokenKind.Identifier)
        {
            ErrorAt(first, "Argument or block definition required", ItemRequiredDetail);
            RecoverTo(TokenKind.CloseBrace);
            return items;
        }
        var second = PeekSecond();
        if (second.Kind != TokenKind.Equal)
        {
            if (second.Kind is TokenKind.OpenBrace or TokenKind.OpenQuote or TokenKind.Identifier)
            {
                Error("Invalid single-argument block definition",
                    $"A single-line block definition can contain only a single argument. If you meant to define argument \"{first.Text}\", use an equals sign to assign it a value. To define a nested block, place it on a line of its own within its parent block.",
                    first.Range.Through(second.Range));
            }
            else
            {
                ErrorAt(second, "Argument or block definition required", UseEqualsDetail);
            }
            RecoverTo(TokenKind.CloseBrace);
            return items;
        }

        Read();
        items.Add(ParseAttribute(first, inSingleLineBlock: true));
        var end = Peek();
        switch (end.Kind)
        {
            case TokenKind.CloseBrace:
                Read();
                break;
            case TokenKind.Comma:
                Error("Invalid single-argument block definition",
                    "Single-line block syntax can include only one argument definition. To define multiple arguments, use the multi-line block syntax with one argument definition per line.", end.Range);
                RecoverTo(TokenKind.CloseBrace);
                break;
            case TokenKind.Newline:
                Error("Invalid single-argument block definition",
                    "An argument definition on the same line as its containing block creates a single-line block definition, which must also be closed on the same line. Place the block's closing brace immediately after the argument definition.", end.Range);
                RecoverTo(TokenKind.CloseBrace);
                break;
            case TokenKind.EndOfFile:
                Error("Unclosed configuration block", UnclosedBlockDetail, open.Range, type.Range.Through(open.Range));
                break;
            default:
                ErrorAt(end, "Invalid single-argument block definition",
                    "A single-line block definition must end with a closing brace immediately after its single argument definition.");
                RecoverTo(TokenKind.CloseBrace);
                break;
        }
        return items;
    }
}
