using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Text;
using TofuMirror.Diagnostics;
using TofuMirror.Hcl.ConfigTree;

namespace TofuMirror.Hcl.Legacy;

/// <summary>
/// Parses legacy HCL 1 (the grammar of <c>hashicorp/hcl</c> v1 that OpenTofu's CLI configuration uses) into
/// the neutral <see cref="ConfigObject"/> tree. Strings are not interpolated: <c>${...}</c> stays literal text.
/// Like HCL 1 it stops at the first problem and reports one diagnostic (a scanning problem wins over a
/// parsing one); the items read before the problem are kept.
/// </summary>
public sealed class Hcl1Parser
{
    /// <summary>The summary of every HCL 1 syntax diagnostic; the detail carries HCL 1's message.</summary>
    public const string SyntaxErrorSummary = "Invalid HCL 1 syntax";

    /// <summary>Objects and lists nest by recursion; past this (the HCL 2 parser's limit) the file is refused, not the stack.</summary>
    public const int MaxDepth = Syntax.Parser.MaxDepth;

    private readonly string _text;
    private readonly SourceTextMap _map;
    private readonly Hcl1Lexer _lexer;
    private Hcl1Token _token;
    private Hcl1Token? _pushedBack;
    private int _depth;
    private readonly List<(Hcl1Token At, string What)> _enclosingLists = [];

    private Hcl1Parser(string text, string fileName)
    {
        _text = text;
        _map = new SourceTextMap(text, fileName);
        _lexer = new Hcl1Lexer(text);
    }

    /// <summary>
    /// Parses <paramref name="text"/>. Never throws for bad input: problems come back as diagnostics whose
    /// <see cref="Diagnostic.Detail"/> is HCL 1's message (for example <c>literal not terminated</c>) and whose
    /// subject starts at the reported line and column.
    /// </summary>
    public static ConfigParseResult Parse(string text, string fileName)
    {
        if (text is null) throw new ArgumentNullException(nameof(text));
        if (fileName is null) throw new ArgumentNullException(nameof(fileName));
        return new Hcl1Parser(text, fileName).ParseFile();
    }

    private ConfigParseResult ParseFile()
    {
        var items = new List<ConfigItem>();
        Hcl1SyntaxException? failure = null;
        try
        {
            ParseItems(items, insideObject: false);
        }
        catch (Hcl1SyntaxException e)
        {
            failure = e;
        }

        var diagnostics = new List<Diagnostic>();
        if (_lexer.Error is { } scanError)
        {
            diagnostics.Add(Error(scanError.Message, scanError.Index, scanError.Index));
        }
        else if (failure is not null)
        {
            diagnostics.Add(Error(failure.Message, failure.Start, failure.End));
        }
        var root = new ConfigObject(items, _map.Range(0, _text.Length));
        return new ConfigParseResult(root, diagnostics);
    }

    private Diagnostic Error(string message, int start, int end)
    {
        if (end <= start) end = Math.Min(start + 1, _text.Length);
        if (start > _text.Length) start = _text.Length;
        return Diagnostic.Error(SyntaxErrorSummary, message, _map.Range(start, Math.Max(start, end)));
    }

    private Hcl1Token Scan()
    {
        if (_pushedBack is { } back)
        {
            _pushedBack = null;
            _token = back;
            return back;
        }
        _token = _lexer.Next();
        return _token;
    }

    private void Unscan() => _pushedBack = _token;

    private string TextOf(Hcl1Token token) => _text.Substring(token.Start, token.End - token.Start);

    /// <summary>
    /// The failure at <paramref name="at"/>, as HCL 1 reports it from inside lists: each enclosing list wraps the message
    /// with its own "error while trying to parse ... within list" and the position of what it enclosed, and the
    /// outermost one is the subject. Built here in one pass (catching and rethrowing at each level would copy the
    /// message once per level and hold every level's exception handling on the stack).
    /// </summary>
    private Hcl1SyntaxException Fail(Hcl1Token at, string message)
    {
        if (_enclosingLists.Count == 0) return new(message, at.Start, at.End);
        var wrapped = new StringBuilder();
        for (var i = 0; i < _enclosingLists.Count; i++)
        {
            var inner = _map.At(i + 1 < _enclosingLists.Count ? _enclosingLists[i + 1].At.Start : at.Start);
            wrapped.Append("error while trying to parse ").Append(_enclosingLists[i].What).Append(" within list: At ")
                .Append(inner.Line.ToString(CultureInfo.InvariantCulture)).Append(':').Append(inner.Column.ToString(CultureInfo.InvariantCulture)).Append(": ");
        }
        var outermost = _enclosingLists[0].At;
        return new(wrapped.Append(message).ToString(), outermost.Start, outermost.End);
    }

    /// <summary>Items until end of input (top level) or until a closing brace (inside an object).</summary>
    private void ParseItems(List<ConfigItem> items, bool insideObject)
    {
        while (true)
        {
            if (insideObject)
            {
                var next = Scan();
                Unscan();
                if (next.Kind == Hcl1TokenKind.RBrace) return;
            }
            var item = ParseItem(insideObject);
            if (item is null) return;
            items.Add(item);

            // Items may be separated by commas (a list of objects written inline), which are just skipped.
            if (Scan().Kind != Hcl1TokenKind.Comma) Unscan();
        }
    }

    /// <summary>One <c>keys = value</c> or <c>keys { ... }</c> item; null at a clean end of input.</summary>
    private ConfigItem? ParseItem(bool insideObject)
    {
        var keys = new List<KeyText>();
        while (true)
        {
            var token = Scan();
            switch (token.Kind)
            {
                case Hcl1TokenKind.Eof:
                    if (keys.Count == 0)
                    {
                        if (insideObject) throw Fail(token, "object expected closing RBRACE got: EOF");
                        return null;
                    }
                    throw Fail(token, $"key '{string.Join(" ", keys.Select(k => k.RawText))}' expected start of object ('{{') or assignment ('=')");
                case Hcl1TokenKind.Ident or Hcl1TokenKind.String:
                    keys.Add(ReadKey(token));
                    continue;
                case Hcl1TokenKind.Assign:
                    if (keys.Count > 1) throw Fail(token, "nested object expected: LBRACE got: ASSIGN");
                    if (keys.Count == 0) throw Fail(token, "no object keys found!");
                    {
                        var equals = _map.Range(token.Start, token.End);
                        var value = ParseValue();
                        return NewItem(keys, equals, value);
                    }
                case Hcl1TokenKind.LBrace:
                    if (keys.Count == 0) throw Fail(token, "expected: IDENT | STRING got: LBRACE");
                    return NewItem(keys, null, ParseObjectAfterBrace(token));
                case Hcl1TokenKind.RBrace when keys.Count > 0:
                    throw Fail(token, $"key '{string.Join(" ", keys.Select(k => k.RawText))}' expected start of object ('{{') or assignment ('=')");
                case Hcl1TokenKind.Illegal:
                    throw Fail(token, "illegal character");
                default:
                    throw Fail(token, $"expected: IDENT | STRING | ASSIGN | LBRACE got: {Hcl1Token.NameOf(token.Kind)}");
            }
        }
    }

    private ConfigItem NewItem(List<KeyText> keys, SourceRange? equals, ConfigNode value) =>
        new(keys.Select(k => k.Key).ToArray(), equals, value,
            new SourceRange(_map.FileName, keys[0].Key.Range.Start, value.Range.End));

    private KeyText ReadKey(Hcl1Token token)
    {
        var raw = TextOf(token);
        var range = _map.Range(token.Start, token.End);
        if (token.Kind == Hcl1TokenKind.Ident) return new KeyText(new ConfigKey(raw, quoted: false, range), raw);
        if (!Hcl1StringDecoder.TryUnquote(raw, out var value)) throw Fail(token, "invalid string literal");
        return new KeyText(new ConfigKey(value, quoted: true, range), raw);
    }

    /// <summary>The value after <c>=</c>.</summary>
    private ConfigNode ParseValue()
    {
        var token = Scan();
        switch (token.Kind)
        {
            case Hcl1TokenKind.Number or Hcl1TokenKind.Float or Hcl1TokenKind.Bool
                or Hcl1TokenKind.String or Hcl1TokenKind.Heredoc:
                return Literal(token);
            case Hcl1TokenKind.LBrace:
                return ParseObjectAfterBrace(token);
            case Hcl1TokenKind.LBrack:
                return ParseListAfterBracket(token);
            case Hcl1TokenKind.Eof:
                throw Fail(token, "expected a value after '=' but reached the end of the file");
            default:
                throw Fail(token, $"Unknown token: {Hcl1Token.NameOf(token.Kind)} {TextOf(token)}");
        }
    }

    private ConfigLiteral Literal(Hcl1Token token)
    {
        var raw = TextOf(token);
        var range = _map.Range(token.Start, token.End);
        switch (token.Kind)
        {
            case Hcl1TokenKind.String:
                if (!Hcl1StringDecoder.TryUnquote(raw, out var value)) throw Fail(token, "invalid string literal");
                return new ConfigLiteral(ConfigLiteralKind.String, value, range);
            case Hcl1TokenKind.Heredoc:
                return new ConfigLiteral(ConfigLiteralKind.Heredoc, Hcl1StringDecoder.DecodeHeredoc(raw), range);
            case Hcl1TokenKind.Bool:
                return new ConfigLiteral(ConfigLiteralKind.Bool, raw, range);
            default:
                return new ConfigLiteral(ConfigLiteralKind.Number, raw, range);
        }
    }

    private ConfigObject ParseObjectAfterBrace(Hcl1Token open)
    {
        Enter(open);
        var items = new List<ConfigItem>();
        ParseItems(items, insideObject: true);
        var close = Scan();
        if (close.Kind != Hcl1TokenKind.RBrace)
        {
            throw Fail(close, $"object expected closing RBRACE got: {Hcl1Token.NameOf(close.Kind)}");
        }
        _depth--;
        return new ConfigObject(items, _map.Range(open.Start, close.End));
    }

    /// <summary>One more level of nesting, or the failure that ends parsing (so no exit is needed on that path).</summary>
    private void Enter(Hcl1Token open)
    {
        if (++_depth > MaxDepth) throw Fail(open, $"objects and lists are nested more than {MaxDepth} levels deep");
    }

    private ConfigList ParseListAfterBracket(Hcl1Token open)
    {
        Enter(open);
        var elements = new List<ConfigNode>();
        var needComma = false;
        while (true)
        {
            var token = Scan();
            if (needComma && token.Kind is not (Hcl1TokenKind.Comma or Hcl1TokenKind.RBrack))
            {
                throw Fail(token, $"error parsing list, expected comma or list end, got: {Hcl1Token.NameOf(token.Kind)}");
            }
            switch (token.Kind)
            {
                case Hcl1TokenKind.Number or Hcl1TokenKind.Float or Hcl1TokenKind.Bool
                    or Hcl1TokenKind.String or Hcl1TokenKind.Heredoc:
                    elements.Add(Literal(token));
                    needComma = true;
                    break;
                case Hcl1TokenKind.Comma:
                    needComma = false;
                    break;
                case Hcl1TokenKind.LBrace:
                    elements.Add(Nested(token, "object", () => ParseObjectAfterBrace(token)));
                    needComma = true;
                    break;
                case Hcl1TokenKind.LBrack:
                    elements.Add(Nested(token, "list", () => ParseListAfterBracket(token)));
                    needComma = true;
                    break;
                case Hcl1TokenKind.RBrack:
                    _depth--;
                    return new ConfigList(elements, _map.Range(open.Start, token.End));
                default:
                    throw Fail(token, $"unexpected token while parsing list: {Hcl1Token.NameOf(token.Kind)}");
            }
        }
    }

    /// <summary>An object or list inside a list: a failure within it is reported through it (see <see cref="Fail"/>).</summary>
    private ConfigNode Nested(Hcl1Token at, string what, Func<ConfigNode> parse)
    {
        _enclosingLists.Add((at, what));
        var node = parse();
        _enclosingLists.RemoveAt(_enclosingLists.Count - 1);
        return node;
    }

    private readonly record struct KeyText(ConfigKey Key, string RawText);

    /// <summary>Unwinds the recursive descent at the first problem (HCL 1 reports only one).</summary>
    private sealed class Hcl1SyntaxException : Exception
    {
        public Hcl1SyntaxException(string message, int start, int end) : base(message)
        {
            Start = start;
            End = end;
        }

        public int Start { get; }
        public int End { get; }
    }
}
