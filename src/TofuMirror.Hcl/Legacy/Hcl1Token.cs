namespace TofuMirror.Hcl.Legacy;

/// <summary>Token kinds of legacy HCL 1, named as HCL 1 names them in its error messages.</summary>
internal enum Hcl1TokenKind
{
    Illegal,
    Eof,
    Ident,
    Number,
    Float,
    Bool,
    String,
    Heredoc,
    LBrack,
    LBrace,
    Comma,
    Period,
    RBrack,
    RBrace,
    Assign,
    Add,
    Sub,
}

/// <summary>One HCL 1 token: its kind and the [Start, End) character indexes of its text.</summary>
internal readonly record struct Hcl1Token(Hcl1TokenKind Kind, int Start, int End)
{
    /// <summary>The upper-case name HCL 1 prints for the kind (<c>IDENT</c>, <c>LBRACE</c>, ...).</summary>
    public static string NameOf(Hcl1TokenKind kind) => kind.ToString().ToUpperInvariant();
}
