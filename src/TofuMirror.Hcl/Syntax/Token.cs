using TofuMirror.Diagnostics;

namespace TofuMirror.Hcl.Syntax;

/// <summary>One lexical token: its kind, its exact source text and where it is.</summary>
public readonly record struct Token(TokenKind Kind, string Text, SourceRange Range)
{
    public override string ToString() => $"{Kind} \"{Text}\" at {Range.Start}-{Range.End}";
}
