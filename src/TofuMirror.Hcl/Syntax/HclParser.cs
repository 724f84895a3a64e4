using System;
using System.Collections.Generic;
using TofuMirror.Diagnostics;

namespace TofuMirror.Hcl.Syntax;

/// <summary>Entry points of the HCL native-syntax parser. None of them throws on bad input.</summary>
public static class HclParser
{
    /// <summary>Parses a whole configuration or lock file.</summary>
    public static HclParseResult<HclFile> ParseFile(string text, string fileName)
    {
        Check(text, fileName);
        var (tokens, _) = Lexer.Lex(text, fileName, SourcePosition.Start, LexStartMode.Normal);
        var parser = new Parser(tokens, fileName);
        var file = parser.ParseFile();
        return new HclParseResult<HclFile>(file, parser.Diagnostics);
    }

    /// <summary>Parses one expression; positions are counted from <paramref name="start"/>.</summary>
    public static HclParseResult<Expression> ParseExpression(string text, string fileName, SourcePosition start)
    {
        Check(text, fileName);
        var (tokens, _) = Lexer.Lex(text, fileName, start, LexStartMode.Normal);
        var parser = new Parser(tokens, fileName);
        var expression = parser.ParseStandaloneExpression();
        return new HclParseResult<Expression>(expression, parser.Diagnostics);
    }

    /// <summary>
    /// Parses a bare template (text with <c>${}</c> and <c>%{}</c> sequences, no quotes): a
    /// <see cref="TemplateExpression"/>, or a <see cref="TemplateWrapExpression"/> when the whole
    /// text is one interpolation.
    /// </summary>
    public static HclParseResult<Expression> ParseTemplate(string text, string fileName, SourcePosition start)
    {
        Check(text, fileName);
        var (tokens, _) = Lexer.Lex(text, fileName, start, LexStartMode.Template);
        var parser = new Parser(tokens, fileName);
        var expression = parser.ParseBareTemplate();
        return new HclParseResult<Expression>(expression, parser.Diagnostics);
    }

    /// <summary>The tokens of a file (comments excluded), ending with <see cref="TokenKind.EndOfFile"/>.</summary>
    public static IReadOnlyList<Token> Tokenize(string text, string fileName) =>
        Lexer.Lex(text ?? throw new ArgumentNullException(nameof(text)), fileName, SourcePosition.Start, LexStartMode.Normal).Tokens;

    /// <summary>The comments of a file, in order.</summary>
    public static IReadOnlyList<Token> Comments(string text, string fileName) =>
        Lexer.Lex(text ?? throw new ArgumentNullException(nameof(text)), fileName, SourcePosition.Start, LexStartMode.Normal).Comments;

    private static void Check(string text, string fileName)
    {
        if (text is null) throw new ArgumentNullException(nameof(text));
        if (fileName is null) throw new ArgumentNullException(nameof(fileName));
    }
}
