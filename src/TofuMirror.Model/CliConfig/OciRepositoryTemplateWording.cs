using TofuMirror.Model.Diagnostics;
using TofuMirror.Diagnostics;

namespace TofuMirror.Model.CliConfig;

/// <summary>
/// How an <see cref="OciRepositoryTemplate"/>'s problems are phrased: as OpenTofu words them for an <c>oci_mirror</c>
/// block of a CLI configuration, or naming <c>--repository-template</c> and <c>--include</c> for a template given on
/// the command line, where there is no block to point at.
/// </summary>
internal abstract class OciRepositoryTemplateWording
{
    /// <summary>OpenTofu's text, naming the block by the <c>L:C</c> of its body's opening brace.</summary>
    public static OciRepositoryTemplateWording Block(string position) => new BlockWording(position);

    public static readonly OciRepositoryTemplateWording CommandLine = new CommandLineWording();

    public abstract string Summary { get; }

    public abstract string UnknownSymbol(string name);

    /// <summary>The template leaves out <paramref name="symbol"/> (hostname, namespace or type) and include does not pin it.</summary>
    public abstract string MissingSymbol(string symbol);

    public abstract string NotARepositoryAddress { get; }

    public abstract string NullResult { get; }

    public abstract string NotAString { get; }

    /// <summary>One of HCL's own diagnostics (syntax, types) about the template, pointed at <paramref name="subject"/> when given.</summary>
    public abstract Diagnostic Relocated(Diagnostic hclDiagnostic, SourceRange? subject);

    private sealed class BlockWording : OciRepositoryTemplateWording
    {
        private readonly string _position;

        public BlockWording(string position) => _position = position;

        public override string Summary => "Invalid oci_mirror repository template";

        public override string UnknownSymbol(string name) =>
            $"Invalid oci_mirror block at {_position}: the symbol \"{name}\" is not available for an OCI mirror repository address template. Only \"hostname\", \"namespace\", and \"type\" are available.";

        public override string MissingSymbol(string symbol)
        {
            var selected = symbol switch { "hostname" => "registry hostname", "namespace" => "provider namespace", _ => "provider" };
            return $"Invalid oci_mirror block at {_position}: template must refer to the \"{symbol}\" symbol unless the \"include\" argument selects exactly one {selected}.";
        }

        public override string NotARepositoryAddress =>
            $"Invalid oci_mirror block at {_position}: template must generate a valid OCI repository address, including a registry hostname followed by a slash and then a repository name.";

        public override string NullResult => $"Invalid oci_mirror block at {_position}: template must not produce a null value.";

        public override string NotAString => $"Invalid oci_mirror block at {_position}: template must produce a string value.";

        // HCL's own diagnostics keep their text; the subject moves to the attribute in the real file.
        public override Diagnostic Relocated(Diagnostic hclDiagnostic, SourceRange? subject) => subject is null
            ? hclDiagnostic
            : new(hclDiagnostic.Severity, hclDiagnostic.Summary, hclDiagnostic.Detail, subject, hclDiagnostic.Subject) { Code = DiagnosticCodes.InvalidCliConfig };
    }

    private sealed class CommandLineWording : OciRepositoryTemplateWording
    {
        private const string Example = "registry.example.com/providers/${hostname}/${namespace}/${type}";

        public override string Summary => "Invalid --repository-template";

        public override string UnknownSymbol(string name) =>
            $"the template refers to ${{{name}}}; only ${{hostname}}, ${{namespace}} and ${{type}} are available, e.g. '{Example}'.";

        public override string MissingSymbol(string symbol)
        {
            var (pinned, include) = symbol switch
            {
                "hostname" => ("hostname", "registry.opentofu.org/*/*"),
                "namespace" => ("namespace", "registry.opentofu.org/hashicorp/*"),
                _ => ("provider type", "registry.opentofu.org/hashicorp/random"),
            };
            return $"template must refer to ${{{symbol}}} unless --include pins one {pinned} (e.g. --include '{include}').";
        }

        public override string NotARepositoryAddress =>
            $"the template must give a registry hostname, a slash and a repository name, e.g. '{Example}'.";

        public override string NullResult => "the template must not produce a null value.";

        public override string NotAString => "the template must produce a string.";

        public override Diagnostic Relocated(Diagnostic hclDiagnostic, SourceRange? subject)
        {
            var column = hclDiagnostic.Subject is { } at ? $" at column {at.Start.Column}" : "";
            var detail = string.IsNullOrEmpty(hclDiagnostic.Detail) ? "" : " " + hclDiagnostic.Detail;
            return new Diagnostic(hclDiagnostic.Severity, Summary, $"{hclDiagnostic.Summary}{column}.{detail}", null) { Code = DiagnosticCodes.InvalidCliConfig };
        }
    }
}
