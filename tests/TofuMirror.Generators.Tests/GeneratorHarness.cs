using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.IO;
using System.Linq;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Text;
using TofuMirror.Generators;

namespace TofuMirror.Generators.Tests;

/// <summary>
/// An additional file given to the generator, with its <c>TofuModule</c> metadata (null: none) and its
/// <c>TofuRepositoryTemplate</c> metadata (null: none).
/// </summary>
internal sealed record TestFile(string Path, string Text, string? Module = "infra", string? Template = null, System.Text.Encoding? Encoding = null);

/// <summary>Drives <see cref="TofuProvidersGenerator"/> with <see cref="CSharpGeneratorDriver"/> over in-memory inputs.</summary>
internal static class GeneratorHarness
{
    private static readonly Lazy<ImmutableArray<MetadataReference>> References = new(() =>
        ((string)AppContext.GetData("TRUSTED_PLATFORM_ASSEMBLIES")!)
            .Split(Path.PathSeparator)
            .Where(p => Path.GetFileName(p).StartsWith("System.", StringComparison.Ordinal)
                || Path.GetFileName(p) is "netstandard.dll" or "mscorlib.dll")
            .Select(p => (MetadataReference)MetadataReference.CreateFromFile(p))
            .ToImmutableArray());

    /// <summary>Documentation comments are checked, so malformed XML docs in generated code show up as warnings.</summary>
    public static CSharpParseOptions ParseOptions(LanguageVersion version) =>
        new(version, DocumentationMode.Diagnose);

    public const string UserCode = "namespace App { internal static class Program { internal static int Main() { return 0; } } }";

    public static CSharpCompilation Compilation(LanguageVersion version, params string[] sources) =>
        CSharpCompilation.Create("App",
            sources.Select((s, i) => CSharpSyntaxTree.ParseText(s, ParseOptions(version), path: $"/app/Code{i}.cs")),
            References.Value,
            new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary, nullableContextOptions: version >= LanguageVersion.CSharp8
                ? NullableContextOptions.Enable : NullableContextOptions.Disable));

    public static GeneratorDriver Driver(IEnumerable<TestFile> files, string? platforms = "linux_amd64;darwin_arm64",
        LanguageVersion version = LanguageVersion.Latest, string? namespaceName = null)
        => DriverWithTexts(files, platforms, version, namespaceName).Driver;

    /// <summary>The driver and the additional texts it was given (to replace one of them later).</summary>
    public static (GeneratorDriver Driver, ImmutableArray<AdditionalText> Texts) DriverWithTexts(IEnumerable<TestFile> files,
        string? platforms = "linux_amd64;darwin_arm64", LanguageVersion version = LanguageVersion.Latest, string? namespaceName = null)
    {
        var list = files.ToList();
        var texts = list.Select(f => (AdditionalText)new InMemoryText(f.Path, f.Text, f.Encoding)).ToImmutableArray();
        var options = new TestOptionsProvider(list, platforms, namespaceName);
        return (CSharpGeneratorDriver.Create(
            new[] { new TofuProvidersGenerator().AsSourceGenerator() },
            texts,
            ParseOptions(version),
            options,
            new GeneratorDriverOptions(IncrementalGeneratorOutputKind.None, trackIncrementalGeneratorSteps: true)), texts);
    }

    /// <summary>The same driver with other build properties or file metadata (as when the project file changes).</summary>
    public static GeneratorDriver WithOptions(GeneratorDriver driver, IEnumerable<TestFile> files, string? platforms) =>
        driver.WithUpdatedAnalyzerConfigOptions(new TestOptionsProvider(files, platforms, namespaceName: null));

    /// <summary>Runs the generator once and returns the driver (for later runs), the output compilation and its diagnostics.</summary>
    public static (GeneratorDriver Driver, Compilation Output, ImmutableArray<Diagnostic> Diagnostics) Run(
        IEnumerable<TestFile> files, string? platforms = "linux_amd64;darwin_arm64", LanguageVersion version = LanguageVersion.Latest)
    {
        var driver = Driver(files, platforms, version);
        driver = driver.RunGeneratorsAndUpdateCompilation(Compilation(version, UserCode), out var output, out var diagnostics);
        return (driver, output, diagnostics);
    }

    /// <summary>Runs the generator once with extra build properties (e.g. <c>build_property.TofuRequireSignedProviders</c>); returns its output and diagnostics.</summary>
    public static (Compilation Output, ImmutableArray<Diagnostic> Diagnostics) RunWithProperties(
        IEnumerable<TestFile> files, string? platforms, IReadOnlyDictionary<string, string> properties)
    {
        var list = files.ToList();
        var driver = CSharpGeneratorDriver.Create(
            new[] { new TofuProvidersGenerator().AsSourceGenerator() },
            list.Select(f => (AdditionalText)new InMemoryText(f.Path, f.Text, f.Encoding)).ToImmutableArray(),
            ParseOptions(LanguageVersion.Latest),
            new TestOptionsProvider(list, platforms, namespaceName: null, properties));
        driver.RunGeneratorsAndUpdateCompilation(Compilation(LanguageVersion.Latest, UserCode), out var output, out var diagnostics);
        return (output, diagnostics);
    }

    /// <summary>
    /// Generates, compiles <paramref name="probe"/> (which must define <c>App.Probe.Describe()</c>) with the output,
    /// runs it and returns its result, with the generator's diagnostics.
    /// </summary>
    public static (string Result, ImmutableArray<Diagnostic> Diagnostics) RunProbe(IEnumerable<TestFile> files, string probe)
    {
        Driver(files).RunGeneratorsAndUpdateCompilation(Compilation(LanguageVersion.Latest, probe), out var output, out var diagnostics);
        using var stream = new MemoryStream();
        var emitted = output.Emit(stream);
        if (!emitted.Success) throw new InvalidOperationException(string.Join("\n", emitted.Diagnostics));
        stream.Position = 0;
        var context = new System.Runtime.Loader.AssemblyLoadContext("probe", isCollectible: true);
        try
        {
            var method = context.LoadFromStream(stream).GetType("App.Probe")!.GetMethod("Describe")!;
            return ((string)method.Invoke(null, null)!, diagnostics);
        }
        finally
        {
            context.Unload();
        }
    }

    public static string Generated(GeneratorDriver driver, string hintName) =>
        driver.GetRunResult().Results.Single().GeneratedSources.Single(s => s.HintName == hintName).SourceText.ToString();

    /// <summary>A file as the compiler hands it over; <paramref name="encoding"/> is what the compiler decoded it with.</summary>
    internal sealed class InMemoryText(string path, string text, System.Text.Encoding? encoding = null) : AdditionalText
    {
        private readonly SourceText _text = SourceText.From(text, encoding);
        public override string Path { get; } = path;
        public override SourceText GetText(CancellationToken cancellationToken = default) => _text;
    }

    private sealed class TestOptionsProvider : AnalyzerConfigOptionsProvider
    {
        private readonly Dictionary<string, DictionaryOptions> _byPath;

        public TestOptionsProvider(IEnumerable<TestFile> files, string? platforms, string? namespaceName, IReadOnlyDictionary<string, string>? properties = null)
        {
            _byPath = files.ToDictionary(f => f.Path, f =>
            {
                var metadata = new Dictionary<string, string>();
                if (f.Module is not null) metadata[InputReader.ModuleMetadata] = f.Module;
                if (f.Template is not null) metadata[InputReader.TemplateMetadata] = f.Template;
                return new DictionaryOptions(metadata);
            });
            var global = new Dictionary<string, string>();
            if (platforms is not null) global[InputReader.PlatformsProperty] = platforms;
            if (namespaceName is not null) global[InputReader.NamespaceProperty] = namespaceName;
            foreach (var property in properties ?? new Dictionary<string, string>()) global[property.Key] = property.Value;
            GlobalOptions = new DictionaryOptions(global);
        }

        public override AnalyzerConfigOptions GlobalOptions { get; }
        public override AnalyzerConfigOptions GetOptions(SyntaxTree tree) => DictionaryOptions.Empty;
        public override AnalyzerConfigOptions GetOptions(AdditionalText textFile) =>
            _byPath.TryGetValue(textFile.Path, out var options) ? options : DictionaryOptions.Empty;
    }

    private sealed class DictionaryOptions(Dictionary<string, string> values) : AnalyzerConfigOptions
    {
        public static DictionaryOptions Empty { get; } = new(new Dictionary<string, string>());
        public override bool TryGetValue(string key, out string value) => values.TryGetValue(key, out value!);
    }
}
