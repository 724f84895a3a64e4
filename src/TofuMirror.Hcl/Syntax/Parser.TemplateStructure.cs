using System;
using System.Collections.Generic;
using System.Text;
using TofuMirror.Hcl.Evaluation;
using TofuMirror.Diagnostics;

namespace TofuMirror.Hcl.Syntax;

internal sealed partial class Parser
{
    private const string UnbalancedDetail = "The control directives within this template are unbalanced.";

    /// <summary>Set when directives nest past <see cref="MaxDepth"/>: the rest of the template is skipped, reported once.</summary>
    private bool _templateAbandoned;

    /// <summary>Applies strip markers, nests directives and melds adjacent literals into the final template node.</summary>
    private Expression BuildTemplate(List<TemplatePiece> pieces, SourceRange range, bool allowWrap)
    {
        ApplyStripMarkers(pieces);
        var index = 0;
        _templateAbandoned = false;
        var parts = BuildSequence(pieces, ref index, _ => false);
        _templateAbandoned = false;
        if (allowWrap && parts.Count == 1 && pieces.Count == 1 && pieces[0].Kind == TemplatePieceKind.Interpolation)
        {
            return new TemplateWrapExpression(parts[0], range);
        }
        return new TemplateExpression(parts, range);
    }

    private static void ApplyStripMarkers(List<TemplatePiece> pieces)
    {
        for (var i = 0; i < pieces.Count; i++)
        {
            var piece = pieces[i];
            if (piece.StripBefore && i > 0 && pieces[i - 1].Kind == TemplatePieceKind.Literal)
                pieces[i - 1].Text = TrimEndWhitespace(pieces[i - 1].Text);
            if (piece.StripAfter && i + 1 < pieces.Count && pieces[i + 1].Kind == TemplatePieceKind.Literal)
                pieces[i + 1].Text = TrimStartWhitespace(pieces[i + 1].Text);
        }
    }

    private static string TrimEndWhitespace(string s)
    {
        var end = s.Length;
        while (end > 0 && char.IsWhiteSpace(s[end - 1])) end--;
        return s.Substring(0, end);
    }

    private static string TrimStartWhitespace(string s)
    {
        var start = 0;
        while (start < s.Length && char.IsWhiteSpace(s[start])) start++;
        return s.Substring(start);
    }

    /// <summary>
    /// Parts up to a directive accepted by <paramref name="isTerminator"/> (left unconsumed) or
    /// the end; unbalanced directives are reported and skipped.
    /// </summary>
    private List<Expression> BuildSequence(List<TemplatePiece> pieces, ref int index, Func<TemplatePieceKind, bool> isTerminator)
    {
        var parts = new List<Expression>();
        var literal = new StringBuilder();
        SourceRange? literalRange = null;

        void FlushLiteral()
        {
            if (literalRange is { } r && literal.Length > 0)
                parts.Add(new LiteralValueExpression(HclValue.String(literal.ToString()), r));
            literal.Clear();
            literalRange = null;
        }

        while (index < pieces.Count)
        {
            var piece = pieces[index];
            switch (piece.Kind)
            {
                case TemplatePieceKind.Literal:
                    literal.Append(piece.Text);
                    literalRange = literalRange is { } r ? r.Through(piece.Range) : piece.Range;
                    index++;
                    continue;
                case TemplatePieceKind.Interpolation:
                    FlushLiteral();
                    parts.Add(piece.Expression!);
                    index++;
                    continue;
                case TemplatePieceKind.If or TemplatePieceKind.For:
                    FlushLiteral();
                    index++;
                    // Directives nest by recursion here, so they count against the same limit as expressions.
                    if (!Enter(piece.Range))
                    {
                        Exit();
                        _templateAbandoned = true;
                        index = pieces.Count;
                        return parts;
                    }
                    parts.Add(piece.Kind == TemplatePieceKind.If ? BuildIf(pieces, ref index, piece) : BuildFor(pieces, ref index, piece));
                    Exit();
                    continue;
                default:
                    if (isTerminator(piece.Kind))
                    {
                        FlushLiteral();
                        return parts;
                    }
                    Error($"Unexpected {piece.DirectiveName} directive", UnbalancedDetail, piece.Range);
                    index++;
                    continue;
            }
        }
        FlushLiteral();
        return parts;
    }

    private Expression BuildIf(List<TemplatePiece> pieces, ref int index, TemplatePiece ifPiece)
    {
        var trueParts = BuildSequence(pieces, ref index, k => k is TemplatePieceKind.Else or TemplatePieceKind.EndIf or TemplatePieceKind.EndFor);
        var trueTemplate = SubTemplate(trueParts, ifPiece.Range, pieces, index);
        TemplateExpression? falseTemplate = null;
        if (index < pieces.Count && pieces[index].Kind == TemplatePieceKind.Else)
        {
            var elsePiece = pieces[index++];
            var falseParts = BuildSequence(pieces, ref index, k => k is TemplatePieceKind.Else or TemplatePieceKind.EndIf or TemplatePieceKind.EndFor);
            falseTemplate = SubTemplate(falseParts, elsePiece.Range, pieces, index);
        }

        var end = ifPiece.Range;
        if (index >= pieces.Count)
        {
            // Past the nesting limit the rest was skipped, and that is reported once.
            if (!_templateAbandoned) Error("Unexpected end of template", $"The if directive at {FormatRange(ifPiece.Range)} is missing its corresponding endif directive.", ifPiece.Range);
        }
        else if (pieces[index].Kind != TemplatePieceKind.EndIf)
        {
            var wrong = pieces[index];
            Error($"Unexpected {wrong.DirectiveName} directive", $"Expecting an endif directive for the if started at {FormatRange(ifPiece.Range)}.", wrong.Range);
            index++;
        }
        else
        {
            end = pieces[index++].Range;
        }
        return new TemplateIfExpression(ifPiece.Expression!, trueTemplate, falseTemplate, ifPiece.Range.Through(end));
    }

    private Expression BuildFor(List<TemplatePiece> pieces, ref int index, TemplatePiece forPiece)
    {
        var bodyParts = BuildSequence(pieces, ref index, k => k is TemplatePieceKind.Else or TemplatePieceKind.EndIf or TemplatePieceKind.EndFor);
        var body = SubTemplate(bodyParts, forPiece.Range, pieces, index);
        var end = forPiece.Range;
        if (index >= pieces.Count)
        {
            // Past the nesting limit the rest was skipped, and that is reported once.
            if (!_templateAbandoned) Error("Unexpected end of template", $"The for directive at {FormatRange(forPiece.Range)} is missing its corresponding endfor directive.", forPiece.Range);
        }
        else if (pieces[index].Kind == TemplatePieceKind.Else)
        {
            Error("Unexpected else directive", "An else clause is not expected for a for directive.", pieces[index].Range);
            index++;
        }
        else if (pieces[index].Kind != TemplatePieceKind.EndFor)
        {
            var wrong = pieces[index];
            Error($"Unexpected {wrong.DirectiveName} directive", $"Expecting an endfor directive corresponding to the for directive at {FormatRange(forPiece.Range)}.", wrong.Range);
            index++;
        }
        else
        {
            end = pieces[index++].Range;
        }
        return new TemplateForExpression(forPiece.KeyVariable, forPiece.ValueVariable, forPiece.Expression!, body, forPiece.Range.Through(end));
    }

    /// <summary>The template between an opening directive and the piece at <paramref name="endIndex"/>.</summary>
    private TemplateExpression SubTemplate(List<Expression> parts, SourceRange opener, List<TemplatePiece> pieces, int endIndex)
    {
        var end = endIndex < pieces.Count ? pieces[endIndex].Range.Start : (parts.Count > 0 ? parts[parts.Count - 1].Range.End : opener.End);
        return new TemplateExpression(parts, new SourceRange(_fileName, opener.End, end));
    }

    /// <summary>
    /// <c>&lt;&lt;-</c> heredocs: removes the smallest indentation of the non-blank lines from every
    /// line; a line starting with an interpolation counts as unindented.
    /// </summary>
    private static void FlushHeredoc(List<TemplatePiece> pieces)
    {
        var min = int.MaxValue;
        var atLineStart = true;
        var adjust = new List<TemplatePiece>();
        foreach (var piece in pieces)
        {
            if (atLineStart)
            {
                atLineStart = false;
                if (piece.Kind == TemplatePieceKind.Literal)
                {
                    var spaces = 0;
                    while (spaces < piece.Text.Length && piece.Text[spaces] is ' ' or '\t') spaces++;
                    var blank = spaces == piece.Text.Length - 1 && piece.Text.EndsWith("\n", StringComparison.Ordinal);
                    if (!blank)
                    {
                        min = Math.Min(min, spaces);
                        adjust.Add(piece);
                    }
                }
                else
                {
                    min = 0;
                }
            }
            if (piece.Kind == TemplatePieceKind.Literal && piece.Text.EndsWith("\n", StringComparison.Ordinal)) atLineStart = true;
        }
        if (min == int.MaxValue || min == 0) return;
        foreach (var piece in adjust)
        {
            var removed = piece.Text.Substring(0, min);
            piece.Text = piece.Text.Substring(min);
            var start = SourceTextMap.Advance(removed, 0, removed.Length, piece.Range.Start);
            piece.Range = new SourceRange(piece.Range.FileName, start, piece.Range.End);
        }
    }
}
