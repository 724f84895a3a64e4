using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Security.Cryptography;
using System.Text;
using System.Threading.Tasks;
using Microsoft.VisualStudio.TestTools.UnitTesting;
using TofuMirror.Engine.Provenance;
using TofuMirror.Oci;
using TofuMirror.Oci.Content;
using TofuMirror.Oci.Layout;
using TofuMirror.Testing;
using TofuMirror.Testing.OpenPgp;

namespace TofuMirror.Build.Tests;

/// <summary>
/// The packaged TofuMirror.Build with TofuRequireSignedProviders: the net8.0 task folder verifies OpenPGP signatures
/// (BouncyCastle ships beside it), installs what a trust anchor signed and records its key ID in the restore manifest;
/// an unsigned mirror fails the build (also out of process, through the host contract).
/// </summary>
[TestClass]
public sealed class SignedPackageBuildTests
{
    private static readonly (string Provider, string Folder)[] SampleProviders =
    {
        ("registry.opentofu.org/tofumirror/demo", Path.Combine("registry.opentofu.org", "tofumirror", "demo")),
        ("example.com/tofumirror/echo", Path.Combine("example.com", "tofumirror", "echo")),
    };

    /// <summary>Attaches evidence signed by <paramref name="key"/> to every version of the sample providers in <paramref name="mirrorRoot"/>.</summary>
    private static async Task SignAllAsync(string mirrorRoot, TestSigningKey key)
    {
        foreach (var (provider, folder) in SampleProviders)
        {
            var store = new OciLayoutStore(Path.Combine(mirrorRoot, folder));
            var type = provider.Split('/')[2];
            foreach (var tag in (await store.ListTagsAsync(default)).Where(t => !t.StartsWith("sha256-", System.StringComparison.Ordinal)))
            {
                var index = await store.ResolveAsync(tag, default);
                var lines = new List<string>();
                foreach (var entry in OciJsonReader.ParseIndex(await store.FetchManifestAsync(index, default)).Manifests)
                {
                    var layer = OciJsonReader.ParseImageManifest(await store.FetchManifestAsync(entry, default)).Layers.Single();
                    lines.Add($"{layer.Digest.Hex}  terraform-provider-{type}_{tag}_{entry.Platform!.Os}_{entry.Platform.Architecture}.zip\n");
                }
                var sums = Encoding.ASCII.GetBytes(string.Concat(lines.OrderBy(l => l.Substring(66), System.StringComparer.Ordinal)));
                var evidence = new ProvenanceEvidence(provider, tag, sums, key.SignDetached(sums), Encoding.ASCII.GetBytes(key.ArmoredPublicKey),
                    "https://" + provider.Split('/')[0] + "/v1/providers/" + provider.Split('/', 2)[1], [key.KeyId], new System.DateTimeOffset(2026, 12, 3, 12, 0, 0, System.TimeSpan.Zero));
                await new ProvenanceStore(store).AttachAsync(index, evidence, default);
            }
        }
    }

    [TestMethod]
    public async Task Packaged_build_with_TofuRequireSignedProviders_installs_signed_packages_and_refuses_an_unsigned_mirror()
    {
        using var app = new SampleApp();
        var author = TestSigningKey.Get("packaged-build-author");
        var signedMirror = app.Combine("signed-mirror");
        TempFolder.CopyTree(Path.Combine(RepoPaths.Root, "samples", "oci-mirror"), signedMirror);
        await SignAllAsync(signedMirror, author);
        var anchors = app.Combine("trusted-fingerprints.txt");
        File.WriteAllText(anchors, "# the sample author\n" + author.Fingerprint + "\n");

        var signed = app.Dotnet("build", $"-p:SampleMirrorRoot={signedMirror}", "-p:TofuRequireSignedProviders=true", $"-p:TofuTrustedKeys={anchors}");

        Assert.AreEqual(0, signed.ExitCode, signed.ToString());
        StringAssert.Contains(signed.Output, "TofuMirror: 2 provider package(s) installed", signed.ToString());
        var manifest = File.ReadAllText(Path.Combine(app.ProvidersFolder, "tofu-providers.json"));
        Assert.AreEqual(2, manifest.Split($"\"signingKeyId\": \"{author.KeyId}\"").Length - 1, manifest);

        // A fresh cache: the first build's cache records say the anchor signed these very packages, which would (rightly) vouch for them.
        Directory.Delete(app.ProvidersFolder, recursive: true);
        var unsigned = app.Dotnet("build", "--no-restore", "-p:TofuRestoreOutOfProcess=true", "-p:TofuRequireSignedProviders=true", $"-p:TofuTrustedKeys={anchors}",
            $"-p:TofuCachePath={app.Combine("unsigned-cache")}");

        Assert.AreNotEqual(0, unsigned.ExitCode, unsigned.ToString());
        StringAssert.Contains(unsigned.Output, "error TOFU0230", unsigned.ToString());
        Assert.IsFalse(Directory.Exists(Path.Combine(app.ProvidersFolder, "registry.opentofu.org")), "nothing is installed from an unsigned mirror");
    }
}
