using System.IO;
using System.Linq;
using System.Threading.Tasks;
using Microsoft.VisualStudio.TestTools.UnitTesting;
using TofuMirror.Testing;

namespace TofuMirror.Cli.Tests;

/// <summary>Errors that name the real problem and the fix that works with the mirror, and nothing that would mislead.</summary>
[TestClass]
public sealed class ErrorGuidanceTests
{
    private const string Template = "oci-layout:mirror/${namespace}/${type}";

    private const string Config =
        "terraform {\n  required_providers {\n    demo = {\n      source  = \"example/demo\"\n      version = \"~> 1.0\"\n    }\n  }\n}\n";

    private const string GoodLock =
        "provider \"registry.opentofu.org/example/demo\" {\n" +
        "  version     = \"1.1.0\"\n" +
        "  constraints = \"~> 1.0\"\n" +
        "  hashes = [\n" +
        "    \"zh:0000000000000000000000000000000000000000000000000000000000000001\",\n" +
        "  ]\n" +
        "}\n";

    private static TempFolder ModuleWithLock(string lockText)
    {
        var temp = new TempFolder();
        temp.WriteFile("module/versions.tf", Config);
        temp.WriteFile("module/.terraform.lock.hcl", lockText);
        return temp;
    }

    private static string[] ErrorLines(CliRun run) => run.Error.Split('\n').Where(l => l.Contains(": error ")).ToArray();

    [TestMethod]
    [DataRow("  version     = \"1.1.0\"", "  verison     = \"1.1.0\"", 2, DisplayName = "misspelt argument")]
    [DataRow("\"1.1.0\"", "\"1.1.O\"", 1, DisplayName = "letter O for zero")]
    public async Task LockEntryWithATypo_CheckRestoreAndLockReportOnlyTheLockFileErrors(string correct, string typo, int errors)
    {
        var broken = GoodLock.Replace(correct, typo);
        using var temp = ModuleWithLock(broken);

        var check = await CliRun.RunAsync(temp.Path, "check", "--chdir", "module");
        var restore = await CliRun.RunAsync(temp.Path, "restore", "--chdir", "module", "--repository-template", Template, "--cache", "cache");
        var lockRun = await CliRun.RunAsync(temp.Path, "lock", "--chdir", "module", "--repository-template", Template, "--platform", "linux_amd64");

        Assert.AreEqual(broken, File.ReadAllText(temp.Combine("module", ".terraform.lock.hcl")), "lock overwrote a lock file that has errors");
        foreach (var run in new[] { check, restore, lockRun })
        {
            Assert.AreEqual(1, run.ExitCode, run.ToString());
            var lines = ErrorLines(run);
            Assert.HasCount(errors, lines, run.ToString());
            Assert.IsTrue(lines.All(l => l.StartsWith("module/.terraform.lock.hcl:", System.StringComparison.Ordinal) && l.Contains("error TOFU0002")), run.ToString());
            Assert.IsFalse(run.Error.Contains("TOFU0004", System.StringComparison.Ordinal), run.ToString());
        }
    }

    [TestMethod]
    public async Task ForgottenOpeningBracketInTheLock_IsOneError()
    {
        var hashes = string.Concat(Enumerable.Range(1, 10).Select(i => $"    \"zh:{i:D64}\",\n"));
        using var temp = ModuleWithLock(
            "provider \"registry.opentofu.org/example/demo\" {\n  version = \"1.1.0\"\n  hashes = \n" + hashes + "  ]\n}\n");

        var run = await CliRun.RunAsync(temp.Path, "check", "--chdir", "module");

        Assert.AreEqual(1, run.ExitCode, run.ToString());
        var line = ErrorLines(run).Single();
        StringAssert.StartsWith(line, "module/.terraform.lock.hcl:3:12: error TOFU0001: ");
    }

    [TestMethod]
    public async Task RestoreAndLock_FromALayoutFolderThatDoesNotExist_SayIt()
    {
        using var temp = ModuleWithLock(GoodLock);
        var missing = temp.Combine("mirror", "example", "demo");

        var restore = await CliRun.RunAsync(temp.Path, "restore", "--chdir", "module", "--repository-template", Template, "--cache", "cache");
        var lockRun = await CliRun.RunAsync(temp.Path, "lock", "--chdir", "module", "--repository-template", Template, "--platform", "linux_amd64");

        foreach (var run in new[] { restore, lockRun })
        {
            Assert.AreEqual(1, run.ExitCode, run.ToString());
            StringAssert.Contains(run.Error, $"oci-layout:{missing} does not exist (no such folder)", run.ToString());
            Assert.IsFalse(run.Error.Contains("has no tag", System.StringComparison.Ordinal), run.ToString());
        }
        Assert.IsFalse(Directory.Exists(temp.Combine("mirror")), "reading a layout must not create it");
    }

    [TestMethod]
    public async Task Restore_FromAFolderThatIsNotALayout_SaysIt()
    {
        using var temp = ModuleWithLock(GoodLock);
        Directory.CreateDirectory(temp.Combine("mirror", "example", "demo"));

        var run = await CliRun.RunAsync(temp.Path, "restore", "--chdir", "module", "--repository-template", Template, "--cache", "cache");

        Assert.AreEqual(1, run.ExitCode, run.ToString());
        StringAssert.Contains(run.Error, "is not an OCI image layout (the folder has no index.json)", run.ToString());
    }

    [TestMethod]
    public async Task LockedVersionNotAllowed_TheHintedLockMovesItDownToWhatTheMirrorHas()
    {
        using var temp = new TempFolder();
        var zips = new[] { "1.0.0", "1.1.0" }.Select(v => TestZips.Release(temp.Combine("zips"), v, "linux_amd64")).ToArray();
        var push = await CliRun.RunAsync(temp.Path, ["push", "--provider", "example/demo", "--repository-template", Template, .. zips]);
        Assert.AreEqual(0, push.ExitCode, push.ToString());
        temp.WriteFile("module/versions.tf", Config);
        var first = await CliRun.RunAsync(temp.Path, "lock", "--chdir", "module", "--repository-template", Template, "--platform", "linux_amd64");
        Assert.AreEqual(0, first.ExitCode, first.ToString());
        temp.WriteFile("module/versions.tf", Config.Replace("~> 1.0", "< 1.1.0"));

        var check = await CliRun.RunAsync(temp.Path, "check", "--chdir", "module");
        Assert.AreEqual(1, check.ExitCode, check.ToString());
        StringAssert.Contains(check.Error, "run `tofu-mirror lock`: it replaces the locked version with the newest version in the mirror that the constraints allow");
        var relock = await CliRun.RunAsync(temp.Path, "lock", "--chdir", "module", "--repository-template", Template, "--platform", "linux_amd64");

        Assert.AreEqual(0, relock.ExitCode, relock.ToString());
        StringAssert.Contains(File.ReadAllText(temp.Combine("module", ".terraform.lock.hcl")), "version     = \"1.0.0\"");
        Assert.AreEqual(0, (await CliRun.RunAsync(temp.Path, "check", "--chdir", "module")).ExitCode);
    }

    [TestMethod]
    public async Task PushOfAZipWithoutProvider_IsAUsageError()
    {
        using var temp = new TempFolder();
        var zip = TestZips.Release(temp.Combine("zips"), "1.0.0", "linux_amd64");

        var run = await CliRun.RunAsync(temp.Path, "push", "--repository-template", Template, zip);

        Assert.AreEqual(2, run.ExitCode, run.ToString());
        StringAssert.Contains(run.Error, "is a single zip: say which provider it is with --provider");
        Assert.IsFalse(Directory.Exists(temp.Combine("mirror")));
    }

    [TestMethod]
    public async Task PushOfARestoreOutputFolder_SkipsItsStateFolderQuietly_AndLeavesNoLockFile()
    {
        using var temp = new TempFolder();
        var zip = TestZips.Release(temp.Combine("zips"), "1.1.0", "linux_amd64");
        var push = await CliRun.RunAsync(temp.Path, "push", "--provider", "example/demo", "--repository-template", Template, zip);
        Assert.AreEqual(0, push.ExitCode, push.ToString());
        temp.WriteFile("module/versions.tf", Config);
        var lockRun = await CliRun.RunAsync(temp.Path, "lock", "--chdir", "module", "--repository-template", Template, "--platform", "linux_amd64");
        Assert.AreEqual(0, lockRun.ExitCode, lockRun.ToString());
        var restore = await CliRun.RunAsync(temp.Path,
            "restore", "--chdir", "module", "--repository-template", Template, "--platform", "linux_amd64", "--cache", "cache");
        Assert.AreEqual(0, restore.ExitCode, restore.ToString());
        var output = temp.Combine("module", ".terraform", "providers-mirror");
        Assert.IsTrue(Directory.Exists(Path.Combine(output, ".tofumirror")));

        var again = await CliRun.RunAsync(temp.Path, "push", "--repository-template", "oci-layout:copy/${namespace}/${type}", output);

        Assert.AreEqual(0, again.ExitCode, again.ToString());
        Assert.IsFalse(again.Error.Contains("warning", System.StringComparison.Ordinal), again.ToString());
        StringAssert.Contains(again.Error, "pushed example/demo 1.1.0");
        Assert.IsEmpty(Directory.GetFiles(temp.Path, "index.json.lock", SearchOption.AllDirectories));
        Assert.IsTrue(File.Exists(temp.Combine("copy", "example", "demo", "oci-layout")));
    }
}
