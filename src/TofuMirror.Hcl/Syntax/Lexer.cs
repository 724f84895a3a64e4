using System.Collections.Generic;
using System.Globalization;
using TofuMirror.Diagnostics;

namespace TofuMirror.Hcl.Syntax;

/// <summary>Where lexing begins: in expression/config mode, or inside a bare template.</summary>
internal enum LexStartMode
{
    Normal,
    Template,
}

/// <summary>
/// The native-syntax lexer. It works on the string by index and keeps a stack of modes (config,
/// interpolation, quoted template, heredoc, bare template) because the meaning of characters
/// such as <c>}</c> and newlines depends on what encloses them.
/// </summary>
internal sealed partial class Lexer
{
    private enum ModeKind { Normal, Interpolation, Quoted, Heredoc, Bare }

    private sealed class Mode
    {
        public Mode(ModeKind kind, string marker = "")
        {
            Kind = kind;
            Marker = marker;
        }

        public ModeKind Kind { get; }
        public string Marker { get; }
        public bool StartOfLine { get; set; } = true;

        /// <summary>Open parentheses and brackets inside this interpolation.</summary>
        public int Depth { get; set; }
    }

    private readonly string _text;
    private readonly SourceTextMap _map;
    private readonly List<Token> _tokens;
    private readonly List<Token> _comments = new();
    private readonly List<Mode> _modes = new();
    private int _pos;
    private TokenKind _lastKind = TokenKind.Newline;

    private Lexer(string text, string fileName, SourcePosition start, LexStartMode startMode)
    {
        _text = text;
        _map = new SourceTextMap(text, fileName, start);
        _pos = _map.FirstIndex;
        _tokens = new List<Token>(text.Length / 16 + 16);
        _modes.Add(new Mode(startMode == LexStartMode.Template ? ModeKind.Bare : ModeKind.Normal));
    }

    /// <summary>The tokens of <paramref name="text"/>, ending with <see cref="TokenKind.EndOfFile"/>; comments separately.</summary>
    public static (List<Token> Tokens, List<Token> Comments) Lex(string text, string fileName, SourcePosition start, LexStartMode mode)
    {
        var lexer = new Lexer(text, fileName, start, mode);
        lexer.Run();
        return (lexer._tokens, lexer._comments);
    }

    private Mode Top => _modes[_modes.Count - 1];

    private void Run()
    {
        while (_pos < _text.Length)
        {
            switch (Top.Kind)
            {
                case ModeKind.Quoted: LexQuoted(); break;
                case ModeKind.Heredoc: LexHeredoc(); break;
                case ModeKind.Bare: LexBare(); break;
                default: LexNormal(); break;
            }
        }
        Emit(TokenKind.EndOfFile, _text.Length, _text.Length);
    }

    private void Emit(TokenKind kind, int start, int end)
    {
        var range = _map.Range(start, end);
        var token = new Token(kind, TextOf(kind, start, end), range);
        if (kind == TokenKind.Comment)
        {
            _comments.Add(token);
        }
        else
        {
            _tokens.Add(token);
            _lastKind = kind;
        }
        _pos = end;
    }

    private string TextOf(TokenKind kind, int start, int end) => kind switch
    {
        TokenKind.Newline when end - start == 1 => "\n",
        TokenKind.OpenBrace => "{",
        TokenKind.CloseBrace => "}",
        TokenKind.Equal => "=",
        TokenKind.Dot => ".",
        TokenKind.Comma => ",",
        TokenKind.OpenQuote or TokenKind.CloseQuote => "\"",
        TokenKind.EndOfFile => "",
        _ => _text.Substring(start, end - start),
    };

    private char At(int index) => index < _text.Length ? _text[index] : '\0';

    private void Push(ModeKind kind, string marker = "") => _modes.Add(new Mode(kind, marker));

    private void Pop()
    {
        if (_modes.Count > 1) _modes.RemoveAt(_modes.Count - 1);
    }

    /// <summary>Emits <c>${</c>/<c>%{</c> (with an optional strip marker) and enters interpolation mode.</summary>
    private void EmitTemplateOpener()
    {
        var kind = _text[_pos] == '$' ? TokenKind.TemplateInterpolation : TokenKind.TemplateControl;
        var end = _pos + 2;
        if (At(end) == '~') end++;
        Emit(kind, _pos, end);
        Top.StartOfLine = false;
        Push(ModeKind.Interpolation);
    }

    /// <summary>Is <paramref name="i"/> at <c>${</c> or <c>%{</c> that is not escaped by doubling?</summary>
    private bool IsTemplateOpener(int i) => (_text[i] == '$' || _text[i] == '%') && At(i + 1) == '{';

    /// <summary>Is <paramref name="i"/> at the escape <c>$${</c> or <c>%%{</c>?</summary>
    private bool IsEscapedOpener(int i) => (_text[i] == '$' || _text[i] == '%') && At(i + 1) == _text[i] && At(i + 2) == '{';

    internal static bool IsIdentifierStart(string text, int i)
    {
        var c = text[i];
        if (c < 0x80) return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_';
        return CharUnicodeInfo.GetUnicodeCategory(text, i) switch
        {
            UnicodeCategory.UppercaseLetter or UnicodeCategory.LowercaseLetter or UnicodeCategory.TitlecaseLetter
                or UnicodeCategory.ModifierLetter or UnicodeCategory.OtherLetter or UnicodeCategory.LetterNumber => true,
            _ => false,
        };
    }

    internal static bool IsIdentifierPart(string text, int i)
    {
        var c = text[i];
        if (c < 0x80) return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_' || c == '-';
        if (IsIdentifierStart(text, i)) return true;
        return CharUnicodeInfo.GetUnicodeCategory(text, i) switch
        {
            UnicodeCategory.NonSpacingMark or UnicodeCategory.SpacingCombiningMark or UnicodeCategory.DecimalDigitNumber
                or UnicodeCategory.ConnectorPunctuation => true,
            _ => false,
        };
    }

    internal static int CharWidth(string text, int i) =>
        char.IsHighSurrogate(text[i]) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]) ? 2 : 1;
}
