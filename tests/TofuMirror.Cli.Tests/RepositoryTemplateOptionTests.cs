using System.Threading.Tasks;
using Microsoft.VisualStudio.TestTools.UnitTesting;
using TofuMirror.Testing;

namespace TofuMirror.Cli.Tests;

/// <summary>A bad --repository-template is reported against the option: there is no oci_mirror block to point at.</summary>
[TestClass]
public sealed class RepositoryTemplateOptionTests
{
    private const string NoHostname = "127.0.0.1:9/providers/${namespace}/${type}";

    [TestMethod]
    [DataRow("inspect hashicorp/random")]
    [DataRow("lock")]
    [DataRow("restore")]
    [DataRow("push --provider hashicorp/random terraform-provider-random_3.6.0_linux_amd64.zip")]
    public async Task TemplateWithoutHostname_IsReportedAsTheOption(string commandLine)
    {
        using var temp = new TempFolder();

        var run = await CliRun.RunAsync(temp.Path, [.. commandLine.Split(' '), "--repository-template", NoHostname]);

        Assert.AreEqual(1, run.ExitCode, run.ToString());
        StringAssert.Contains(run.Error,
            "error TOFU0003: Invalid --repository-template: template must refer to ${hostname} unless --include pins one hostname");
        Assert.DoesNotContain("block at", run.Error);
        Assert.DoesNotContain("oci_mirror", run.Error);
    }

    [TestMethod]
    public async Task TemplateWithoutHostname_IsAccepted_WhenIncludePinsOneHost()
    {
        using var temp = new TempFolder();

        // Port 9 on loopback: nothing listens, so the lookup fails fast after the template was accepted.
        var run = await CliRun.RunAsync(temp.Path, "inspect", "hashicorp/random", "--repository-template", NoHostname,
            "--include", "registry.opentofu.org/*/*");

        Assert.DoesNotContain("TOFU0003", run.Error, run.ToString());
        StringAssert.Contains(run.Out, "hashicorp/random in 127.0.0.1:9/providers/hashicorp/random", run.ToString());
    }

    [TestMethod]
    public async Task BadIncludePattern_IsReportedAsTheIncludeOption()
    {
        using var temp = new TempFolder();

        var run = await CliRun.RunAsync(temp.Path, "inspect", "hashicorp/random",
            "--repository-template", "127.0.0.1:9/${hostname}/${namespace}/${type}", "--include", "hashicorp");

        Assert.AreEqual(1, run.ExitCode, run.ToString());
        StringAssert.StartsWith(run.Error, "error TOFU0003: Invalid --include: invalid provider matching pattern \"hashicorp\"");
    }
}
