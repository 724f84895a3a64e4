using System.Collections.Generic;
using System.Globalization;
using TofuMirror.Hcl.Evaluation;
using TofuMirror.Diagnostics;

namespace TofuMirror.Hcl.Syntax;

/// <summary>
/// Recursive-descent parser over the lexer's tokens. Errors are recorded, never thrown; after the
/// first error in a body item the parser is "recovering": further errors are muted until the next
/// item starts with a name or a block closes, so one mistake gives one diagnostic.
/// </summary>
internal sealed partial class Parser
{
    /// <summary>How deeply blocks and expressions may nest before the parser refuses (guards the stack).</summary>
    public const int MaxDepth = 256;

    private readonly List<Token> _tokens;
    private readonly string _fileName;
    private readonly DiagnosticList _diagnostics = new();
    private readonly List<bool> _newlineModes = new() { true };
    private int _index;
    private bool _recovering;
    private int _depth;
    private Token _previous;

    public Parser(List<Token> tokens, string fileName)
    {
        _tokens = tokens;
        _fileName = fileName;
        _previous = tokens[0];
    }

    public DiagnosticList Diagnostics => _diagnostics;

    private bool IncludeNewlines => _newlineModes[_newlineModes.Count - 1];

    private void PushNewlines(bool include) => _newlineModes.Add(include);

    private void PopNewlines() => _newlineModes.RemoveAt(_newlineModes.Count - 1);

    private int NextIndex()
    {
        var i = _index;
        if (!IncludeNewlines)
        {
            while (_tokens[i].Kind == TokenKind.Newline) i++;
        }
        return i;
    }

    private Token Peek() => _tokens[NextIndex()];

    /// <summary>The token after the next one (same newline rules).</summary>
    private Token PeekSecond()
    {
        var i = NextIndex();
        if (_tokens[i].Kind == TokenKind.EndOfFile) return _tokens[i];
        i++;
        if (!IncludeNewlines)
        {
            while (_tokens[i].Kind == TokenKind.Newline) i++;
        }
        return _tokens[i];
    }

    private Token Read()
    {
        var i = NextIndex();
        var token = _tokens[i];
        if (token.Kind != TokenKind.EndOfFile) _index = i + 1;
        else _index = i;
        _previous = token;
        return token;
    }

    private bool PeekIsKeyword(string keyword)
    {
        var token = Peek();
        return token.Kind == TokenKind.Identifier && token.Text == keyword;
    }

    private SourceRange EmptyRangeAt(SourcePosition position) => new(_fileName, position, position);

    /// <summary>Records an error unless the parser is already recovering from one.</summary>
    private void Error(string summary, string detail, SourceRange subject, SourceRange? context = null)
    {
        if (_recovering) return;
        _diagnostics.Add(Diagnostic.Error(summary, detail, subject, context));
        _recovering = true;
    }

    /// <summary>An error about an unexpected token; invalid characters get their own, more helpful message.</summary>
    private void ErrorAt(Token token, string summary, string detail, SourceRange? context = null)
    {
        switch (token.Kind)
        {
            case TokenKind.Invalid:
                Error("Invalid character", InvalidCharacterDetail(token.Text), token.Range, context);
                break;
            case TokenKind.UnsupportedOperator:
                Error("Unsupported operator", UnsupportedOperatorDetail(token.Text), token.Range, context);
                break;
            default:
                Error(summary, detail, token.Range, context);
                break;
        }
    }

    private static string InvalidCharacterDetail(string text) => text switch
    {
        "'" => "Single quotes are not valid. Use double quotes (\") to enclose strings.",
        "`" => "The \"`\" character is not valid. To create a multi-line string, use the \"heredoc\" syntax, like \"<<EOT\".",
        ";" => "The \";\" character is not valid. Use newlines to separate arguments and blocks, and commas to separate items in collection values.",
        "\u201C" or "\u201D" or "\u2018" or "\u2019" =>
            "\"Curly quotes\" are not valid here. These can sometimes be inadvertently introduced when sharing code via documents or discussion forums. It might help to replace the character with a \"straight quote\".",
        _ => "This character is not used within the language.",
    };

    private static string UnsupportedOperatorDetail(string text) => text switch
    {
        "**" => "\"**\" is not a supported operator. Exponentiation is not supported as an operator.",
        "&" => "Bitwise operators are not supported. Did you mean boolean AND (\"&&\")?",
        "|" => "Bitwise operators are not supported. Did you mean boolean OR (\"||\")?",
        "^" => "Bitwise operators are not supported. Did you mean boolean NOT (\"!\")?",
        _ => "Bitwise operators are not supported.",
    };

    /// <summary>Enters one nesting level; false (with a diagnostic) when the limit is reached.</summary>
    private bool Enter(SourceRange at)
    {
        _depth++;
        if (_depth <= MaxDepth) return true;
        Error("Nesting too deep", $"This construct is nested more than {MaxDepth.ToString(CultureInfo.InvariantCulture)} levels deep; simplify the configuration.", at);
        return false;
    }

    private void Exit() => _depth--;

    /// <summary>A stand-in for an expression that could not be parsed.</summary>
    private static Expression ErrorExpression(SourceRange range) => new LiteralValueExpression(HclValue.DynamicUnknown, range);

    private static bool IsOpener(TokenKind kind) => kind is TokenKind.OpenBrace or TokenKind.OpenBracket or TokenKind.OpenParen
        or TokenKind.TemplateInterpolation or TokenKind.TemplateControl;

    private static bool IsCloser(TokenKind kind) => kind is TokenKind.CloseBrace or TokenKind.CloseBracket or TokenKind.CloseParen
        or TokenKind.TemplateSequenceEnd;

    /// <summary>
    /// Skips to the end of the current body item: past the next newline outside brackets, or up to
    /// (not past) a closing brace that belongs to the enclosing block, or to the end of the file.
    /// Strings and heredocs need no special care: the lexer put their text in literal tokens.
    /// </summary>
    private void RecoverAfterBodyItem()
    {
        var depth = 0;
        while (true)
        {
            var token = _tokens[_index];
            if (token.Kind == TokenKind.EndOfFile) return;
            if (depth == 0 && token.Kind == TokenKind.Newline)
            {
                _index++;
                return;
            }
            if (IsOpener(token.Kind)) depth++;
            else if (IsCloser(token.Kind))
            {
                if (depth == 0 && token.Kind == TokenKind.CloseBrace) return;
                if (depth > 0) depth--;
            }
            _previous = token;
            _index++;
        }
    }

    /// <summary>
    /// Skips to and past the closer <paramref name="close"/> that matches an already-read opener;
    /// stops before an unmatched closer of another kind (it belongs to an enclosing construct).
    /// </summary>
    private void RecoverTo(TokenKind close)
    {
        var depth = 0;
        while (true)
        {
            var token = _tokens[_index];
            if (token.Kind == TokenKind.EndOfFile) return;
            if (IsOpener(token.Kind)) depth++;
            else if (IsCloser(token.Kind))
            {
                if (depth == 0)
                {
                    if (token.Kind == close)
                    {
                        _previous = token;
                        _index++;
                    }
                    return;
                }
                depth--;
            }
            _previous = token;
            _index++;
        }
    }

    /// <summary>HCL's way of writing a range in messages: <c>file:line,col-col</c>.</summary>
    internal static string FormatRange(SourceRange range) =>
        range.Start.Line == range.End.Line
            ? string.Format(CultureInfo.InvariantCulture, "{0}:{1},{2}-{3}", range.FileName, range.Start.Line, range.Start.Column, range.End.Column)
            : string.Format(CultureInfo.InvariantCulture, "{0}:{1},{2}-{3},{4}", range.FileName, range.Start.Line, range.Start.Column, range.End.Line, range.End.Column);
}
