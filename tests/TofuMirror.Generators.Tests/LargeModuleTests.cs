using System.Diagnostics;
using System.Globalization;
using System.Linq;
using System.Text;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.VisualStudio.TestTools.UnitTesting;

namespace TofuMirror.Generators.Tests;

/// <summary>
/// A module with 50 providers and a repository template: everything generated and consistent. Timings go to the test
/// output, not asserts.
/// </summary>
[TestClass]
public sealed class LargeModuleTests
{
    public TestContext TestContext { get; set; } = null!;

    private const string Template = "mirror.example.com/${hostname}/${namespace}/${type}";
    private const int Repeats = 7;

    private static TestFile[] FiftyProviders(string? template = Template)
    {
        var lockFile = new StringBuilder();
        var tf = new StringBuilder("terraform {\n  required_providers {\n");
        for (var i = 0; i < 50; i++)
        {
            var name = "p" + i.ToString("00", CultureInfo.InvariantCulture);
            lockFile.Append($"provider \"registry.opentofu.org/acme/{name}\" {{\n  version     = \"1.{i}.0\"\n  constraints = \">= 1.0.0\"\n")
                .Append($"  hashes = [\n    \"h1:{new string((char)('A' + i % 26), 43)}=\",\n  ]\n}}\n\n");
            tf.Append($"    {name} = {{\n      source  = \"acme/{name}\"\n      version = \">= 1.0.0\"\n    }}\n");
        }
        tf.Append("  }\n}\n");
        return new[]
        {
            new TestFile("/repo/big/.terraform.lock.hcl", lockFile.ToString(), "big", template),
            new TestFile("/repo/big/main.tf", tf.ToString(), "big", template),
        };
    }

    [TestMethod]
    public void FiftyProviders_AllGenerated_NoDiagnostics()
    {
        var files = FiftyProviders();
        var compilation = GeneratorHarness.Compilation(LanguageVersion.Latest, GeneratorHarness.UserCode);
        var driver = GeneratorHarness.Driver(files);

        var watch = Stopwatch.StartNew();
        driver = driver.RunGeneratorsAndUpdateCompilation(compilation, out var output, out var diagnostics);
        var first = watch.Elapsed.TotalMilliseconds;
        var warm = Median(() => GeneratorHarness.Driver(files).RunGenerators(compilation));
        var warmWithoutTemplate = Median(() => GeneratorHarness.Driver(FiftyProviders(template: null)).RunGenerators(compilation));
        var cached = Median(() => driver.RunGenerators(compilation.AddSyntaxTrees(
            CSharpSyntaxTree.ParseText("class Edited { }", GeneratorHarness.ParseOptions(LanguageVersion.Latest)))));
        TestContext.WriteLine(string.Format(CultureInfo.InvariantCulture,
            "50 providers: first (cold) run {0:F1} ms; medians of {1}: fresh driver (warm) {2:F1} ms, without a template {3:F1} ms, run after a C# edit {4:F1} ms",
            first, Repeats, warm, warmWithoutTemplate, cached));

        Assert.AreEqual(0, diagnostics.Length, string.Join("\n", diagnostics));
        Assert.AreEqual(0, output.GetDiagnostics().Count(d => d.Severity >= DiagnosticSeverity.Warning));
        var generated = GeneratorHarness.Generated(driver, "TofuProviders.Big.g.cs");
        for (var i = 0; i < 50; i++)
        {
            var name = i.ToString("00", CultureInfo.InvariantCulture);
            StringAssert.Contains(generated, "public static TofuProviderDescriptor AcmeP" + name + " { get; }");
            StringAssert.Contains(generated, "\"mirror.example.com/registry.opentofu.org/acme/p" + name + "\"");
        }
    }

    private static double Median(System.Action run)
    {
        var times = new double[Repeats];
        for (var i = 0; i < Repeats; i++)
        {
            var watch = Stopwatch.StartNew();
            run();
            times[i] = watch.Elapsed.TotalMilliseconds;
        }
        System.Array.Sort(times);
        return times[Repeats / 2];
    }
}
