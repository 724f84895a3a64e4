using System;
using System.Diagnostics;
using System.IO;
using System.Linq;
using System.Threading.Tasks;
using Microsoft.VisualStudio.TestTools.UnitTesting;
using TofuMirror.Oci.Content;
using TofuMirror.Oci.Layout;
using TofuMirror.Oci.Transport;
using TofuMirror.Testing.Registry;

namespace TofuMirror.Oci.Tests.Registry;

/// <summary>What we push is what skopeo reads, and what skopeo writes into a layout we read.</summary>
[TestClass]
public sealed class SkopeoInteropTests
{
    private const string Skopeo = "/usr/bin/skopeo";

    private static (int Code, string Stdout, string Stderr) Run(params string[] args)
    {
        var start = new ProcessStartInfo(Skopeo) { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var a in args) start.ArgumentList.Add(a);
        using var p = Process.Start(start)!;
        var stdout = p.StandardOutput.ReadToEndAsync();
        var stderr = p.StandardError.ReadToEndAsync();
        if (!p.WaitForExit(60_000)) p.Kill(true);
        return (p.ExitCode, stdout.Result, stderr.Result);
    }

    [TestMethod]
    public async Task SkopeoReadsOurPushAndWeReadSkopeosLayout()
    {
        RegistryProcess.RequireBinary();
        if (!File.Exists(Skopeo)) Assert.Inconclusive("skopeo not installed (run build/install-test-tools.sh)");
        using var registry = RegistryProcess.Start();
        using var factory = new OciClientFactory(TestContent.FastOptions);
        var repo = factory.CreateRepository(registry.Host, "opentofu-providers/hashicorp/tls");
        var zip = TestContent.RandomBytes(64_000, 30);
        var pushed = await TestContent.PushProviderAsync(repo, "4.0.6", zip);
        var ours = await repo.FetchManifestAsync(pushed.Index, default);

        var inspect = Run("inspect", "--raw", "--tls-verify=false", $"docker://{registry.Host}/opentofu-providers/hashicorp/tls:4.0.6");
        Assert.AreEqual(0, inspect.Code, inspect.Stderr);
        Assert.AreEqual(System.Text.Encoding.UTF8.GetString(ours), inspect.Stdout.TrimEnd('\n'));
        var index = OciJsonReader.ParseIndex(System.Text.Encoding.UTF8.GetBytes(inspect.Stdout));
        Assert.AreEqual(MediaTypes.OpenTofuProvider, index.ArtifactType);
        Assert.AreEqual(MediaTypes.OpenTofuProviderTarget, index.Manifests.Single().ArtifactType);
        Assert.AreEqual("linux_amd64", index.Manifests.Single().Platform!.ToString());

        var layout = Path.Combine(registry.Folder, "layout");
        var copy = Run("copy", "--all", "--src-tls-verify=false", $"docker://{registry.Host}/opentofu-providers/hashicorp/tls:4.0.6", $"oci:{layout}:4.0.6");
        Assert.AreEqual(0, copy.Code, copy.Stderr);

        var store = new OciLayoutStore(layout);
        CollectionAssert.AreEqual(new[] { "4.0.6" }, (await store.ListTagsAsync(default)).ToArray());
        // skopeo 1.9 re-serialises indexes it copies (it refuses --preserve-digests here), so compare content, not digests.
        var resolved = await store.ResolveAsync("4.0.6", default);
        Assert.AreEqual(MediaTypes.ImageIndex, resolved.MediaType);
        var layoutIndex = OciJsonReader.ParseIndex(await store.FetchManifestAsync(resolved, default));
        Assert.AreEqual("linux_amd64", layoutIndex.Manifests.Single().Platform!.ToString());
        var manifest = OciJsonReader.ParseImageManifest(await store.FetchManifestAsync(layoutIndex.Manifests.Single(), default));
        var layer = manifest.Layers.Single();
        Assert.AreEqual(MediaTypes.ZipArchive, layer.MediaType);
        using var back = new MemoryStream();
        await store.FetchBlobAsync(layer, back, default);
        CollectionAssert.AreEqual(zip, back.ToArray());

        // And back: our layout store's content pushed by skopeo from a layout we wrote.
        var ourLayout = Path.Combine(registry.Folder, "our-layout");
        await TestContent.PushProviderAsync(new OciLayoutStore(ourLayout), "5.0.0", zip);
        var upload = Run("copy", "--all", "--dest-tls-verify=false", $"oci:{ourLayout}:5.0.0", $"docker://{registry.Host}/opentofu-providers/hashicorp/tls:5.0.0");
        Assert.AreEqual(0, upload.Code, upload.Stderr);
        var copied = OciJsonReader.ParseIndex(await repo.FetchManifestAsync(await repo.ResolveAsync("5.0.0", default), default));
        var copiedManifest = OciJsonReader.ParseImageManifest(await repo.FetchManifestAsync(copied.Manifests.Single(), default));
        Assert.AreEqual(pushed.Zip.Digest, copiedManifest.Layers.Single().Digest);
    }
}
