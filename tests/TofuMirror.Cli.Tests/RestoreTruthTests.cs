using System.IO;
using System.Linq;
using System.Threading.Tasks;
using Microsoft.VisualStudio.TestTools.UnitTesting;
using TofuMirror.Testing;

namespace TofuMirror.Cli.Tests;

/// <summary>
/// `restore` tells the truth: a warm cache does not hide a mistyped mirror (unless --offline, which says so), a
/// locked version a constraint rejects fails at the constraint, and a package verify calls modified is repaired.
/// </summary>
[TestClass]
public sealed class RestoreTruthTests
{
    private const string Template = "oci-layout:mirror/${namespace}/${type}";
    private const string Mistyped = "oci-layout:mirorr/${namespace}/${type}";

    /// <summary>Pushes demo 1.1.0 (linux_amd64), writes a module requiring ~> 1.0 and locks it.</summary>
    private static async Task<TempFolder> LockedAsync()
    {
        var temp = new TempFolder();
        var zip = TestZips.Release(temp.Combine("zips"), "1.1.0", "linux_amd64");
        var push = await CliRun.RunAsync(temp.Path, "push", "--provider", "example/demo", "--repository-template", Template, zip);
        Assert.AreEqual(0, push.ExitCode, push.ToString());
        temp.WriteFile("module/versions.tf",
            "terraform {\n  required_providers {\n    demo = {\n      source  = \"example/demo\"\n      version = \"~> 1.0\"\n    }\n  }\n}\n");
        var lockRun = await CliRun.RunAsync(temp.Path, "lock", "--chdir", "module", "--repository-template", Template, "--platform", "linux_amd64");
        Assert.AreEqual(0, lockRun.ExitCode, lockRun.ToString());
        return temp;
    }

    private static Task<CliRun> RestoreAsync(TempFolder temp, string template, params string[] more) =>
        CliRun.RunAsync(temp.Path, ["restore", "--chdir", "module", "--repository-template", template, "--platform", "linux_amd64", "--cache", "cache", .. more]);

    [TestMethod]
    public async Task WarmCache_MistypedLayoutFolder_Exits1_AndOfflineInstallsFromTheCacheSayingSo()
    {
        using var temp = await LockedAsync();
        Assert.AreEqual(0, (await RestoreAsync(temp, Template)).ExitCode);
        Directory.Delete(temp.Combine("module", ".terraform"), recursive: true);

        var mistyped = await RestoreAsync(temp, Mistyped);

        Assert.AreEqual(1, mistyped.ExitCode, mistyped.ToString());
        StringAssert.Contains(mistyped.Error, "error TOFU0102");
        Assert.IsFalse(mistyped.Error.Contains("from cache"), mistyped.ToString());

        var offline = await RestoreAsync(temp, Mistyped, "--offline", "--json");

        Assert.AreEqual(0, offline.ExitCode, offline.ToString());
        var package = offline.Json.GetProperty("packages").EnumerateArray().Single();
        Assert.AreEqual("installed", package.GetProperty("status").GetString());
        Assert.IsTrue(package.GetProperty("offline").GetBoolean());
        Assert.IsFalse(package.GetProperty("downloaded").GetBoolean());
        StringAssert.Contains(package.GetProperty("repository").GetString(), "mirror/example/demo");
    }

    [TestMethod]
    public async Task Offline_PrintsThatTheMirrorWasNotAsked()
    {
        using var temp = await LockedAsync();
        Assert.AreEqual(0, (await RestoreAsync(temp, Template)).ExitCode);
        Directory.Delete(temp.Combine("module", ".terraform"), recursive: true);

        var offline = await RestoreAsync(temp, Template, "--offline");

        Assert.AreEqual(0, offline.ExitCode, offline.ToString());
        StringAssert.Contains(offline.Error, "from cache (offline: the mirror was not asked)");
    }

    [TestMethod]
    public async Task LockedVersionAConstraintRejects_Exits1_WithTOFU0005AtTheConstraint()
    {
        using var temp = await LockedAsync();
        temp.WriteFile("module/versions.tf",
            "terraform {\n  required_providers {\n    demo = {\n      source  = \"example/demo\"\n      version = \"~> 2.0\"\n    }\n  }\n}\n");

        var restore = await RestoreAsync(temp, Template);

        Assert.AreEqual(1, restore.ExitCode, restore.ToString());
        var line = restore.Error.Split('\n').Single(l => l.Contains("TOFU0005"));
        StringAssert.StartsWith(line, "module/versions.tf:5:17: error TOFU0005: Locked provider version not allowed: ");
        Assert.IsFalse(Directory.Exists(temp.Combine("module", ".terraform", "providers-mirror", "registry.opentofu.org")));
    }

    [TestMethod]
    public async Task ModifiedPackage_VerifySaysToRestore_AndRestoreRepairsIt()
    {
        using var temp = await LockedAsync();
        Assert.AreEqual(0, (await RestoreAsync(temp, Template)).ExitCode);
        var binary = temp.Combine("module", ".terraform", "providers-mirror", "registry.opentofu.org", "example", "demo", "1.1.0", "linux_amd64",
            "terraform-provider-demo_v1.1.0");
        var original = File.ReadAllBytes(binary);
        File.AppendAllText(binary, "# patched\n");

        var verify = await CliRun.RunAsync(temp.Path, "verify", "--chdir", "module", "--platform", "linux_amd64");
        Assert.AreEqual(1, verify.ExitCode, verify.ToString());
        StringAssert.Contains(verify.Error, "Run `tofu-mirror restore` to reinstall it");

        var restore = await RestoreAsync(temp, Template);

        Assert.AreEqual(0, restore.ExitCode, restore.ToString());
        StringAssert.Contains(restore.Error, "installed  example/demo 1.1.0 (linux_amd64)");
        CollectionAssert.AreEqual(original, File.ReadAllBytes(binary));
        var again = await CliRun.RunAsync(temp.Path, "verify", "--chdir", "module", "--platform", "linux_amd64");
        Assert.AreEqual(0, again.ExitCode, again.ToString());
    }

    [TestMethod]
    public async Task Force_ReinstallsWhatIsUpToDate()
    {
        using var temp = await LockedAsync();
        Assert.AreEqual(0, (await RestoreAsync(temp, Template)).ExitCode);
        var upToDate = await RestoreAsync(temp, Template);
        StringAssert.Contains(upToDate.Error, "up to date example/demo 1.1.0 (linux_amd64)");

        var forced = await RestoreAsync(temp, Template, "--force");

        Assert.AreEqual(0, forced.ExitCode, forced.ToString());
        StringAssert.Contains(forced.Error, "installed  example/demo 1.1.0 (linux_amd64)");
    }
}
