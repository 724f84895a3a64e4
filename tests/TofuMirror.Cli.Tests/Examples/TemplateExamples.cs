using System;
using System.Collections.Generic;
using System.Linq;
using System.Text.RegularExpressions;

namespace TofuMirror.Cli.Tests.Examples;

/// <summary>A repository template shown somewhere, with the include patterns shown beside it.</summary>
internal sealed record TemplateExample(string Source, int Line, string Template, IReadOnlyList<string> Include)
{
    public override string ToString() =>
        $"{Source}:{Line}: '{Template}'" + (Include.Count == 0 ? "" : " with include " + string.Join(", ", Include));
}

/// <summary>
/// Finds the repository templates a text shows: after <c>--repository-template</c>, <c>repositoryTemplate:</c>,
/// <c>repository_template =</c> and <c>&lt;TofuRepositoryTemplate&gt;</c>, and any word using <c>${hostname}</c>,
/// <c>${namespace}</c> or <c>${type}</c>. Include patterns (<c>--include P</c>, <c>include: [...]</c>,
/// <c>include = [...]</c>) count for the templates of the same block: a paragraph, a table row, or an option's help.
/// Placeholders (<c>T</c>, <c>…</c>, <c>&lt;repository-template&gt;</c>) and shell or pipeline variables are skipped.
/// </summary>
internal static class TemplateExamples
{
    private const string Value = @"(?:'(?<v>[^']*)'|""(?<v>[^""]*)""|(?<v>[^\s'""`|]+))";
    private static readonly Regex[] Introduced =
    {
        new(@"--repository-template[= ]+" + Value),
        new(@"^\s*(?:#\s*)?(?:-\s+)?repositoryTemplate:\s*" + Value + @"\s*$"),
        new(@"repository_template\s*=\s*""(?<v>[^""]*)"""),
        new(@"<TofuRepositoryTemplate>(?<v>[^<]*)</TofuRepositoryTemplate>"),
    };
    private static readonly Regex UsesVariables = new(@"[^\s'""`<>|\[]*\$\{(?:hostname|namespace|type)\}[^\s'""`<>|]*");
    private static readonly Regex LoneVariable = new(@"^\$\{(?:hostname|namespace|type)\}$");
    private static readonly Regex IncludeOption = new(@"--include[= ]+" + Value);
    private static readonly Regex IncludeList = new(@"\binclude\s*(?::|=)\s*\[(?<list>[^\]]*)\]");
    private static readonly Regex PipelineMacro = new(@"\$\([A-Za-z0-9_.]+\)");

    /// <summary>Markdown: blocks are paragraphs (blank lines, code fences) and single table rows.</summary>
    public static IEnumerable<TemplateExample> InMarkdown(string source, string text) =>
        Find(source, text, line => line.TrimStart().StartsWith('|') ? Boundary.OwnBlock : line.Trim().Length == 0 || line.TrimStart().StartsWith("```", StringComparison.Ordinal) ? Boundary.Separator : Boundary.None);

    /// <summary>
    /// YAML (comments included): blocks are separated by blank lines and empty comment lines, and comments are
    /// blocks apart from the YAML around them.
    /// </summary>
    public static IEnumerable<TemplateExample> InYaml(string source, string text)
    {
        bool? previousWasComment = null;
        return Find(source, text, line =>
        {
            if (line.Trim().TrimStart('#').Trim().Length == 0)
            {
                previousWasComment = null;
                return Boundary.Separator;
            }
            var isComment = line.TrimStart().StartsWith('#');
            var starts = previousWasComment is { } previous && previous != isComment;
            previousWasComment = isComment;
            return starts ? Boundary.StartsBlock : Boundary.None;
        });
    }

    /// <summary><c>--help</c> output: each option (a line starting with <c>  -</c>) is a block.</summary>
    public static IEnumerable<TemplateExample> InHelp(string source, string text) =>
        Find(source, text, line => line.Trim().Length == 0 ? Boundary.Separator : Regex.IsMatch(line, @"^\s{1,4}-") ? Boundary.StartsBlock : Boundary.None);

    private enum Boundary { None, Separator, StartsBlock, OwnBlock }

    private static IEnumerable<TemplateExample> Find(string source, string text, Func<string, Boundary> boundary)
    {
        var lines = text.Replace("\r\n", "\n").Split('\n');
        var block = new List<(int Number, string Text)>();
        var found = new List<TemplateExample>();
        for (var i = 0; i < lines.Length; i++)
        {
            var kind = boundary(lines[i]);
            if (kind != Boundary.None) Flush(source, block, found);
            if (kind == Boundary.Separator) continue;
            block.Add((i + 1, lines[i]));
            if (kind == Boundary.OwnBlock) Flush(source, block, found);
        }
        Flush(source, block, found);
        return found;
    }

    private static void Flush(string source, List<(int Number, string Text)> block, List<TemplateExample> found)
    {
        var include = block.SelectMany(l => Includes(l.Text)).Distinct(StringComparer.Ordinal).ToList();
        foreach (var (number, line) in block)
        {
            var templates = Introduced.SelectMany(r => r.Matches(line)).Select(m => m.Groups["v"].Value)
                .Concat(UsesVariables.Matches(line).Select(m => m.Value.TrimStart('(').TrimEnd('.', ',', ';', ':', ')')))
                .Where(IsExample)
                .Distinct(StringComparer.Ordinal);
            found.AddRange(templates.Select(t => new TemplateExample(source, number, t, include)));
        }
        block.Clear();
    }

    /// <summary>Patterns always have a slash; words after <c>--include</c> in prose do not.</summary>
    private static IEnumerable<string> Includes(string line) =>
        IncludeOption.Matches(line).Select(m => m.Groups["v"].Value)
            .Concat(IncludeList.Matches(line).SelectMany(m => m.Groups["list"].Value.Split(','))
                .Select(p => p.Trim().Trim('\'', '"')))
            .Where(p => p.Contains('/'));

    /// <summary>A template names a registry or a folder, so it has a slash, a dot or a variable; prose words do not.</summary>
    private static bool IsExample(string value) =>
        value.IndexOfAny(new[] { '/', '.', '$' }) >= 0
        && !value.Contains('…')
        && !value.StartsWith('<')
        && !value.Contains("${{", StringComparison.Ordinal)
        && !LoneVariable.IsMatch(value)
        && !(value.StartsWith('$') && !value.Contains('/'));

    /// <summary>As the tool gets it: pipeline macros (<c>$(Build.SourcesDirectory)</c>) become a folder, as the agent expands them, and a shell-escaped <c>\$</c> is a <c>$</c>.</summary>
    public static string WithMacrosExpanded(string template) => PipelineMacro.Replace(template, "/agent/work").Replace("\\$", "$");
}
