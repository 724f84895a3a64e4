using System.IO;
using System.Linq;
using System.Text.RegularExpressions;
using System.Threading.Tasks;
using Microsoft.VisualStudio.TestTools.UnitTesting;
using TofuMirror.Cli.Commands;
using TofuMirror.Testing;

namespace TofuMirror.Cli.Tests;

/// <summary>The <c>tofu init</c> command restore suggests works from the folder restore ran in.</summary>
[TestClass]
public sealed class RestoreInitHintTests
{
    private const string Template = "oci-layout:mirror/${hostname}/${namespace}/${type}";

    private static async Task<TempFolder> LockedModuleAsync()
    {
        var temp = new TempFolder();
        var zip = TestZips.Release(temp.Combine("zips"), "1.0.0", "linux_amd64");
        var push = await CliRun.RunAsync(temp.Path, "push", "--provider", "example/demo", "--repository-template", Template, zip);
        Assert.AreEqual(0, push.ExitCode, push.ToString());
        temp.WriteFile("infra/versions.tf", "terraform {\n  required_providers {\n    demo = { source = \"example/demo\" }\n  }\n}\n");
        var lockRun = await CliRun.RunAsync(temp.Path, "lock", "--chdir", "infra", "--repository-template", Template, "--platform", "linux_amd64");
        Assert.AreEqual(0, lockRun.ExitCode, lockRun.ToString());
        return temp;
    }

    private static string Hint(CliRun run)
    {
        var line = run.Error.Split('\n').SingleOrDefault(l => l.StartsWith("use it with: ", System.StringComparison.Ordinal));
        Assert.IsNotNull(line, run.ToString());
        return line.Substring("use it with: ".Length);
    }

    [TestMethod]
    public async Task FromAnotherFolder_TheHintChangesIntoTheModule()
    {
        using var temp = await LockedModuleAsync();

        var restore = await CliRun.RunAsync(temp.Path, "restore", "--chdir", "infra", "--repository-template", Template, "--platform", "linux_amd64", "--cache", "cache");

        Assert.AreEqual(0, restore.ExitCode, restore.ToString());
        var rc = temp.Combine("infra", ".terraform", "providers-mirror", "tofu.rc");
        Assert.AreEqual($"TF_CLI_CONFIG_FILE={rc} tofu -chdir=infra init", Hint(restore));
        Assert.IsTrue(File.Exists(rc));
    }

    [TestMethod]
    public async Task InTheModuleFolder_TheHintIsPlainInit()
    {
        using var temp = await LockedModuleAsync();

        var restore = await CliRun.RunAsync(temp.Combine("infra"), "restore", "--repository-template", "oci-layout:../mirror/${hostname}/${namespace}/${type}",
            "--platform", "linux_amd64", "--cache", "../cache");

        Assert.AreEqual(0, restore.ExitCode, restore.ToString());
        Assert.AreEqual($"TF_CLI_CONFIG_FILE={temp.Combine("infra", ".terraform", "providers-mirror", "tofu.rc")} tofu init", Hint(restore));
    }

    [TestMethod]
    public void PathsTheShellWouldSplitAreQuoted()
    {
        var hint = TofuInitHint.For("/tmp/my work/infra/tofu.rc", "/tmp/my work/infra", "/tmp/my work", "infra");
        Assert.AreEqual("TF_CLI_CONFIG_FILE='/tmp/my work/infra/tofu.rc' tofu -chdir=infra init", hint);
        var outside = TofuInitHint.For("/srv/it's/tofu.rc", "/srv/it's", "/home/me", "/srv/it's");
        Assert.AreEqual(@"TF_CLI_CONFIG_FILE='/srv/it'\''s/tofu.rc' tofu -chdir='/srv/it'\''s' init", outside);
        Assert.IsTrue(Regex.IsMatch(TofuInitHint.For("/m/tofu.rc", "/m/", "/m", "."), @"^TF_CLI_CONFIG_FILE=/m/tofu\.rc tofu init$"));
    }
}
