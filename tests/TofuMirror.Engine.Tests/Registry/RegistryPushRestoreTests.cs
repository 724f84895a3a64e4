using TofuMirror.Testing.Tools;
using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text.Json;
using System.Threading.Tasks;
using Microsoft.VisualStudio.TestTools.UnitTesting;
using TofuMirror.Model.CliConfig;
using TofuMirror.Engine.Push;
using TofuMirror.Engine.Restore;
using TofuMirror.Engine.Stores;
using TofuMirror.Engine.Tests.Support;
using TofuMirror.Oci;
using TofuMirror.Oci.Content;
using TofuMirror.Testing.Registry;
using Platform = TofuMirror.Model.Platforms.Platform;
using TofuMirror.Engine.Hashing;
using TofuMirror.Testing;
using TofuMirror.Model.Addresses;
using TofuMirror.Model.Diagnostics;
using TofuMirror.Model.Hashing;
using TofuMirror.Model.Platforms;

namespace TofuMirror.Engine.Tests.Registry;

/// <summary>Push and restore against the real CNCF distribution registry on loopback, open and with htpasswd auth.</summary>
[TestClass]
public sealed class RegistryPushRestoreTests
{
    private const string Skopeo = "/usr/bin/skopeo";
    private const string User = "tofu";
    private const string Password = "s3cret pass";
    private static readonly ProviderAddress Demo = RestoreScenario.Demo;
    private static readonly ProviderAddress Other = RestoreScenario.Other;
    private static RegistryProcess? s_open;
    private static RegistryProcess? s_basic;

    [ClassInitialize]
    public static void Start(TestContext _)
    {
        if (!File.Exists(RegistryProcess.Binary)) return;
        s_open = RegistryProcess.Start();
        s_basic = RegistryProcess.Start(basicAuthUser: (User, Password));
    }

    [ClassCleanup]
    public static void Stop()
    {
        s_open?.Dispose();
        s_basic?.Dispose();
    }

    private static RegistryProcess Open
    {
        get
        {
            RegistryProcess.RequireBinary();
            return s_open!;
        }
    }

    private static RegistryProcess Basic
    {
        get
        {
            RegistryProcess.RequireBinary();
            return s_basic!;
        }
    }

    /// <summary>The CLI environment of a user whose home is <paramref name="home"/> (so the developer's own files are never read).</summary>
    private static CliConfigEnvironment EnvironmentFor(string home) =>
        ProcessCliEnvironment.Create(new Dictionary<string, string?> { ["HOME"] = home }, home);

    private static MirrorSource Load(TempFolder temp, string? template, string cliConfigText)
    {
        var home = temp.CreateDirectory("home");
        var rc = Path.Combine(home, "tofu.rc");
        File.WriteAllText(rc, cliConfigText);
        var source = MirrorSource.Load(new MirrorSourceOptions(template, rc, temp.Path), EnvironmentFor(home));
        Assert.AreEqual(0, source.Diagnostics.Count, string.Join("\n", source.Diagnostics));
        Assert.IsNotNull(source.Stores);
        return source;
    }

    private static async Task<PushReport> PushAsync(IProviderStoreResolver stores, ProviderAddress provider, params string[] zips) =>
        await new PushJob().RunAsync(new PushRequest(PushSourceReader.Read(zips, provider, []), stores), default);

    private static Dictionary<string, string> MakeZips(RestoreScenario scenario, ProviderAddress provider, string version, params string[] platforms) =>
        platforms.ToDictionary(p => p, p => ProviderZips.Create(Path.Combine(scenario.Zips, provider.Type), provider.Type, version, p));

    private static RestoreRequest Request(RestoreScenario scenario, IProviderStoreResolver stores, params string[] platforms) =>
        new(scenario.Module, stores, platforms.Select(Platform.Parse).ToList(), scenario.Output, OutputLayout.Unpacked, scenario.Cache);

    [TestMethod]
    public void CommandLineTemplateWithoutHostnameIsCheckedLikeAnOciMirrorWithoutInclude()
    {
        using var temp = new TempFolder();
        var home = temp.CreateDirectory("home");
        using var source = MirrorSource.Load(new MirrorSourceOptions("127.0.0.1:5000/providers/${namespace}/${type}", null, temp.Path), EnvironmentFor(home));
        Assert.IsNull(source.Stores);
        var error = source.Diagnostics.Single();
        Assert.AreEqual(DiagnosticCodes.InvalidCliConfig, error.Code);
        Assert.AreEqual("Invalid --repository-template", error.Summary);
        StringAssert.Contains(error.Detail, "must refer to ${hostname} unless --include pins one hostname");
    }

    [TestMethod]
    public async Task PushThenRestoreThroughAnOpenRegistry()
    {
        using var scenario = new RestoreScenario();
        using var source = Load(scenario.Temp, Open.Host + "/providers/${hostname}/${namespace}/${type}", "");
        var demo = MakeZips(scenario, Demo, "1.0.0", "linux_amd64", "darwin_arm64");
        var other = MakeZips(scenario, Other, "0.3.1", "linux_amd64", "darwin_arm64");
        var pushedDemo = (await PushAsync(source.Stores!, Demo, [.. demo.Values])).Versions.Single();
        await PushAsync(source.Stores!, Other, [.. other.Values]);
        Assert.AreEqual(Open.Host + "/providers/registry.opentofu.org/tofumirror/demo", pushedDemo.Repository);
        ModuleFiles.Write(scenario.Module,
            (Demo, "1.0.0", RestoreScenario.HashesOf(demo.Values)),
            (Other, "0.3.1", RestoreScenario.HashesOf(other.Values)));

        var report = await new RestoreJob().RunAsync(Request(scenario, source.Stores!, "linux_amd64", "darwin_arm64"), default);

        RestoreScenario.AssertSucceeded(report);
        Assert.AreEqual(4, report.Items.Count);
        foreach (var (provider, version, zips) in new[] { (Demo, "1.0.0", demo), (Other, "0.3.1", other) })
        foreach (var (platform, zip) in zips)
            Assert.AreEqual(ProviderZips.H1(zip), PackageHasher.ComputeH1FromDirectory(scenario.UnpackedDirectory(provider, version, platform)));
        var item = report.Items.First(i => i.Provider == Demo);
        Assert.AreEqual(pushedDemo.IndexDigest, item.Stamp!.IndexDigest);
        Assert.AreEqual(Open.Host + "/providers/registry.opentofu.org/tofumirror/demo", item.Stamp.Repository);

        // Pushing again sends no blob; the index is the same.
        var again = (await PushAsync(source.Stores!, Demo, [.. demo.Values])).Versions.Single();
        Assert.IsTrue(again.Platforms.All(p => p.Blob == BlobPushResult.AlreadyExists));
        Assert.AreEqual(pushedDemo.IndexDigest, again.IndexDigest);
    }

    [TestMethod]
    public async Task PushSendsBlobsThenManifestThenTaggedIndexLast()
    {
        // oci-mirror §4: per platform zip blob, config blob, manifest by digest; the version tag last.
        using var scenario = new RestoreScenario();
        await using var proxy = await RegistryProxy.StartAsync(Open.Host);
        var requests = new ConcurrentQueue<string>();
        proxy.Intercept = context =>
        {
            requests.Enqueue(context.Request.Method + " " + context.Request.Path);
            return Task.FromResult(false);
        };
        using var ordered = Load(scenario.Temp, proxy.Host + "/order/${hostname}/${namespace}/${type}", "");
        var zip = MakeZips(scenario, Demo, "1.0.0", "linux_amd64")["linux_amd64"];

        var pushed = (await PushAsync(ordered.Stores!, Demo, zip)).Versions.Single();

        var writes = requests.Where(r => r.StartsWith("PUT ", StringComparison.Ordinal) || r.StartsWith("POST ", StringComparison.Ordinal)).ToList();
        var platform = pushed.Platforms.Single();
        var zipPut = writes.FindIndex(r => r.StartsWith("PUT ", StringComparison.Ordinal) && r.Contains("/blobs/uploads/", StringComparison.Ordinal));
        var manifestPut = writes.FindIndex(r => r.EndsWith("/manifests/" + platform.ManifestDigest, StringComparison.Ordinal));
        var tagPut = writes.FindIndex(r => r.EndsWith("/manifests/1.0.0", StringComparison.Ordinal));
        Assert.AreEqual(2, writes.Count(r => r.StartsWith("PUT ", StringComparison.Ordinal) && r.Contains("/blobs/uploads/", StringComparison.Ordinal)), string.Join("\n", writes));
        Assert.IsTrue(zipPut >= 0 && zipPut < manifestPut && manifestPut < tagPut, string.Join("\n", writes));
        Assert.AreEqual(writes.Count - 1, tagPut, "the tag must be the last write");
    }

    [TestMethod]
    public async Task PushAndRestoreWithHtpasswdCredentialsFromTheCliConfig()
    {
        using var scenario = new RestoreScenario();
        var rc =
            $"oci_credentials \"{Basic.Host}\" {{\n  username = \"{User}\"\n  password = \"{Password}\"\n}}\n" +
            "provider_installation {\n  oci_mirror {\n" +
            $"    repository_template = \"{Basic.Host}/auth/${{namespace}}/${{type}}\"\n" +
            "    include             = [\"registry.opentofu.org/tofumirror/*\"]\n  }\n}\n";
        using var source = Load(scenario.Temp, template: null, rc);
        var zip = MakeZips(scenario, Demo, "1.0.0", "linux_amd64")["linux_amd64"];
        var pushed = (await PushAsync(source.Stores!, Demo, zip)).Versions.Single();
        Assert.AreEqual(Basic.Host + "/auth/tofumirror/demo", pushed.Repository);
        ModuleFiles.Write(scenario.Module, (Demo, "1.0.0", RestoreScenario.HashesOf([zip])));

        var report = await new RestoreJob().RunAsync(Request(scenario, source.Stores!, "linux_amd64"), default);

        RestoreScenario.AssertSucceeded(report);
        Assert.AreEqual(ProviderZips.H1(zip), PackageHasher.ComputeH1FromDirectory(scenario.UnpackedDirectory(Demo, "1.0.0", "linux_amd64")));
    }

    [TestMethod]
    [DataRow(null)]
    [DataRow("wrong-password-xyz")]
    public async Task RestoreWithoutValidCredentialsIsUnauthorizedAndNeverShowsTheSecret(string? password)
    {
        using var scenario = new RestoreScenario();
        var credentials = password is null ? "" : $"oci_credentials \"{Basic.Host}\" {{\n  username = \"{User}\"\n  password = \"{password}\"\n}}\n";
        using var source = Load(scenario.Temp, Basic.Host + "/auth/${hostname}/${namespace}/${type}", credentials);
        ModuleFiles.Write(scenario.Module, (Demo, "1.0.0", new[] { PackageHash.Parse("zh:" + new string('a', 64)) }));

        var report = await new RestoreJob().RunAsync(Request(scenario, source.Stores!, "linux_amd64"), default);

        var item = RestoreScenario.Single(report);
        Assert.AreEqual(RestoreStatus.Failed, item.Status);
        Assert.AreEqual(DiagnosticCodes.RegistryUnauthorized, item.Error!.Code, item.Error.Detail);
        if (password is not null)
            Assert.IsFalse(item.Error.ToString().Contains(password, StringComparison.Ordinal) || (item.Error.Detail ?? "").Contains(password, StringComparison.Ordinal),
                "the password appears in the error");
        Assert.IsFalse(Directory.Exists(Path.Combine(scenario.Output, "registry.opentofu.org")));
    }

    [TestMethod]
    public async Task SkopeoSeesTheIndexAndManifestsAsTheSpecDescribes()
    {
        ExternalTool.Require(Skopeo, "skopeo");
        using var scenario = new RestoreScenario();
        using var source = Load(scenario.Temp, Open.Host + "/skopeo/${hostname}/${namespace}/${type}", "");
        var zips = MakeZips(scenario, Demo, "1.0.0", "linux_amd64", "darwin_arm64");
        var pushed = (await PushAsync(source.Stores!, Demo, [.. zips.Values])).Versions.Single();
        var reference = $"docker://{Open.Host}/skopeo/registry.opentofu.org/tofumirror/demo";

        var inspect = ExternalTool.Run(Skopeo, ["inspect", "--raw", "--tls-verify=false", reference + ":1.0.0"]);

        Assert.AreEqual(0, inspect.Code, inspect.Stderr);
        Assert.AreEqual(pushed.IndexDigest, Digest.Compute(System.Text.Encoding.UTF8.GetBytes(inspect.Stdout.TrimEnd('\n'))).ToString());
        using var index = JsonDocument.Parse(inspect.Stdout);
        var root = index.RootElement;
        Assert.AreEqual(2, root.GetProperty("schemaVersion").GetInt32());
        Assert.AreEqual("application/vnd.oci.image.index.v1+json", root.GetProperty("mediaType").GetString());
        Assert.AreEqual("application/vnd.opentofu.provider", root.GetProperty("artifactType").GetString());
        var entries = root.GetProperty("manifests").EnumerateArray().ToList();
        Assert.AreEqual(2, entries.Count);
        for (var i = 0; i < entries.Count; i++)
        {
            var entry = entries[i];
            var platform = pushed.Platforms[i];
            Assert.AreEqual("application/vnd.oci.image.manifest.v1+json", entry.GetProperty("mediaType").GetString());
            Assert.AreEqual("application/vnd.opentofu.provider-target", entry.GetProperty("artifactType").GetString());
            Assert.AreEqual(platform.ManifestDigest, entry.GetProperty("digest").GetString());
            Assert.AreEqual(platform.Platform.Os, entry.GetProperty("platform").GetProperty("os").GetString());
            Assert.AreEqual(platform.Platform.Arch, entry.GetProperty("platform").GetProperty("architecture").GetString());

            var manifestRun = ExternalTool.Run(Skopeo, ["inspect", "--raw", "--tls-verify=false", reference + "@" + platform.ManifestDigest]);
            Assert.AreEqual(0, manifestRun.Code, manifestRun.Stderr);
            Assert.AreEqual(entry.GetProperty("size").GetInt64(), System.Text.Encoding.UTF8.GetByteCount(manifestRun.Stdout.TrimEnd('\n')));
            using var manifest = JsonDocument.Parse(manifestRun.Stdout);
            var m = manifest.RootElement;
            Assert.AreEqual("application/vnd.oci.image.manifest.v1+json", m.GetProperty("mediaType").GetString());
            Assert.AreEqual("application/vnd.opentofu.provider-target", m.GetProperty("artifactType").GetString());
            Assert.AreEqual("application/vnd.oci.image.config.v1+json", m.GetProperty("config").GetProperty("mediaType").GetString());
            var layer = m.GetProperty("layers").EnumerateArray().Single();
            Assert.AreEqual("archive/zip", layer.GetProperty("mediaType").GetString());
            Assert.AreEqual(platform.LayerDigest, layer.GetProperty("digest").GetString());
            Assert.AreEqual(new FileInfo(zips[platform.Platform.ToString()]).Length, layer.GetProperty("size").GetInt64());
            Assert.AreEqual($"terraform-provider-demo_1.0.0_{platform.Platform}.zip", layer.GetProperty("annotations").GetProperty("org.opencontainers.image.title").GetString());
            Assert.AreEqual(platform.H1.ToString(), m.GetProperty("annotations").GetProperty("org.tofumirror.package.h1").GetString());
        }
    }
}
