using System;
using System.Collections.Generic;
using TofuMirror.Model.Diagnostics;
using TofuMirror.Diagnostics;

namespace TofuMirror.Model.CliConfig;

/// <summary>
/// An <c>oci_mirror</c> given on the command line: <c>--repository-template</c> with its <c>--include</c> patterns,
/// checked by OpenTofu's rules for the block it stands for, with problems that name the options.
/// </summary>
public static class CommandLineOciMirror
{
    public const string TemplateOption = "--repository-template";
    public const string IncludeOption = "--include";

    /// <summary>The mirror method, or null with errors in <paramref name="diagnostics"/>.</summary>
    public static OciMirrorMethod? Load(string template, IReadOnlyList<string> include, List<Diagnostic> diagnostics)
    {
        if (template is null) throw new ArgumentNullException(nameof(template));
        if (include is null) throw new ArgumentNullException(nameof(include));
        if (diagnostics is null) throw new ArgumentNullException(nameof(diagnostics));

        var loaded = OciRepositoryTemplate.Load(template, include, OciRepositoryTemplateWording.CommandLine, null, diagnostics);
        if (loaded is null) return null;
        var method = new OciMirrorMethod(loaded, include, Array.Empty<string>(), SourceRange.StartOf(TemplateOption));
        if (method.PatternError is { } patternError)
        {
            diagnostics.Add(new Diagnostic(DiagnosticSeverity.Error, "Invalid " + IncludeOption, patternError + ".", null)
            {
                Code = DiagnosticCodes.InvalidCliConfig,
            });
            return null;
        }
        return method;
    }
}
