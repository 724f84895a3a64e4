using System.Collections.Generic;
using System.Linq;
using TofuMirror.Hcl.Evaluation;
using TofuMirror.Hcl.Syntax;
using TofuMirror.Model.Diagnostics;
using TofuMirror.Diagnostics;

namespace TofuMirror.Model.Modules;

/// <summary>
/// Finds the providers a module needs, as <c>tofu init</c> does: <c>terraform { required_providers { … } }</c>
/// entries (object form and the legacy version-string form), plus providers implied by <c>provider</c>,
/// <c>resource</c> and <c>data</c> blocks whose local name is not declared (assumed <c>hashicorp/NAME</c>).
/// The files are chosen and ordered by <see cref="ConfigurationFileNames"/>; override files are merged last.
/// </summary>
public static class RequiredProvidersReader
{
    /// <param name="files">One module folder's files; those OpenTofu would not load (other extensions, shadowed by a <c>.tofu</c> twin) are skipped.</param>
    public static ModuleRequirements Read(IEnumerable<SourceFile> files)
    {
        var byPath = new Dictionary<string, SourceFile>(System.StringComparer.Ordinal);
        foreach (var file in files)
            if (!byPath.ContainsKey(file.Path)) byPath.Add(file.Path, file);

        var collector = new RequirementCollector();
        foreach (var path in ConfigurationFileNames.Select(byPath.Keys))
        {
            var file = byPath[path];
            collector.InOverride = file.IsOverride;
            if (file.EncodingError is { } encoding) collector.Diagnostics.Add(encoding);
            else if (file.IsJson) JsonConfigReader.Read(file, collector);
            else ReadNative(file, collector);
        }
        return collector.Build();
    }

    private static void ReadNative(SourceFile file, RequirementCollector collector)
    {
        var parsed = HclParser.ParseFile(file.Text, file.Path);
        collector.Diagnostics.AddRange(parsed.Diagnostics.Select(d => d with { Code = DiagnosticCodes.SyntaxError }));

        foreach (var block in parsed.Value.Body.Blocks)
        {
            switch (block.Type)
            {
                case "terraform":
                    foreach (var required in block.Body.Blocks.Where(b => b.Type == "required_providers"))
                        foreach (var entry in required.Body.Attributes)
                            ReadEntry(entry, collector);
                    break;
                case "provider" when block.Labels.Count > 0:
                    collector.ConfigureProvider(block.Labels[0].Value, StaticAttribute(block, "alias"), block.Labels[0].Range);
                    break;
                case "resource" or "data" when block.Labels.Count > 0:
                    collector.DeclareResource(block.Type, block.Labels[0].Value, block.Labels.Count > 1 ? block.Labels[1].Value : "",
                        ExplicitProvider(block), block.Labels[0].Range);
                    break;
                case "module" when block.Labels.Count > 0:
                    var source = block.Body.Attributes.FirstOrDefault(a => a.Name == "source");
                    collector.CallModule(block.Labels[0].Value, source is null ? null : StaticString(source.Expression), source is not null, block.Labels[0].Range);
                    break;
            }
        }
    }

    /// <summary>The local name in a resource's <c>provider = NAME.alias</c> argument, or null without one.</summary>
    private static string? ExplicitProvider(Block block) =>
        block.Body.Attributes.FirstOrDefault(a => a.Name == "provider")?.Expression is ScopeTraversalExpression traversal
            ? traversal.Traversal.RootName
            : null;

    private static string? StaticAttribute(Block block, string name) =>
        block.Body.Attributes.FirstOrDefault(a => a.Name == name) is { } attribute ? StaticString(attribute.Expression) : null;

    private static void ReadEntry(HclAttribute entry, RequirementCollector collector)
    {
        switch (entry.Expression)
        {
            case ObjectConsExpression obj:
                string? source = null, version = null;
                SourceRange? sourceRange = null, versionRange = null;
                foreach (var item in obj.Items)
                {
                    switch (StaticKey(item.Key))
                    {
                        case "source": source = RequireString(item.Value, "source", collector); sourceRange = item.Value.Range; break;
                        case "version": version = RequireString(item.Value, "version", collector); versionRange = item.Value.Range; break;
                        case "configuration_aliases": break; // references to provider configurations, not values
                        case { } other:
                            collector.Error(DiagnosticCodes.InvalidRequiredProvider, "Invalid required_providers object",
                                $"required_providers objects can only contain \"version\", \"source\" and \"configuration_aliases\" attributes; \"{other}\" is not one of them.",
                                item.Key.Range);
                            break;
                    }
                }
                collector.Declare(entry.Name, source, sourceRange, version, versionRange, entry.NameRange);
                break;
            default:
                // Legacy form: NAME = "constraint" (source defaults to hashicorp/NAME).
                var legacy = RequireString(entry.Expression, "version", collector);
                if (legacy is not null) collector.Declare(entry.Name, null, null, legacy, entry.Expression.Range, entry.NameRange);
                break;
        }
    }

    private static string? StaticKey(Expression key) => key switch
    {
        ObjectConsKeyExpression { ForceNonLiteral: false, Wrapped: ScopeTraversalExpression t } when t.Traversal.Steps.Count == 0 => t.Traversal.RootName,
        ObjectConsKeyExpression k => StaticString(k.Wrapped),
        _ => StaticString(key),
    };

    private static string? StaticString(Expression expression)
    {
        var result = HclEvaluator.Evaluate(expression, null);
        return result.Diagnostics.Count == 0 && result.Value.Kind == HclValueKind.String ? result.Value.AsString() : null;
    }

    private static string? RequireString(Expression expression, string name, RequirementCollector collector)
    {
        var text = StaticString(expression);
        if (text is null)
            collector.Error(DiagnosticCodes.InvalidRequiredProvider, "Invalid required_providers entry",
                $"The \"{name}\" of a required provider must be a literal string.", expression.Range);
        return text;
    }

    internal static bool IsLocalPath(string source) =>
        source.StartsWith("./", System.StringComparison.Ordinal) || source.StartsWith("../", System.StringComparison.Ordinal)
        || source.StartsWith(".\\", System.StringComparison.Ordinal) || source.StartsWith("..\\", System.StringComparison.Ordinal);
}
