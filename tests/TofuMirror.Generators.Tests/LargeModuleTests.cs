using System.Diagnostics;
using System.Globalization;
using System.Linq;
using System.Text;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.VisualStudio.TestTools.UnitTesting;

namespace TofuMirror.Generators.Tests;

/// <summary>A module with 50 providers: everything generated and consistent. Timings go to the test output, not asserts.</summary>
[TestClass]
public sealed class LargeModuleTests
{
    public TestContext TestContext { get; set; } = null!;

    private static TestFile[] FiftyProviders()
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
        return new[] { new TestFile("/repo/big/.terraform.lock.hcl", lockFile.ToString(), "big"), new TestFile("/repo/big/main.tf", tf.ToString(), "big") };
    }

    [TestMethod]
    public void FiftyProviders_AllGenerated_NoDiagnostics()
    {
        var files = FiftyProviders();
        var compilation = GeneratorHarness.Compilation(LanguageVersion.Latest, GeneratorHarness.UserCode);
        var driver = GeneratorHarness.Driver(files);

        var watch = Stopwatch.StartNew();
        driver = driver.RunGeneratorsAndUpdateCompilation(compilation, out var output, out var diagnostics);
        var first = watch.Elapsed;
        watch.Restart();
        GeneratorHarness.Driver(files).RunGenerators(compilation);
        var warm = watch.Elapsed;
        watch.Restart();
        driver = driver.RunGenerators(compilation.AddSyntaxTrees(CSharpSyntaxTree.ParseText("class Edited { }", GeneratorHarness.ParseOptions(LanguageVersion.Latest))));
        var cached = watch.Elapsed;
        TestContext.WriteLine($"50 providers: first (cold) run {first.TotalMilliseconds:F1} ms, fresh driver (warm) {warm.TotalMilliseconds:F1} ms, run after a C# edit {cached.TotalMilliseconds:F1} ms");

        Assert.AreEqual(0, diagnostics.Length, string.Join("\n", diagnostics));
        Assert.AreEqual(0, output.GetDiagnostics().Count(d => d.Severity >= DiagnosticSeverity.Warning));
        var generated = GeneratorHarness.Generated(driver, "TofuProviders.Big.g.cs");
        for (var i = 0; i < 50; i++)
            StringAssert.Contains(generated, "public static TofuProviderDescriptor AcmeP" + i.ToString("00", CultureInfo.InvariantCulture) + " { get; }");
    }
}
