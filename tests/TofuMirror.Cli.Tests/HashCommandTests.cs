using System.Linq;
using System.Threading.Tasks;
using Microsoft.VisualStudio.TestTools.UnitTesting;
using TofuMirror.Testing;

namespace TofuMirror.Cli.Tests;

[TestClass]
public sealed class HashCommandTests
{
    private const string WorkedExampleH1 = "h1:U5RVDcr6irM28qBuZN9gx81apIb82jbXmljb032GLR4=";

    [TestMethod]
    public async Task Zip_PrintsZhThenTheWorkedExampleH1()
    {
        using var temp = new TempFolder();
        var zip = TestZips.WorkedExample(temp.Path);

        var run = await CliRun.RunAsync(temp.Path, "hash", zip);

        Assert.AreEqual(0, run.ExitCode, run.ToString());
        var lines = run.Out.Split('\n', System.StringSplitOptions.RemoveEmptyEntries);
        Assert.AreEqual(2, lines.Length, run.Out);
        StringAssert.Matches(lines[0], new System.Text.RegularExpressions.Regex("^zh:[0-9a-f]{64}$"));
        Assert.AreEqual(WorkedExampleH1, lines[1]);
    }

    [TestMethod]
    public async Task UnpackedFolder_HasTheSameH1()
    {
        using var temp = new TempFolder();
        temp.WriteFile("pkg/terraform-provider-demo_v1.0.0", "#!/bin/sh\necho demo\n");
        temp.WriteFile("pkg/README.md", "hello\n");

        var run = await CliRun.RunAsync(temp.Path, "hash", "pkg");

        Assert.AreEqual(0, run.ExitCode, run.ToString());
        Assert.AreEqual(WorkedExampleH1 + "\n", run.Out);
    }

    [TestMethod]
    public async Task Json_ListsPathAndHashes()
    {
        using var temp = new TempFolder();
        TestZips.WorkedExample(temp.Path);

        var run = await CliRun.RunAsync(temp.Path, "hash", "--json", "terraform-provider-demo_1.0.0_linux_amd64.zip");

        Assert.AreEqual(0, run.ExitCode, run.ToString());
        var package = run.Json.GetProperty("packages").EnumerateArray().Single();
        Assert.AreEqual("terraform-provider-demo_1.0.0_linux_amd64.zip", package.GetProperty("path").GetString());
        var hashes = package.GetProperty("hashes").EnumerateArray().Select(h => h.GetString()).ToList();
        Assert.AreEqual(WorkedExampleH1, hashes[1]);
    }

    [TestMethod]
    public async Task MissingFile_Exits1_WithTofu0009()
    {
        using var temp = new TempFolder();

        var run = await CliRun.RunAsync(temp.Path, "hash", "nope.zip");

        Assert.AreEqual(1, run.ExitCode);
        StringAssert.Contains(run.Error, "nope.zip: error TOFU0009:");
    }
}
