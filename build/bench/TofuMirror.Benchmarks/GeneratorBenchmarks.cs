extern alias generators;

using System.Collections.Generic;
using System.Collections.Immutable;
using System.Globalization;
using System.Linq;
using System.Text;
using System.Threading;
using BenchmarkDotNet.Attributes;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Text;
using InputReader = generators::TofuMirror.Generators.InputReader;
using TofuProvidersGenerator = generators::TofuMirror.Generators.TofuProvidersGenerator;

namespace TofuMirror.Benchmarks;

/// <summary>
/// The source generator on a module of 50 locked providers (lock file + main.tf + repository template): a full run
/// in a fresh driver (parse, check, emit), the run after an unrelated C# edit (everything cached), and the run after
/// a lock-file edit (that module re-parsed and re-emitted).
/// </summary>
[MemoryDiagnoser]
[SimpleJob(warmupCount: 3, iterationCount: 15)]
public class GeneratorBenchmarks
{
    private const int Providers = 50;
    private CSharpCompilation _compilation = null!;
    private CSharpCompilation _editedCompilation = null!;
    private ImmutableArray<AdditionalText> _texts;
    private ImmutableArray<AdditionalText> _textsWithEditedLock;
    private OptionsProvider _options = null!;
    private GeneratorDriver _warmDriver = null!;

    [GlobalSetup]
    public void Setup()
    {
        var parse = new CSharpParseOptions(LanguageVersion.Latest);
        _compilation = CSharpCompilation.Create("Bench",
            [CSharpSyntaxTree.ParseText("namespace App { internal static class Program { internal static int Main() { return 0; } } }", parse)],
            [MetadataReference.CreateFromFile(typeof(object).Assembly.Location)],
            new CSharpCompilationOptions(OutputKind.ConsoleApplication, nullableContextOptions: NullableContextOptions.Enable));
        _editedCompilation = _compilation.AddSyntaxTrees(CSharpSyntaxTree.ParseText("class Edited { }", parse));
        var (lockFile, mainTf) = Module(versionOffset: 0);
        _texts = [new Text("/repo/big/.terraform.lock.hcl", lockFile), new Text("/repo/big/main.tf", mainTf)];
        _textsWithEditedLock = [new Text("/repo/big/.terraform.lock.hcl", Module(versionOffset: 0).LockFile + "\n# edited\n"), _texts[1]];
        _options = new OptionsProvider(_texts.Select(t => t.Path));
        _warmDriver = NewDriver(_texts).RunGenerators(_compilation);
    }

    private GeneratorDriver NewDriver(ImmutableArray<AdditionalText> texts) =>
        CSharpGeneratorDriver.Create([new TofuProvidersGenerator().AsSourceGenerator()], texts,
            (CSharpParseOptions)_compilation.SyntaxTrees[0].Options, _options,
            new GeneratorDriverOptions(IncrementalGeneratorOutputKind.None, trackIncrementalGeneratorSteps: false));

    [Benchmark(Description = "50 providers: fresh driver (parse, check, emit)")]
    public int FullRun() => NewDriver(_texts).RunGenerators(_compilation).GetRunResult().GeneratedTrees.Length;

    [Benchmark(Description = "50 providers: run after a C# edit (cached)")]
    public int AfterCSharpEdit() => _warmDriver.RunGenerators(_editedCompilation).GetRunResult().GeneratedTrees.Length;

    [Benchmark(Description = "50 providers: run after a lock-file edit")]
    public int AfterLockEdit() => _warmDriver.ReplaceAdditionalTexts(_textsWithEditedLock).RunGenerators(_compilation).GetRunResult().GeneratedTrees.Length;

    private static (string LockFile, string MainTf) Module(int versionOffset)
    {
        var lockFile = new StringBuilder();
        var tf = new StringBuilder("terraform {\n  required_providers {\n");
        for (var i = 0; i < Providers; i++)
        {
            var name = "p" + i.ToString("00", CultureInfo.InvariantCulture);
            lockFile.Append(CultureInfo.InvariantCulture, $"provider \"registry.opentofu.org/acme/{name}\" {{\n  version     = \"1.{i + versionOffset}.0\"\n  constraints = \">= 1.0.0\"\n  hashes = [\n");
            for (var h = 0; h < 10; h++)
                lockFile.Append(CultureInfo.InvariantCulture, $"    \"zh:{i:x2}{h:x2}{new string('a', 60)}\",\n");
            lockFile.Append("  ]\n}\n\n");
            tf.Append(CultureInfo.InvariantCulture, $"    {name} = {{\n      source  = \"acme/{name}\"\n      version = \">= 1.0.0\"\n    }}\n");
        }
        tf.Append("  }\n}\n");
        return (lockFile.ToString(), tf.ToString());
    }

    private sealed class Text(string path, string content) : AdditionalText
    {
        private readonly SourceText _text = SourceText.From(content);
        public override string Path { get; } = path;
        public override SourceText GetText(CancellationToken cancellationToken = default) => _text;
    }

    /// <summary>What the package's targets pass: the module name and template per file, TofuPlatforms globally.</summary>
    private sealed class OptionsProvider(IEnumerable<string> modulePaths) : AnalyzerConfigOptionsProvider
    {
        private readonly HashSet<string> _modulePaths = [.. modulePaths];
        private readonly Options _module = new(new Dictionary<string, string>
        {
            [InputReader.ModuleMetadata] = "big",
            [InputReader.TemplateMetadata] = "mirror.example.com/${hostname}/${namespace}/${type}",
        });

        public override AnalyzerConfigOptions GlobalOptions { get; } =
            new Options(new Dictionary<string, string> { [InputReader.PlatformsProperty] = "linux_amd64;darwin_arm64" });

        public override AnalyzerConfigOptions GetOptions(SyntaxTree tree) => Options.Empty;

        public override AnalyzerConfigOptions GetOptions(AdditionalText textFile) =>
            _modulePaths.Contains(textFile.Path) ? _module : Options.Empty;
    }

    private sealed class Options(Dictionary<string, string> values) : AnalyzerConfigOptions
    {
        public static Options Empty { get; } = new([]);
        public override bool TryGetValue(string key, out string value) => values.TryGetValue(key, out value!);
    }
}
