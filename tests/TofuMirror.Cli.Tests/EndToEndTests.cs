using System.IO;
using System.Linq;
using System.Text.Json;
using System.Threading.Tasks;
using Microsoft.VisualStudio.TestTools.UnitTesting;
using TofuMirror.Testing;

namespace TofuMirror.Cli.Tests;

/// <summary>push → lock → restore → verify → inspect through the command line, on an OCI-layout mirror.</summary>
[TestClass]
public sealed class EndToEndTests
{
    private const string Template = "oci-layout:mirror/${namespace}/${type}";

    private static async Task<TempFolder> PushedAsync()
    {
        var temp = new TempFolder();
        var zips = new[] { ("1.0.0", "linux_amd64"), ("1.0.0", "darwin_arm64"), ("1.1.0", "linux_amd64"), ("1.1.0", "darwin_arm64") }
            .Select(z => TestZips.Release(temp.Combine("zips"), z.Item1, z.Item2))
            .ToArray();
        var push = await CliRun.RunAsync(temp.Path, ["push", "--provider", "example/demo", "--repository-template", Template, .. zips]);
        Assert.AreEqual(0, push.ExitCode, push.ToString());
        temp.WriteFile("module/versions.tf",
            "terraform {\n  required_providers {\n    demo = {\n      source  = \"example/demo\"\n      version = \"~> 1.0\"\n    }\n  }\n}\n");
        return temp;
    }

    [TestMethod]
    public async Task PushLockRestoreVerifyInspect()
    {
        using var temp = await PushedAsync();

        var lockRun = await CliRun.RunAsync(temp.Path,
            "lock", "--chdir", "module", "--repository-template", Template, "--platform", "linux_amd64", "--platform", "darwin_arm64", "--json");
        Assert.AreEqual(0, lockRun.ExitCode, lockRun.ToString());
        var locked = lockRun.Json;
        Assert.IsTrue(locked.GetProperty("success").GetBoolean());
        Assert.IsTrue(locked.GetProperty("written").GetBoolean());
        var provider = locked.GetProperty("providers").EnumerateArray().Single();
        Assert.AreEqual("added", provider.GetProperty("change").GetString());
        Assert.AreEqual("1.1.0", provider.GetProperty("version").GetString());
        Assert.AreEqual("~> 1.0", provider.GetProperty("constraints").GetString());
        var platforms = provider.GetProperty("platforms").EnumerateArray().ToList();
        Assert.AreEqual(2, platforms.Count);
        // This machine's platform is checked against its package; the other's annotation is taken as it is.
        Assert.IsTrue(platforms.All(p => p.GetProperty("h1Source").GetString() is "annotation" or "annotation-verified"), lockRun.ToString());
        Assert.AreEqual(4, provider.GetProperty("addedHashes").GetArrayLength());
        var lockText = File.ReadAllText(temp.Combine("module", ".terraform.lock.hcl"));
        foreach (var platform in platforms)
        {
            StringAssert.Contains(lockText, platform.GetProperty("zh").GetString());
            StringAssert.Contains(lockText, platform.GetProperty("h1").GetString());
        }

        var restore = await CliRun.RunAsync(temp.Path,
            "restore", "--chdir", "module", "--repository-template", Template, "--platform", "linux_amd64", "--cache", "cache");
        Assert.AreEqual(0, restore.ExitCode, restore.ToString());

        var verify = await CliRun.RunAsync(temp.Path,
            "verify", "--chdir", "module", "--platform", "linux_amd64", "--repository-template", Template, "--json");
        Assert.AreEqual(0, verify.ExitCode, verify.ToString());
        var verified = verify.Json;
        Assert.IsTrue(verified.GetProperty("success").GetBoolean());
        var package = verified.GetProperty("packages").EnumerateArray().Single();
        Assert.AreEqual("ok", package.GetProperty("status").GetString());
        Assert.AreEqual("no-h1", package.GetProperty("stamp").GetString(), "the lock's zh: proved the zip: restore did not hash the files");
        Assert.AreEqual("unpacked", package.GetProperty("layout").GetString());
        Assert.IsTrue(verified.GetProperty("mirror").EnumerateArray().Single().GetProperty("ok").GetBoolean());

        var inspect = await CliRun.RunAsync(temp.Path, "inspect", "example/demo", "--repository-template", Template, "--json");
        Assert.AreEqual(0, inspect.ExitCode, inspect.ToString());
        var repository = inspect.Json.GetProperty("repositories").EnumerateArray().Single();
        Assert.IsTrue(repository.GetProperty("found").GetBoolean());
        CollectionAssert.AreEqual(new[] { "1.0.0", "1.1.0" },
            repository.GetProperty("versions").EnumerateArray().Select(v => v.GetProperty("version").GetString()).ToArray());
        var inspected = repository.GetProperty("versions")[1].GetProperty("platforms").EnumerateArray()
            .Single(p => p.GetProperty("platform").GetString() == "linux_amd64");
        var lockedLinux = platforms.Single(p => p.GetProperty("platform").GetString() == "linux_amd64");
        Assert.AreEqual(lockedLinux.GetProperty("zh").GetString(), inspected.GetProperty("zh").GetString());
        Assert.AreEqual(lockedLinux.GetProperty("h1").GetString(), inspected.GetProperty("h1").GetString());
        Assert.AreEqual(0, repository.GetProperty("ignoredTags").GetArrayLength());
    }

    [TestMethod]
    public async Task Verify_AfterTampering_PrintsTheMismatch_AndExits1()
    {
        using var temp = await PushedAsync();
        var lockRun = await CliRun.RunAsync(temp.Path, "lock", "--chdir", "module", "--repository-template", Template, "--platform", "linux_amd64");
        Assert.AreEqual(0, lockRun.ExitCode, lockRun.ToString());
        StringAssert.Contains(lockRun.Error, "example/demo: locked 1.1.0");
        var restore = await CliRun.RunAsync(temp.Path,
            "restore", "--chdir", "module", "--repository-template", Template, "--platform", "linux_amd64", "--cache", "cache");
        Assert.AreEqual(0, restore.ExitCode, restore.ToString());
        var binary = temp.Combine("module", ".terraform", "providers-mirror", "registry.opentofu.org", "example", "demo", "1.1.0", "linux_amd64",
            "terraform-provider-demo_v1.1.0");
        File.AppendAllText(binary, "# patched\n");

        var verify = await CliRun.RunAsync(temp.Path, "verify", "--chdir", "module", "--platform", "linux_amd64");

        Assert.AreEqual(1, verify.ExitCode, verify.ToString());
        StringAssert.Contains(verify.Error, "mismatch  example/demo 1.1.0 linux_amd64: ");
        StringAssert.Contains(verify.Error, "verify: 1 package(s), 1 problem(s)");
    }

    [TestMethod]
    public async Task Lock_ForAPlatformTheMirrorLacks_Exits1_AndWritesNothing()
    {
        using var temp = await PushedAsync();

        var run = await CliRun.RunAsync(temp.Path, "lock", "--chdir", "module", "--repository-template", Template, "--platform", "windows_amd64");

        Assert.AreEqual(1, run.ExitCode, run.ToString());
        StringAssert.Contains(run.Error, "error TOFU0105: Failed to lock example/demo 1.1.0 for windows_amd64");
        StringAssert.Contains(run.Error, "left unchanged");
        Assert.IsFalse(File.Exists(temp.Combine("module", ".terraform.lock.hcl")));
    }

    [TestMethod]
    public async Task Inspect_UnknownProvider_Exits1_WithJson()
    {
        using var temp = await PushedAsync();

        var run = await CliRun.RunAsync(temp.Path, "inspect", "example/other", "--repository-template", Template, "--json");

        Assert.AreEqual(1, run.ExitCode, run.ToString());
        var repository = run.Json.GetProperty("repositories").EnumerateArray().Single();
        Assert.IsFalse(repository.GetProperty("found").GetBoolean());
        StringAssert.StartsWith(repository.GetProperty("problem").GetString(), "TOFU0102");
        Assert.AreEqual(JsonValueKind.Array, run.Json.GetProperty("diagnostics").ValueKind);
    }
}
