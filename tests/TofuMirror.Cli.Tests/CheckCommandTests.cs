using System.Linq;
using System.Threading.Tasks;
using Microsoft.VisualStudio.TestTools.UnitTesting;
using TofuMirror.Testing;

namespace TofuMirror.Cli.Tests;

[TestClass]
public sealed class CheckCommandTests
{
    private const string Config =
        "terraform {\n" +
        "  required_providers {\n" +
        "    demo = {\n" +
        "      source  = \"example/demo\"\n" +
        "      version = \"~> 2.0\"\n" +
        "    }\n" +
        "  }\n" +
        "}\n";

    private const string Lock =
        "provider \"registry.opentofu.org/example/demo\" {\n" +
        "  version = \"1.0.0\"\n" +
        "}\n";

    [TestMethod]
    public async Task LockedVersionNotAllowed_PrintsFileLineColumnAndCode_AndExits1()
    {
        using var temp = new TempFolder();
        temp.WriteFile("versions.tf", Config);
        temp.WriteFile(".terraform.lock.hcl", Lock);

        var run = await CliRun.RunAsync(temp.Path, "check");

        Assert.AreEqual(1, run.ExitCode, run.ToString());
        var line = run.Error.Split('\n').Single(l => l.Contains("TOFU0005"));
        StringAssert.StartsWith(line, "versions.tf:5:17: error TOFU0005: Locked provider version not allowed: ");
        StringAssert.Contains(line, "\"~> 2.0\"");
        StringAssert.Contains(run.Error, "check: 1 provider(s), 1 error(s)");
    }

    [TestMethod]
    public async Task Json_HasProvidersAndLocatedDiagnostics()
    {
        using var temp = new TempFolder();
        temp.WriteFile("versions.tf", Config);
        temp.WriteFile(".terraform.lock.hcl", Lock);

        var run = await CliRun.RunAsync(temp.Path, "check", "--json");

        Assert.AreEqual(1, run.ExitCode, run.ToString());
        var json = run.Json;
        Assert.IsFalse(json.GetProperty("success").GetBoolean());
        var provider = json.GetProperty("providers").EnumerateArray().Single();
        Assert.AreEqual("registry.opentofu.org/example/demo", provider.GetProperty("address").GetString());
        Assert.AreEqual("1.0.0", provider.GetProperty("lockedVersion").GetString());
        Assert.AreEqual("~> 2.0", provider.GetProperty("constraints").GetString());
        var diagnostic = json.GetProperty("diagnostics").EnumerateArray().Single();
        Assert.AreEqual("error", diagnostic.GetProperty("severity").GetString());
        Assert.AreEqual("TOFU0005", diagnostic.GetProperty("code").GetString());
        Assert.AreEqual("versions.tf", diagnostic.GetProperty("file").GetString());
        Assert.AreEqual(5, diagnostic.GetProperty("line").GetInt32());
        Assert.AreEqual(17, diagnostic.GetProperty("column").GetInt32());
    }

    [TestMethod]
    public async Task ConsistentModule_Exits0()
    {
        using var temp = new TempFolder();
        temp.WriteFile("versions.tf", Config.Replace("~> 2.0", "~> 1.0"));
        temp.WriteFile(".terraform.lock.hcl", Lock);

        var run = await CliRun.RunAsync(temp.Path, "check");

        Assert.AreEqual(0, run.ExitCode, run.ToString());
    }
}
