using System.Collections.Concurrent;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using TofuMirror.Engine.Providers;
using TofuMirror.Hcl.Evaluation;
using TofuMirror.Hcl.Syntax;
using TofuMirror.Oci;
using TofuMirror.Oci.Layout;
using TofuMirror.Model.Addresses;
using TofuMirror.Model.Diagnostics;
using TofuMirror.Diagnostics;

namespace TofuMirror.Engine.Stores;

/// <summary>
/// A mirror kept in OCI image-layout folders, one per provider: <c>oci-layout:PATH</c> where PATH is a template
/// over <c>${hostname}</c>, <c>${namespace}</c> and <c>${type}</c> (relative paths against a base folder).
/// TofuMirror's own extension: OpenTofu reads only registries.
/// </summary>
public sealed class LayoutStoreResolver : IProviderStoreResolver
{
    public const string Prefix = "oci-layout:";

    private readonly Expression _template;
    private readonly string _baseDirectory;
    private readonly ConcurrentDictionary<string, IOciRepositoryStore> _stores = new();

    private LayoutStoreResolver(Expression template, string baseDirectory)
    {
        _template = template;
        _baseDirectory = baseDirectory;
    }

    public static bool IsLayoutTemplate(string template) => template.StartsWith(Prefix, System.StringComparison.Ordinal);

    /// <summary>Parses <c>oci-layout:PATH-TEMPLATE</c>; problems come back as diagnostics.</summary>
    public static LayoutStoreResolver? Create(string template, string baseDirectory, List<Diagnostic> diagnostics)
    {
        var pathTemplate = template.Substring(Prefix.Length);
        var parsed = HclParser.ParseTemplate(pathTemplate, "--repository-template", SourcePosition.Start);
        diagnostics.AddRange(parsed.Diagnostics.Select(d => d with { Code = DiagnosticCodes.InvalidCliConfig }));
        if (parsed.HasErrors) return null;
        if (string.IsNullOrWhiteSpace(pathTemplate))
        {
            diagnostics.Add(Diagnostic.Error("Invalid repository template",
                "oci-layout: needs a folder path, like oci-layout:./mirror/${hostname}/${namespace}/${type}.", null) with { Code = DiagnosticCodes.InvalidCliConfig });
            return null;
        }
        return new LayoutStoreResolver(parsed.Value, baseDirectory);
    }

    public IReadOnlyList<IOciRepositoryStore> Resolve(ProviderAddress provider)
    {
        var path = FolderOf(provider);
        return [_stores.GetOrAdd(path, p => new OciLayoutStore(p))];
    }

    /// <summary>The layout folder for a provider.</summary>
    public string FolderOf(ProviderAddress provider)
    {
        var variables = new Dictionary<string, HclValue>
        {
            ["hostname"] = HclValue.String(provider.Hostname),
            ["namespace"] = HclValue.String(provider.Namespace),
            ["type"] = HclValue.String(provider.Type),
        };
        var result = HclEvaluator.Evaluate(_template, new EvalContext(variables));
        if (result.Diagnostics.Count > 0 || result.Value.Kind != HclValueKind.String)
            throw new ProviderFailure(DiagnosticCodes.InvalidCliConfig,
                $"selecting OCI layout folder: {string.Join("; ", result.Diagnostics.Select(d => d.Summary + ": " + d.Detail))}");
        return Path.GetFullPath(Path.Combine(_baseDirectory, result.Value.AsString()));
    }
}
