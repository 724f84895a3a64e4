using TofuMirror.Diagnostics;

namespace TofuMirror.Hcl.Syntax;

/// <summary>The flat pieces of a template before directives are nested.</summary>
internal enum TemplatePieceKind { Literal, Interpolation, If, Else, EndIf, For, EndFor }

/// <summary>One flat template piece: a literal, an interpolation or a directive marker.</summary>
internal sealed class TemplatePiece
{
    public TemplatePiece(TemplatePieceKind kind, SourceRange range)
    {
        Kind = kind;
        Range = range;
    }

    public TemplatePieceKind Kind { get; }
    public SourceRange Range { get; set; }

    /// <summary>Literal text (decoded).</summary>
    public string Text { get; set; } = "";

    /// <summary>The interpolated expression, the if condition or the for collection.</summary>
    public Expression? Expression { get; set; }
    public string? KeyVariable { get; set; }
    public string ValueVariable { get; set; } = "";
    public bool StripBefore { get; set; }
    public bool StripAfter { get; set; }

    public string DirectiveName => Kind switch
    {
        TemplatePieceKind.If => "if",
        TemplatePieceKind.Else => "else",
        TemplatePieceKind.EndIf => "endif",
        TemplatePieceKind.For => "for",
        _ => "endfor",
    };
}
