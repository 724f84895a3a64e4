using System.IO;
using System.Threading.Tasks;
using Microsoft.VisualStudio.TestTools.UnitTesting;
using TofuMirror.Testing;

namespace TofuMirror.Cli.Tests;

/// <summary>A lock entry with no <c>h1:</c>/<c>zh:</c> vouches for nothing: restore refuses it instead of installing unverified bytes.</summary>
[TestClass]
public sealed class UnhashedLockEntryTests
{
    private const string Template = "oci-layout:mirror/${hostname}/${namespace}/${type}";

    [TestMethod]
    public async Task LockEntryWithoutHashes_IsAnError_AndNothingIsInstalled()
    {
        using var temp = new TempFolder();
        var zip = TestZips.Release(temp.Combine("zips"), "1.0.0", "linux_amd64");
        Assert.AreEqual(0, (await CliRun.RunAsync(temp.Path, "push", "--provider", "example/demo", "--repository-template", Template, zip)).ExitCode);
        temp.WriteFile("infra/versions.tf", "terraform {\n  required_providers {\n    demo = { source = \"example/demo\" }\n  }\n}\n");
        temp.WriteFile("infra/.terraform.lock.hcl", "provider \"registry.opentofu.org/example/demo\" {\n  version = \"1.0.0\"\n}\n");

        var run = await CliRun.RunAsync(temp.Path, "restore", "--chdir", "infra", "--repository-template", Template,
            "--platform", "linux_amd64", "--output", "out", "--cache", "cache");

        Assert.AreEqual(1, run.ExitCode, run.ToString());
        StringAssert.Contains(run.Error, "infra/.terraform.lock.hcl:1:1: error TOFU0104: Provider lock has no checksums", run.ToString());
        Assert.IsFalse(Directory.Exists(temp.Combine("out", "registry.opentofu.org")), run.ToString());
    }
}
