using Microsoft.CodeAnalysis;
using TofuMirror.Generators.Checking;
using TofuMirror.Generators.Emitting;
using TofuMirror.Generators.Model;
using TofuMirror.Generators.Parsing;

namespace TofuMirror.Generators;

/// <summary>
/// Generates <c>TofuProviders.&lt;Module&gt;</c> classes from the lock files and <c>.tf</c> files passed as
/// additional files, and reports lock/configuration problems at their place in those files.
/// </summary>
[Generator(LanguageNames.CSharp)]
public sealed class TofuProvidersGenerator : IIncrementalGenerator
{
    public void Initialize(IncrementalGeneratorInitializationContext context)
    {
        var files = context.AdditionalTextsProvider
            .Combine(context.AnalyzerConfigOptionsProvider)
            .SelectMany((pair, ct) => InputReader.NonNull(InputReader.ReadFile(pair.Left, pair.Right, ct)))
            .WithTrackingName(TrackingNames.Files);

        var modules = files.Collect()
            .SelectMany(InputReader.GroupModules)
            .WithTrackingName(TrackingNames.Modules);

        var analyses = modules
            .Select(ModuleParser.Parse)
            .WithTrackingName(TrackingNames.Analysis);

        var options = context.AnalyzerConfigOptionsProvider
            .Combine(context.ParseOptionsProvider)
            .Select((pair, _) => InputReader.ReadOptions(pair.Left, pair.Right))
            .WithTrackingName(TrackingNames.Options);

        var manifest = context.AdditionalTextsProvider
            .Combine(context.AnalyzerConfigOptionsProvider)
            .Where(pair => InputReader.IsRestoreManifest(pair.Left, pair.Right))
            .Select((pair, ct) => InputReader.ReadManifest(pair.Left, ct))
            .Collect()
            .Select((list, _) => RestoreManifestParser.Merge(list))
            .WithTrackingName(TrackingNames.Manifest);

        // Read apart from the module files, so a template change regenerates code without re-parsing any HCL.
        var templates = context.AdditionalTextsProvider
            .Combine(context.AnalyzerConfigOptionsProvider)
            .Select((pair, _) => InputReader.ReadTemplate(pair.Left, pair.Right))
            .Collect()
            .Select(InputReader.MergeTemplates)
            .WithTrackingName(TrackingNames.Templates);

        var specs = analyses
            .Select((analysis, _) => analysis.Spec)
            .WithTrackingName(TrackingNames.Specs);

        var diagnostics = analyses
            .Select((analysis, _) => analysis.Diagnostics)
            .WithTrackingName(TrackingNames.Diagnostics);

        // TOFU1007 needs the manifest, the platforms and the lock hashes only: manifest edits re-run this, never the HCL parsing.
        var lockedHashes = analyses
            .Select((analysis, _) => analysis.Locks)
            .WithTrackingName(TrackingNames.LockedHashes);

        var platforms = options
            .Select((o, _) => o.Platforms)
            .WithTrackingName(TrackingNames.Platforms);

        var hashDiagnostics = lockedHashes
            .Combine(platforms)
            .Combine(manifest)
            .Select((inputs, _) => PlatformHashChecker.Check(inputs.Left.Left, inputs.Left.Right, inputs.Right))
            .WithTrackingName(TrackingNames.HashDiagnostics);

        var requireSigned = context.AnalyzerConfigOptionsProvider
            .Select((o, _) => InputReader.ReadRequireSigned(o))
            .WithTrackingName(TrackingNames.RequireSigned);

        var signatureDiagnostics = lockedHashes
            .Combine(requireSigned)
            .Combine(manifest)
            .Select((inputs, _) => SignedPackageChecker.Check(inputs.Left.Left, inputs.Left.Right, inputs.Right))
            .WithTrackingName(TrackingNames.SignatureDiagnostics);

        context.RegisterSourceOutput(options, static (spc, o) =>
            spc.AddSource(DescriptorTypeEmitter.HintName, DescriptorTypeEmitter.Emit(o)));

        context.RegisterSourceOutput(specs.Combine(options).Combine(manifest).Combine(templates), static (spc, inputs) =>
        {
            var (((spec, generatorOptions), restored), moduleTemplates) = inputs;
            var template = InputReader.TemplateOf(moduleTemplates, spec.ModuleName);
            spc.AddSource(ModuleEmitter.HintName(spec), ModuleEmitter.Emit(spec, generatorOptions, restored, template));
        });

        context.RegisterSourceOutput(diagnostics, static (spc, list) => Report(spc, list));
        context.RegisterSourceOutput(hashDiagnostics, static (spc, list) => Report(spc, list));
        context.RegisterSourceOutput(signatureDiagnostics, static (spc, list) => Report(spc, list));
    }

    private static void Report(SourceProductionContext context, EquatableArray<DiagnosticInfo> diagnostics)
    {
        foreach (var info in diagnostics) context.ReportDiagnostic(GeneratorDiagnostics.ToDiagnostic(info));
    }
}
