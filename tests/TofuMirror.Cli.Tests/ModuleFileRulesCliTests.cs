using System.IO;
using System.Linq;
using System.Threading.Tasks;
using Microsoft.VisualStudio.TestTools.UnitTesting;
using TofuMirror.Testing;

namespace TofuMirror.Cli.Tests;

/// <summary><c>check</c> reads a module's files as OpenTofu does: override files merged last, <c>.tofu</c> files included.</summary>
[TestClass]
public sealed class ModuleFileRulesCliTests
{
    private const string OverriddenLock =
        "provider \"registry.opentofu.org/acme/foo\" {\n" +
        "  version = \"1.0.0\"\n" +
        "}\n" +
        "\n" +
        "provider \"registry.opentofu.org/blorp/bar\" {\n" +
        "  version     = \"2.0.3\"\n" +
        "  constraints = \"~> 2.0.0\"\n" +
        "}\n";

    private static string CopyOverridesFixture(TempFolder temp)
    {
        var module = Directory.CreateDirectory(temp.Combine("module")).FullName;
        var source = Path.Combine(RepoPaths.Conformance, "configs", "valid-modules", "required-providers-overrides");
        foreach (var file in Directory.EnumerateFiles(source))
            File.Copy(file, Path.Combine(module, Path.GetFileName(file)));
        return module;
    }

    [TestMethod]
    public async Task Check_OpenTofusRequiredProvidersOverrides_NoDuplicate_OverriddenProviderChecked()
    {
        using var temp = new TempFolder();
        var module = CopyOverridesFixture(temp);
        File.WriteAllText(Path.Combine(module, ".terraform.lock.hcl"), OverriddenLock);

        var run = await CliRun.RunAsync(temp.Path, "check", "--chdir", module, "--json");

        Assert.AreEqual(0, run.ExitCode, run.ToString());
        Assert.IsFalse(run.Out.Contains("Duplicate"), run.Out);
        var providers = run.Json.GetProperty("providers").EnumerateArray()
            .Select(p => p.GetProperty("address").GetString() + " " + (p.TryGetProperty("constraints", out var c) ? c.GetString() : "none"))
            .ToArray();
        CollectionAssert.AreEqual(new[] { "registry.opentofu.org/acme/foo none", "registry.opentofu.org/blorp/bar ~> 2.0.0" }, providers);
    }

    [TestMethod]
    public async Task Check_OverriddenProviderVersion_IsWhatTheLockMustSatisfy()
    {
        using var temp = new TempFolder();
        var module = CopyOverridesFixture(temp);
        File.WriteAllText(Path.Combine(module, ".terraform.lock.hcl"), OverriddenLock.Replace("2.0.3", "2.1.0"));

        var run = await CliRun.RunAsync(temp.Path, "check", "--chdir", module);

        Assert.AreEqual(1, run.ExitCode, run.ToString());
        var line = run.Error.Split('\n').Single(l => l.Contains("TOFU0005"));
        StringAssert.Contains(line, "bar_provider_override.tf:5:17: error TOFU0005: ");
    }

    [TestMethod]
    public async Task Check_OverrideOfAMissingResource_IsReportedWhereItIs()
    {
        using var temp = new TempFolder();
        var module = CopyOverridesFixture(temp);
        File.WriteAllText(Path.Combine(module, ".terraform.lock.hcl"), OverriddenLock);
        File.WriteAllText(Path.Combine(module, "override.tofu"), "resource \"bar_thing\" \"typo\" {\n  provider = bar\n}\n");

        var run = await CliRun.RunAsync(temp.Path, "check", "--chdir", module);

        Assert.AreEqual(1, run.ExitCode, run.ToString());
        StringAssert.Contains(run.Error, "override.tofu:1:10: error TOFU0010: Missing resource to override: There is no bar_thing resource named \"typo\".");
    }

    [TestMethod]
    public async Task Check_RequiredProvidersOnlyInVersionsTofu_AreChecked()
    {
        using var temp = new TempFolder();
        temp.WriteFile("versions.tofu",
            "terraform {\n  required_providers {\n    demo = {\n      source  = \"example/demo\"\n      version = \"~> 2.0\"\n    }\n  }\n}\n");
        temp.WriteFile(".terraform.lock.hcl", "provider \"registry.opentofu.org/example/demo\" {\n  version = \"1.0.0\"\n}\n");

        var run = await CliRun.RunAsync(temp.Path, "check");

        Assert.AreEqual(1, run.ExitCode, run.ToString());
        StringAssert.StartsWith(run.Error.Split('\n').Single(l => l.Contains("TOFU0005")), "versions.tofu:5:17: error TOFU0005: ");
    }
}
