using System.IO;
using System.Linq;
using System.Text.RegularExpressions;
using System.Threading.Tasks;
using Microsoft.VisualStudio.TestTools.UnitTesting;
using TofuMirror.Cli.Output;
using TofuMirror.Testing;

namespace TofuMirror.Cli.Tests;

/// <summary>One style across commands: sizes for people, layout names as the docs and JSON write them.</summary>
[TestClass]
public sealed class OutputStyleTests
{
    private const string Template = "oci-layout:mirror/${hostname}/${namespace}/${type}";

    [TestMethod]
    [DataRow(0L, "0 B")]
    [DataRow(1023L, "1023 B")]
    [DataRow(1024L, "1.0 KiB")]
    [DataRow(1536L, "1.5 KiB")]
    [DataRow(5L * 1024 * 1024 + 512 * 1024, "5.5 MiB")]
    public void SizesAreHumanReadable(long bytes, string expected)
    {
        var culture = System.Globalization.CultureInfo.CurrentCulture;
        try
        {
            // A decimal comma culture must not leak into the output.
            System.Globalization.CultureInfo.CurrentCulture = new System.Globalization.CultureInfo("de-DE");
            Assert.AreEqual(expected, ByteSize.Format(bytes));
        }
        finally
        {
            System.Globalization.CultureInfo.CurrentCulture = culture;
        }
    }

    [TestMethod]
    public async Task PushAndInspectPrintSizesLikeRestore()
    {
        using var temp = new TempFolder();
        var zip = TestZips.Release(temp.Combine("zips"), "1.0.0", "linux_amd64");
        var expected = ByteSize.Format(new FileInfo(zip).Length);

        var push = await CliRun.RunAsync(temp.Path, "push", "--provider", "example/demo", "--repository-template", Template, zip);
        var inspect = await CliRun.RunAsync(temp.Path, "inspect", "example/demo", "--repository-template", Template);

        Assert.AreEqual(0, push.ExitCode, push.ToString());
        Assert.AreEqual(0, inspect.ExitCode, inspect.ToString());
        foreach (var run in new[] { push, inspect })
        {
            var line = (run.Out + run.Error).Split('\n').Single(l => l.Contains("linux_amd64", System.StringComparison.Ordinal) && l.Contains("sha256:", System.StringComparison.Ordinal));
            StringAssert.Contains(line, " " + expected, run.ToString());
            Assert.IsFalse(Regex.IsMatch(line, @"\d bytes"), line);
        }
    }

    [TestMethod]
    public async Task LayoutIsShownAndTakenInLowerCase()
    {
        using var temp = new TempFolder();
        var help = await CliRun.RunAsync(temp.Path, "restore", "--help");
        StringAssert.Contains(help.Out, "--layout <unpacked|packed>", help.ToString());

        var zip = TestZips.Release(temp.Combine("zips"), "1.0.0", "linux_amd64");
        Assert.AreEqual(0, (await CliRun.RunAsync(temp.Path, "push", "--provider", "example/demo", "--repository-template", Template, zip)).ExitCode);
        temp.WriteFile("infra/versions.tf", "terraform {\n  required_providers {\n    demo = { source = \"example/demo\" }\n  }\n}\n");
        Assert.AreEqual(0, (await CliRun.RunAsync(temp.Path, "lock", "--chdir", "infra", "--repository-template", Template, "--platform", "linux_amd64")).ExitCode);

        var restore = await CliRun.RunAsync(temp.Path, "restore", "--chdir", "infra", "--repository-template", Template,
            "--platform", "linux_amd64", "--layout", "packed", "--output", "out", "--cache", "cache");

        Assert.AreEqual(0, restore.ExitCode, restore.ToString());
        Assert.IsTrue(File.Exists(temp.Combine("out", "registry.opentofu.org", "example", "demo", "terraform-provider-demo_1.0.0_linux_amd64.zip")), restore.ToString());
    }
}
