using System;
using System.Collections.Generic;
using System.Linq;
using TofuMirror.Hcl.Evaluation;
using TofuMirror.Hcl.Syntax;
using TofuMirror.Model.Addresses;
using TofuMirror.Model.Diagnostics;
using TofuMirror.Diagnostics;

namespace TofuMirror.Model.CliConfig;

/// <summary>
/// An <c>oci_mirror</c> <c>repository_template</c>: an HCL 2 native template over <c>hostname</c>,
/// <c>namespace</c> and <c>type</c>, checked at load time as OpenTofu does (oci-mirror.md §1.2–§1.3).
/// </summary>
public sealed class OciRepositoryTemplate
{
    /// <summary>The file name HCL diagnostics about the template carry (OpenTofu's pseudo file name).</summary>
    public const string TemplateFileName = "<oci_mirror repository_template>";

    private static readonly string[] Symbols = { "hostname", "namespace", "type" };

    private readonly Expression _expression;
    private readonly OciRepositoryTemplateWording _wording;

    private OciRepositoryTemplate(string text, Expression expression, OciRepositoryTemplateWording wording)
    {
        Text = text;
        _expression = expression;
        _wording = wording;
    }

    /// <summary>The template text.</summary>
    public string Text { get; }

    /// <summary>
    /// Parses and checks a template. <paramref name="position"/> is the <c>L:C</c> OpenTofu prints (the block
    /// body's opening brace); <paramref name="subject"/> is where diagnostics point. Returns null with errors
    /// when the template is invalid for every provider.
    /// </summary>
    internal static OciRepositoryTemplate? Load(string text, IReadOnlyList<string> include, string position,
        SourceRange subject, List<Diagnostic> diagnostics) =>
        Load(text, include, OciRepositoryTemplateWording.Block(position), subject, diagnostics);

    /// <summary>
    /// As <see cref="Load(string, IReadOnlyList{string}, string, SourceRange, List{Diagnostic})"/>, with problems phrased by
    /// <paramref name="wording"/>; <paramref name="subject"/> is null when the template is not in a file.
    /// </summary>
    internal static OciRepositoryTemplate? Load(string text, IReadOnlyList<string> include, OciRepositoryTemplateWording wording,
        SourceRange? subject, List<Diagnostic> diagnostics)
    {
        // 1. Syntax.
        var parsed = HclParser.ParseTemplate(text, TemplateFileName, SourcePosition.Start);
        if (parsed.HasErrors)
        {
            diagnostics.AddRange(parsed.Diagnostics.Select(d => wording.Relocated(d, subject)));
            return null;
        }
        var expression = parsed.Value;
        var errors = new List<Diagnostic>();

        // 2. Only the three symbols exist.
        var used = TemplateVariables.RootNames(expression);
        foreach (var name in used.Where(n => Array.IndexOf(Symbols, n) < 0))
        {
            errors.Add(Error(wording, wording.UnknownSymbol(name), subject));
        }

        // 3. Symbols the include patterns do not pin down must appear (skipped when a pattern is invalid).
        if (ProviderSelector.TryParse(include, null, out var selector, out _))
        {
            var hosts = new HashSet<string>(selector.Include.Where(p => p.Hostname != ProviderPattern.Wildcard).Select(p => p.Hostname), StringComparer.Ordinal);
            var namespaces = new HashSet<string>(selector.Include.Where(p => p.Namespace != ProviderPattern.Wildcard).Select(p => p.Namespace), StringComparer.Ordinal);
            var types = new HashSet<string>(selector.Include.Where(p => p.Type != ProviderPattern.Wildcard).Select(p => p.Type), StringComparer.Ordinal);
            if (hosts.Count != 1 && !used.Contains("hostname"))
            {
                errors.Add(Error(wording, wording.MissingSymbol("hostname"), subject));
            }
            if (namespaces.Count != 1 && !used.Contains("namespace"))
            {
                errors.Add(Error(wording, wording.MissingSymbol("namespace"), subject));
            }
            if (types.Count != 1 && !used.Contains("type"))
            {
                errors.Add(Error(wording, wording.MissingSymbol("type"), subject));
            }
        }
        else
        {
            // OpenTofu skips the template checks; the pattern error surfaces when sources are built.
            diagnostics.AddRange(errors);
            return errors.Count > 0 ? null : new OciRepositoryTemplate(text, expression, wording);
        }
        if (errors.Count > 0)
        {
            diagnostics.AddRange(errors);
            return null;
        }

        // 4. Type check with unknown strings.
        var unknown = HclValue.Unknown(HclType.String);
        var typeCheck = HclEvaluator.Evaluate(expression, Context(unknown, unknown, unknown));
        var typeErrors = typeCheck.Diagnostics.Where(d => d.Severity == DiagnosticSeverity.Error).ToArray();
        if (typeErrors.Length > 0)
        {
            diagnostics.AddRange(typeCheck.Diagnostics.Select(d => wording.Relocated(d, subject)));
            return null;
        }

        // 5. Value check with a sample provider; 6. the sample result must be a repository address.
        var template = new OciRepositoryTemplate(text, expression, wording);
        if (!template.TryEvaluate("example.com", "example-namespace", "example-type", subject, out var sample, out var sampleDiagnostics))
        {
            diagnostics.AddRange(sampleDiagnostics);
            return null;
        }
        if (!OciRepositoryAddress.TryParse(sample, out _, out _))
        {
            diagnostics.Add(Error(wording, wording.NotARepositoryAddress, subject));
            return null;
        }
        return template;
    }

    /// <summary>Evaluates the template for a provider and splits the result into registry and repository.</summary>
    public bool TryMap(ProviderAddress provider, out OciRepositoryAddress address, out string error)
    {
        if (provider is null) throw new ArgumentNullException(nameof(provider));
        address = null!;
        if (!TryEvaluate(provider.Hostname, provider.Namespace, provider.Type, null, out var text, out var diagnostics))
        {
            error = "selecting OCI repository address: " + string.Join("\n", diagnostics.Select(DescribeForError));
            return false;
        }
        if (!OciRepositoryAddress.TryParse(text, out address, out var parseError))
        {
            error = "selecting OCI repository address: " + parseError;
            return false;
        }
        error = "";
        return true;
    }

    private bool TryEvaluate(string hostname, string @namespace, string type, SourceRange? subject,
        out string result, out List<Diagnostic> diagnostics)
    {
        result = "";
        diagnostics = new List<Diagnostic>();
        var evaluated = HclEvaluator.Evaluate(_expression,
            Context(HclValue.String(hostname), HclValue.String(@namespace), HclValue.String(type)));
        if (evaluated.Diagnostics.Any(d => d.Severity == DiagnosticSeverity.Error))
        {
            diagnostics.AddRange(evaluated.Diagnostics.Select(d => _wording.Relocated(d, subject)));
            return false;
        }
        var value = evaluated.Value;
        if (value.IsNull)
        {
            diagnostics.Add(Error(_wording, _wording.NullResult, subject));
            return false;
        }
        // cty's conversion to string: strings as they are, numbers and bools in their canonical text.
        if (value.Kind is HclValueKind.String or HclValueKind.Number or HclValueKind.Bool && HclConvert.TryToString(value, out var text))
        {
            result = text;
            return true;
        }
        diagnostics.Add(Error(_wording, _wording.NotAString, subject));
        return false;
    }

    private static EvalContext Context(HclValue hostname, HclValue @namespace, HclValue type) =>
        new(new Dictionary<string, HclValue>(StringComparer.Ordinal)
        {
            ["hostname"] = hostname,
            ["namespace"] = @namespace,
            ["type"] = type,
        });

    /// <summary>Like Go's HCL diagnostic errors: <c>file:line,col: summary; detail</c>.</summary>
    private static string DescribeForError(Diagnostic d)
    {
        var where = d.Subject is { } s ? $"{s.FileName}:{s.Start.Line},{s.Start.Column}-{s.End.Column}: " : "";
        return string.IsNullOrEmpty(d.Detail) ? where + d.Summary : $"{where}{d.Summary}; {d.Detail}";
    }

    private static Diagnostic Error(OciRepositoryTemplateWording wording, string detail, SourceRange? subject) =>
        new(DiagnosticSeverity.Error, wording.Summary, detail, subject) { Code = DiagnosticCodes.InvalidCliConfig };
}
