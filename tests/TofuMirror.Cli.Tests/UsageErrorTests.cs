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
    [DataRow("lock")]
    [DataRow("verify")]
    [DataRow("inspect")]
    public async Task Help_DocumentsTheJsonShape_AndExits0(string command)
    {
        using var temp = new TempFolder();

        var run = await CliRun.RunAsync(temp.Path, command, "--help");

        Assert.AreEqual(0, run.ExitCode, run.ToString());
        StringAssert.Contains(run.Out, "--json: {\"success\"");
    }

    [TestMethod]
    public async Task RootHelp_ListsTheCommandsAndExitCodes()
    {
        using var temp = new TempFolder();

        var run = await CliRun.RunAsync(temp.Path, "--help");

        Assert.AreEqual(0, run.ExitCode);
        foreach (var command in new[] { "lock", "verify", "inspect", "restore", "push", "check", "hash" })
            StringAssert.Contains(run.Out, command);
        StringAssert.Contains(run.Out, "Exit codes: 0 success, 1 failure, 2 usage error");
    }
}
