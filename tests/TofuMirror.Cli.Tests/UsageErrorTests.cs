using System.Text.RegularExpressions;
using System.Linq;
using System.Threading.Tasks;
using Microsoft.VisualStudio.TestTools.UnitTesting;
using TofuMirror.Testing;

namespace TofuMirror.Cli.Tests;

[TestClass]
public sealed class UsageErrorTests
{
    [TestMethod]
    [DataRow("lock --bogus")]
    [DataRow("nonsense")]
    [DataRow("inspect")]
    [DataRow("hash")]
    [DataRow("inspect example/demo --repository-template")]
    [DataRow("lock --platform linux")]
    [DataRow("verify --platform linux-amd64")]
    [DataRow("inspect a/b/c/d --repository-template oci-layout:x")]
    public async Task BadCommandLine_Exits2(string commandLine)
    {
        using var temp = new TempFolder();

        var run = await CliRun.RunAsync(temp.Path, commandLine.Split(' '));

        Assert.AreEqual(2, run.ExitCode, run.ToString());
        StringAssert.Contains(run.Error, "error");
        Assert.AreEqual("", run.Out);
    }

    [TestMethod]
    public async Task EachInvalidPlatform_IsNamedWithWhatToUse()
    {
        using var temp = new TempFolder();

        var run = await CliRun.RunAsync(temp.Path, "verify", "--platform", "linux-amd64", "--platform", "linux_amd64", "--platform", "darwin");

        Assert.AreEqual(2, run.ExitCode, run.ToString());
        StringAssert.Contains(run.Error,
            "error: --platform has an invalid platform 'linux-amd64': must be two words separated by an underscore. Use os_arch names such as linux_amd64.\n" +
            "error: --platform has an invalid platform 'darwin': must be two words separated by an underscore. Use os_arch names such as linux_amd64.\n");
    }

    [TestMethod]
    [DataRow("lock", "\"h1Source\" (annotation|annotation-verified|computed)")]
    [DataRow("verify", "\"stamp\" (match|mismatch|missing)")]
    [DataRow("inspect", "\"ignoredTags\": [{\"tag\", \"reason\"}]")]
    [DataRow("restore", "\"status\" (installed|up-to-date|failed)")]
    [DataRow("push", "\"blob\" (uploaded|alreadyexists|mounted|pending)")]
    [DataRow("mirror", "\"status\" (fetched|skipped|failed)")]
    [DataRow("check", "\"lockedVersion\"?")]
    [DataRow("hash", "{\"packages\": [{\"path\", \"hashes\": []}]}")]
    public async Task CommandHelp_DocumentsItsJsonShape_AndExits0(string command, string shapeExcerpt)
    {
        using var temp = new TempFolder();

        var run = await CliRun.RunAsync(temp.Path, command, "--help");

        Assert.AreEqual(0, run.ExitCode, run.ToString());
        StringAssert.Matches(run.Out, new Regex($"Usage:\n  \\S+ {command} "));
        StringAssert.Contains(run.Out, "JSON output (--json, on stdout):\n  {");
        StringAssert.Contains(run.Out, shapeExcerpt);
    }

    [TestMethod]
    public async Task RootHelp_ListsEachCommandOnOneLine_WithoutJsonShapes()
    {
        using var temp = new TempFolder();

        var run = await CliRun.RunAsync(temp.Path, "--help");

        Assert.AreEqual(0, run.ExitCode, run.ToString());
        Assert.IsFalse(run.Out.Contains('{'), run.Out);
        var lines = run.Out.Split('\n');
        var commandLines = lines.SkipWhile(line => line != "Commands:").Skip(1).TakeWhile(line => line.Length > 0).ToList();
        CollectionAssert.AreEqual(
            new[] { "hash", "check", "restore", "push", "mirror", "lock", "verify", "inspect", "copy" },
            commandLines.Select(line => line.TrimStart().Split(' ')[0]).ToList(),
            run.Out);
        StringAssert.Contains(run.Out, "Exit codes: 0 success, 1 failure, 2 usage error");
    }
}
