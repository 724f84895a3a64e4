using System;
using System.Linq;
using System.Text;
using System.Threading.Tasks;
using Microsoft.VisualStudio.TestTools.UnitTesting;
using TofuMirror.Engine.Provenance;
using TofuMirror.Oci.Layout;
using TofuMirror.Testing;
using TofuMirror.Testing.Registry;

namespace TofuMirror.Cli.Tests;

/// <summary><c>copy</c> and the evidence lines of <c>inspect</c> through the command line, between OCI-layout folders.</summary>
[TestClass]
public sealed class CopyCommandTests
{
    private const string Source = "oci-layout:connected/${namespace}/${type}";
    private const string Target = "oci-layout:internal/${namespace}/${type}";

    [TestMethod]
    public async Task CopyByLockFileCarriesEvidenceAndInspectShowsItsClaims()
    {
        using var temp = new TempFolder();
        var zips = new[] { ("1.0.0", "linux_amd64"), ("1.1.0", "linux_amd64") }.Select(z => TestZips.Release(temp.Combine("zips"), z.Item1, z.Item2)).ToArray();
        var push = await CliRun.RunAsync(temp.Path, ["push", "--provider", "example/demo", "--repository-template", Source, .. zips]);
        Assert.AreEqual(0, push.ExitCode, push.ToString());
        var sourceStore = new OciLayoutStore(temp.Combine("connected", "example", "demo"));
        var index = await sourceStore.ResolveAsync("1.1.0", default);
        await new ProvenanceStore(sourceStore).AttachAsync(index, new ProvenanceEvidence(
            "registry.opentofu.org/example/demo", "1.1.0", Encoding.ASCII.GetBytes("sums\n"), Encoding.ASCII.GetBytes("sig"), Encoding.ASCII.GetBytes("keys"),
            "https://example.com/demo/1.1.0/SHA256SUMS", ["0123456789ABCDEF"], DateTimeOffset.UnixEpoch), default);
        temp.WriteFile("module/versions.tf", "terraform {\n  required_providers {\n    demo = {\n      source = \"example/demo\"\n    }\n  }\n}\n");
        temp.WriteFile("module/.terraform.lock.hcl",
            "provider \"registry.opentofu.org/example/demo\" {\n  version = \"1.1.0\"\n  hashes = [\n    \"zh:0000000000000000000000000000000000000000000000000000000000000000\",\n  ]\n}\n");

        var copy = await CliRun.RunAsync(temp.Path, "copy", "--from", Source, "--to", Target, "--chdir", "module", "--json");
        Assert.AreEqual(0, copy.ExitCode, copy.ToString());
        var version = copy.Json.GetProperty("versions").EnumerateArray().Single();
        Assert.AreEqual("1.1.0", version.GetProperty("version").GetString());
        Assert.AreEqual(index.Digest.ToString(), version.GetProperty("targetIndexDigest").GetString());
        Assert.AreEqual(1, version.GetProperty("evidenceCopied").GetInt32());
        Assert.IsTrue(version.GetProperty("blobsCopied").GetInt32() >= 2);

        var inspect = await CliRun.RunAsync(temp.Path, "inspect", "example/demo", "--repository-template", Target);
        Assert.AreEqual(0, inspect.ExitCode, inspect.ToString());
        StringAssert.Contains(inspect.Out, "claims, not verified here: key 0123456789ABCDEF, from https://example.com/demo/1.1.0/SHA256SUMS");
        var inspectJson = await CliRun.RunAsync(temp.Path, "inspect", "example/demo", "--repository-template", Source, "--json");
        var versions = inspectJson.Json.GetProperty("repositories")[0].GetProperty("versions");
        Assert.AreEqual(0, versions[0].GetProperty("evidence").GetArrayLength(), "1.0.0 has none");
        Assert.AreEqual("0123456789ABCDEF", versions[1].GetProperty("evidence")[0].GetProperty("claimedKeyIds")[0].GetString());

        var again = await CliRun.RunAsync(temp.Path, "copy", "--from", Source, "--to", Target, "example/demo@>= 1.0");
        Assert.AreEqual(0, again.ExitCode, again.ToString());
        StringAssert.Contains(again.Error, "example/demo 1.1.0: ");
        StringAssert.Contains(again.Error, "already there");
        StringAssert.Contains(again.Error, "example/demo 1.0.0: ");
    }

    [TestMethod]
    public async Task CopyIntoTheRegistryOfACliConfiguration()
    {
        RegistryProcess.RequireBinary();
        using var registry = RegistryProcess.Start();
        using var temp = new TempFolder();
        var zip = TestZips.Release(temp.Combine("zips"), "2.0.0", "linux_amd64");
        var push = await CliRun.RunAsync(temp.Path, "push", "--provider", "example/demo", "--repository-template", Source, zip);
        Assert.AreEqual(0, push.ExitCode, push.ToString());
        var config = temp.WriteFile("internal.tofurc",
            "provider_installation {\n  oci_mirror {\n    repository_template = \"" + registry.Host + "/mirror/${hostname}/${namespace}/${type}\"\n    include = [\"registry.opentofu.org/*/*\"]\n  }\n}\n");

        var copy = await CliRun.RunAsync(temp.Path, "copy", "--from", Source, "--to-config", config, "example/demo", "--json");
        Assert.AreEqual(0, copy.ExitCode, copy.ToString());
        var version = copy.Json.GetProperty("versions").EnumerateArray().Single();
        Assert.AreEqual($"{registry.Host}/mirror/registry.opentofu.org/example/demo", version.GetProperty("target").GetString());
        var index = await new OciLayoutStore(temp.Combine("connected", "example", "demo")).ResolveAsync("2.0.0", default);
        Assert.AreEqual(index.Digest.ToString(), version.GetProperty("targetIndexDigest").GetString());

        var inspect = await CliRun.RunAsync(temp.Path, "inspect", "example/demo", "--config", config, "--json");
        Assert.AreEqual(0, inspect.ExitCode, inspect.ToString());
        Assert.AreEqual(index.Digest.ToString(), inspect.Json.GetProperty("repositories")[0].GetProperty("versions")[0].GetProperty("indexDigest").GetString());
    }

    [TestMethod]
    public async Task UsageAndSourceErrorsAreClear()
    {
        using var temp = new TempFolder();
        var noSource = await CliRun.RunAsync(temp.Path, "copy", "--to", Target, "example/demo");
        Assert.AreEqual(2, noSource.ExitCode, noSource.ToString());
        StringAssert.Contains(noSource.Error, "--from");
        var badConstraint = await CliRun.RunAsync(temp.Path, "copy", "--from", Source, "--to", Target, "example/demo@>>1");
        Assert.AreEqual(2, badConstraint.ExitCode, badConstraint.ToString());

        var missing = await CliRun.RunAsync(temp.Path, "copy", "--from", Source, "--to", Target, "example/demo", "--json");
        Assert.AreEqual(1, missing.ExitCode, missing.ToString());
        var diagnostic = missing.Json.GetProperty("diagnostics")[0];
        StringAssert.Contains(diagnostic.GetRawText(), "TOFU0221");
        StringAssert.Contains(diagnostic.GetRawText(), "example/demo");
    }
}
