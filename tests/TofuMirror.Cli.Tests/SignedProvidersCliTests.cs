using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Security.Cryptography;
using System.Threading.Tasks;
using Microsoft.VisualStudio.TestTools.UnitTesting;
using TofuMirror.Testing;
using TofuMirror.Testing.OpenPgp;

namespace TofuMirror.Cli.Tests;

/// <summary>
/// The signed flow through the command line: `push --shasums --signature --key`, then `lock`, `restore --require-signed`
/// and `verify --require-signed` with trust anchors from `--trusted-keys` or TOFU_MIRROR_TRUSTED_KEYS.
/// </summary>
[TestClass]
public sealed class SignedProvidersCliTests
{
    private const string Template = "oci-layout:mirror/${namespace}/${type}";

    private static TestSigningKey Author => TestSigningKey.Get("cli-signed-author");

    /// <summary>Zips of demo 1.1.0 for two platforms, with the author's SHA256SUMS (also listing windows_amd64), signature and key.</summary>
    private static string[] WriteSignedRelease(TempFolder temp)
    {
        var zips = new[] { "linux_amd64", "darwin_arm64" }.Select(p => TestZips.Release(temp.Combine("zips"), "1.1.0", p)).ToArray();
        var sums = string.Concat(zips.Select(z => $"{System.Convert.ToHexStringLower(SHA256.HashData(File.ReadAllBytes(z)))}  {Path.GetFileName(z)}\n"))
            + $"{new string('7', 64)}  terraform-provider-demo_1.1.0_windows_amd64.zip\n";
        temp.WriteFile("release/SHA256SUMS", sums);
        File.WriteAllBytes(temp.Combine("release", "SHA256SUMS.sig"), Author.SignDetached(File.ReadAllBytes(temp.Combine("release", "SHA256SUMS"))));
        temp.WriteFile("release/key.asc", Author.ArmoredPublicKey);
        temp.WriteFile("anchors.txt", "# the demo author\n" + Author.Fingerprint + "\n");
        temp.WriteFile("module/versions.tf",
            "terraform {\n  required_providers {\n    demo = {\n      source  = \"example/demo\"\n      version = \"~> 1.0\"\n    }\n  }\n}\n");
        return zips;
    }

    [TestMethod]
    public async Task PushLockRestoreAndVerifyWithSignedChecksums()
    {
        using var temp = new TempFolder();
        var zips = WriteSignedRelease(temp);

        var push = await CliRun.RunAsync(temp.Path, ["push", "--provider", "example/demo", "--repository-template", Template,
            "--shasums", "release/SHA256SUMS", "--signature", "release/SHA256SUMS.sig", "--key", "release/key.asc", .. zips]);
        Assert.AreEqual(0, push.ExitCode, push.ToString());

        var lockRun = await CliRun.RunAsync(temp.Path, "lock", "--chdir", "module", "--repository-template", Template, "--trusted-keys", "anchors.txt");
        Assert.AreEqual(0, lockRun.ExitCode, lockRun.ToString());
        StringAssert.Contains(lockRun.Error, $"(signed, key ID {Author.KeyId})");
        StringAssert.Contains(lockRun.Error, "windows_amd64");
        StringAssert.Contains(File.ReadAllText(temp.Combine("module", ".terraform.lock.hcl")), "zh:" + new string('7', 64));

        var fromEnvironment = new Dictionary<string, string?> { ["TOFU_MIRROR_TRUSTED_KEYS"] = temp.Combine("anchors.txt") };
        var restore = await CliRun.RunAsync(temp.Path, errorIsTerminal: false, fromEnvironment,
            "restore", "--chdir", "module", "--repository-template", Template, "--platform", "linux_amd64", "--require-signed", "--json");
        Assert.AreEqual(0, restore.ExitCode, restore.ToString());
        Assert.AreEqual(Author.KeyId, restore.Json.GetProperty("packages").EnumerateArray().Single().GetProperty("signingKeyId").GetString());

        var verify = await CliRun.RunAsync(temp.Path, "verify", "--chdir", "module", "--platform", "linux_amd64", "--repository-template", Template,
            "--trusted-keys", "anchors.txt", "--require-signed");
        Assert.AreEqual(0, verify.ExitCode, verify.ToString());
        StringAssert.Contains(verify.Error, $"signed ok example/demo 1.1.0 (signed, key ID {Author.KeyId})");
    }

    [TestMethod]
    public async Task RequireSignedWithoutAnchorsOrWithABrokenAnchorFileFails()
    {
        using var temp = new TempFolder();
        var zips = WriteSignedRelease(temp);
        Assert.AreEqual(0, (await CliRun.RunAsync(temp.Path, ["push", "--provider", "example/demo", "--repository-template", Template, .. zips])).ExitCode);
        Assert.AreEqual(0, (await CliRun.RunAsync(temp.Path, "lock", "--chdir", "module", "--repository-template", Template)).ExitCode);

        var noAnchors = await CliRun.RunAsync(temp.Path, "restore", "--chdir", "module", "--repository-template", Template, "--platform", "linux_amd64", "--require-signed");
        Assert.AreEqual(1, noAnchors.ExitCode, noAnchors.ToString());
        StringAssert.Contains(noAnchors.Error, "TOFU0234");

        temp.WriteFile("bad-anchors.txt", "not a fingerprint\n");
        var broken = await CliRun.RunAsync(temp.Path, "restore", "--chdir", "module", "--repository-template", Template, "--platform", "linux_amd64",
            "--trusted-keys", "bad-anchors.txt", "--require-signed");
        Assert.AreEqual(1, broken.ExitCode, broken.ToString());
        StringAssert.Contains(broken.Error, "TOFU0206");
        StringAssert.Contains(broken.Error, "bad-anchors.txt");

        var unsigned = await CliRun.RunAsync(temp.Path, "restore", "--chdir", "module", "--repository-template", Template, "--platform", "linux_amd64",
            "--trusted-keys", "anchors.txt", "--require-signed");
        Assert.AreEqual(1, unsigned.ExitCode, unsigned.ToString());
        StringAssert.Contains(unsigned.Error, "TOFU0230");
        Assert.IsFalse(Directory.Exists(temp.Combine("module", ".terraform", "providers-mirror", "registry.opentofu.org")), unsigned.ToString());
    }
}
