using System;
using System.Collections.Generic;
using System.Linq;
using System.Text.RegularExpressions;

namespace TofuMirror.Pipelines.Tests;

/// <summary>
/// The part of Azure Pipelines' template expressions (<c>${{ … }}</c>) and macro syntax (<c>$(…)</c>) the templates'
/// script steps use: <c>parameters.NAME</c>, <c>join('sep', …)</c>, <c>coalesce(…)</c> and string literals.
/// Anything else throws, so a template that starts using more fails the tests instead of being run wrongly.
/// </summary>
internal sealed class TemplateExpressions
{
    private static readonly Regex Expression = new(@"\$\{\{\s*(.*?)\s*\}\}", RegexOptions.CultureInvariant);
    private static readonly Regex Macro = new(@"\$\(([A-Za-z0-9_.]+)\)", RegexOptions.CultureInvariant);
    private readonly IReadOnlyDictionary<string, object> _parameters;

    /// <param name="parameters">Values are strings, bools or lists of strings.</param>
    public TemplateExpressions(IReadOnlyDictionary<string, object> parameters) => _parameters = parameters;

    /// <summary>Replaces every <c>${{ … }}</c>, then every <c>$(Name.Part)</c> the environment has (as the agent does: NAME_PART).</summary>
    public string Substitute(string text, IReadOnlyDictionary<string, string> environment)
    {
        var expanded = Expression.Replace(text, m => Text(Evaluate(m.Groups[1].Value)));
        return Macro.Replace(expanded, m =>
            environment.TryGetValue(m.Groups[1].Value.Replace('.', '_').ToUpperInvariant(), out var value) ? value : m.Value);
    }

    public object Evaluate(string expression)
    {
        var position = 0;
        var value = Parse(expression, ref position);
        SkipSpaces(expression, ref position);
        if (position != expression.Length) throw new NotSupportedException("Unsupported expression: " + expression);
        return value;
    }

    private object Parse(string text, ref int position)
    {
        SkipSpaces(text, ref position);
        if (text[position] == '\'')
        {
            var end = text.IndexOf('\'', position + 1);
            var literal = text.Substring(position + 1, end - position - 1);
            position = end + 1;
            return literal;
        }
        var start = position;
        while (position < text.Length && (char.IsLetterOrDigit(text[position]) || text[position] is '.' or '_')) position++;
        var name = text.Substring(start, position - start);
        if (name.StartsWith("parameters.", StringComparison.Ordinal))
            return _parameters[name.Substring("parameters.".Length)];
        SkipSpaces(text, ref position);
        if (position >= text.Length || text[position] != '(') throw new NotSupportedException("Unsupported expression: " + text);
        position++;
        var arguments = new List<object>();
        while (true)
        {
            arguments.Add(Parse(text, ref position));
            SkipSpaces(text, ref position);
            if (text[position++] == ')') break;
        }
        return name switch
        {
            "join" => string.Join((string)arguments[0], ((IEnumerable<string>)arguments[1]).ToArray()),
            "coalesce" => arguments.Select(Text).FirstOrDefault(a => a.Length > 0) ?? "",
            _ => throw new NotSupportedException("Unsupported function: " + name),
        };
    }

    private static string Text(object value) => value switch
    {
        bool b => b ? "True" : "False",
        string s => s,
        _ => throw new NotSupportedException("A list cannot be used as text"),
    };

    private static void SkipSpaces(string text, ref int position)
    {
        while (position < text.Length && text[position] == ' ') position++;
    }
}
