using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Diagnostics;
using TofuMirror.Generators.Model;
using TofuMirror.Model.Platforms;
using TofuMirror.Model.Restore;

namespace TofuMirror.Generators;

/// <summary>Reads the generator's inputs (additional files and their metadata, build properties) into models.</summary>
internal static class InputReader
{
    /// <summary>The additional-file metadata that names a file's module.</summary>
    public const string ModuleMetadata = "build_metadata.AdditionalFiles.TofuModule";
    /// <summary>The additional-file metadata that marks the restore manifest (<c>true</c>).</summary>
    public const string ManifestMetadata = "build_metadata.AdditionalFiles.TofuRestoreManifest";
    /// <summary>The additional-file metadata carrying the module's OCI repository template.</summary>
    public const string TemplateMetadata = "build_metadata.AdditionalFiles.TofuRepositoryTemplate";
    /// <summary>The build property listing the platforms (<c>os_arch</c>, separated by <c>;</c> or <c>,</c>).</summary>
    public const string PlatformsProperty = "build_property.TofuPlatforms";
    /// <summary>The build property naming the namespace of the generated types.</summary>
    public const string NamespaceProperty = "build_property.TofuProvidersNamespace";
    /// <summary>The namespace used when <see cref="NamespaceProperty"/> is empty.</summary>
    public const string DefaultNamespace = "TofuMirror.Generated";

    public static ModuleFile? ReadFile(AdditionalText file, AnalyzerConfigOptionsProvider options, CancellationToken cancellationToken)
    {
        if (!options.GetOptions(file).TryGetValue(ModuleMetadata, out var module) || string.IsNullOrWhiteSpace(module)) return null;
        if (ModuleFile.KindOf(file.Path) is not { } kind) return null;
        var source = file.GetText(cancellationToken);
        var text = source?.ToString() ?? "";
        // The compiler decodes a file that is not UTF-8 another way (UTF-16 by its byte-order mark, else a legacy code
        // page); its bytes, recovered with that encoding, get OpenTofu's UTF-8-only reading.
        if (kind != ModuleFileKind.LockFile && source?.Encoding is { CodePage: not 65001 } encoding)
        {
            var bytes = encoding.GetPreamble().Concat(encoding.GetBytes(text)).ToArray();
            var decoded = global::TofuMirror.Model.Modules.SourceFileDecoder.Decode(file.Path, bytes);
            // The compiler's text stays for mapping positions; the error keeps it from being parsed.
            return new ModuleFile(module.Trim(), file.Path, kind, decoded.EncodingError is null ? decoded.Text : text) { EncodingError = decoded.EncodingError };
        }
        return new ModuleFile(module.Trim(), file.Path, kind, text);
    }

    /// <summary>The repository template a module file carries, or null (no module, no template).</summary>
    public static ModuleTemplate? ReadTemplate(AdditionalText file, AnalyzerConfigOptionsProvider options)
    {
        var metadata = options.GetOptions(file);
        if (!metadata.TryGetValue(ModuleMetadata, out var module) || string.IsNullOrWhiteSpace(module)) return null;
        if (!metadata.TryGetValue(TemplateMetadata, out var template) || string.IsNullOrWhiteSpace(template)) return null;
        return new ModuleTemplate(module.Trim(), template.Trim());
    }

    /// <summary>One template per module (its files normally agree; the first file's wins), in module order.</summary>
    public static EquatableArray<ModuleTemplate> MergeTemplates(ImmutableArray<ModuleTemplate?> templates, CancellationToken cancellationToken) =>
        templates
            .Where(t => t is not null)
            .Select(t => t!)
            .GroupBy(t => t.Module, System.StringComparer.Ordinal)
            .Select(g => g.First())
            .OrderBy(t => t.Module, System.StringComparer.Ordinal)
            .ToEquatableArray();

    /// <summary>The template of <paramref name="module"/>, or null.</summary>
    public static string? TemplateOf(EquatableArray<ModuleTemplate> templates, string module) =>
        templates.FirstOrDefault(t => string.Equals(t.Module, module, System.StringComparison.Ordinal))?.Template;

    /// <summary>The restore manifest: named so (<see cref="RestoreManifestFormat.FileName"/>), or marked by <see cref="ManifestMetadata"/>.</summary>
    public static bool IsRestoreManifest(AdditionalText file, AnalyzerConfigOptionsProvider options) =>
        string.Equals(System.IO.Path.GetFileName(file.Path), RestoreManifestFormat.FileName, System.StringComparison.OrdinalIgnoreCase)
        || (options.GetOptions(file).TryGetValue(ManifestMetadata, out var flag)
            && string.Equals(flag?.Trim(), "true", System.StringComparison.OrdinalIgnoreCase));

    public static RestoreManifest ReadManifest(AdditionalText file, CancellationToken cancellationToken) =>
        Parsing.RestoreManifestParser.Parse(file.GetText(cancellationToken)?.ToString() ?? "", file.Path);

    public static ImmutableArray<ModuleInput> GroupModules(ImmutableArray<ModuleFile> files, CancellationToken cancellationToken)
    {
        var groups = files
            .GroupBy(f => f.Module, System.StringComparer.Ordinal)
            .OrderBy(g => g.Key, System.StringComparer.Ordinal)
            .ToList();
        var classNames = Parsing.IdentifierNames.ForModules(groups.Select(g => g.Key).ToList());
        return groups
            .Select((g, i) => new ModuleInput(g.Key, classNames[i], g.OrderBy(f => f.Path, System.StringComparer.Ordinal).ToEquatableArray()))
            .ToImmutableArray();
    }

    public const string RequireSignedProperty = "build_property.TofuRequireSignedProviders";

    /// <summary>True when the project sets <c>TofuRequireSignedProviders</c> to true.</summary>
    public static bool ReadRequireSigned(AnalyzerConfigOptionsProvider options) =>
        options.GlobalOptions.TryGetValue(RequireSignedProperty, out var text) && string.Equals(text?.Trim(), "true", System.StringComparison.OrdinalIgnoreCase);

    public static GeneratorOptions ReadOptions(AnalyzerConfigOptionsProvider options, ParseOptions parseOptions)
    {
        var global = options.GlobalOptions;
        global.TryGetValue(PlatformsProperty, out var platformsText);
        global.TryGetValue(NamespaceProperty, out var namespaceText);
        // An invalid entry is left out here: the restore task reports it (TOFU0105).
        var platforms = PlatformList.Parse(platformsText, "TofuPlatforms").Platforms
            .Select(p => p.ToString())
            .ToEquatableArray();
        var ns = string.IsNullOrWhiteSpace(namespaceText) ? DefaultNamespace : namespaceText!.Trim();
        var nullable = parseOptions is CSharpParseOptions csharp && csharp.LanguageVersion >= LanguageVersion.CSharp8;
        return new GeneratorOptions(ns, platforms, nullable);
    }

    internal static IEnumerable<ModuleFile> NonNull(ModuleFile? file) => file is null ? Enumerable.Empty<ModuleFile>() : new[] { file };
}
