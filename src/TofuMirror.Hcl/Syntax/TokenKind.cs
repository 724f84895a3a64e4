namespace TofuMirror.Hcl.Syntax;

/// <summary>The kinds of token the native-syntax lexer produces.</summary>
public enum TokenKind
{
    /// <summary>End of input; always the last token.</summary>
    EndOfFile,
    Newline,
    Identifier,
    NumberLiteral,

    OpenBrace,
    CloseBrace,
    OpenBracket,
    CloseBracket,
    OpenParen,
    CloseParen,
    Comma,
    Dot,
    Ellipsis,
    Question,
    Colon,
    DoubleColon,
    FatArrow,

    /// <summary><c>=</c></summary>
    Equal,
    /// <summary><c>==</c></summary>
    EqualOp,
    NotEqual,
    LessThan,
    LessThanOrEqual,
    GreaterThan,
    GreaterThanOrEqual,
    And,
    Or,
    Bang,
    Plus,
    Minus,
    Star,
    Slash,
    Percent,

    /// <summary>Opening <c>"</c> of a quoted template.</summary>
    OpenQuote,
    /// <summary>Closing <c>"</c> of a quoted template.</summary>
    CloseQuote,
    /// <summary>Literal text inside a quoted template, escapes not yet decoded.</summary>
    QuotedLiteral,
    /// <summary><c>&lt;&lt;EOT</c> or <c>&lt;&lt;-EOT</c> plus the newline that follows.</summary>
    OpenHeredoc,
    /// <summary>The closing marker line of a heredoc.</summary>
    CloseHeredoc,
    /// <summary>Literal text of a heredoc or bare template (no backslash escapes).</summary>
    StringLiteral,
    /// <summary><c>${</c> or <c>${~</c></summary>
    TemplateInterpolation,
    /// <summary><c>%{</c> or <c>%{~</c></summary>
    TemplateControl,
    /// <summary><c>}</c> or <c>~}</c> closing an interpolation or directive.</summary>
    TemplateSequenceEnd,

    /// <summary>A <c>#</c>, <c>//</c> or <c>/* */</c> comment (kept aside, not in the parser's stream).</summary>
    Comment,

    /// <summary>A bitwise operator or <c>**</c>: lexed so the parser can say it is unsupported.</summary>
    UnsupportedOperator,
    /// <summary>A character the language does not use.</summary>
    Invalid,
}
