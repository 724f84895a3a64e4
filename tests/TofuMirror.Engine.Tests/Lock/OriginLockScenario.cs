using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using TofuMirror.Engine.Hashing;
using TofuMirror.Engine.Lock;
using TofuMirror.Engine.Origin;
using TofuMirror.Engine.Tests.Origin;
using TofuMirror.Model.Addresses;
using TofuMirror.Model.CliConfig;
using TofuMirror.Model.Hashing;
using TofuMirror.Model.Locks;
using TofuMirror.Model.Platforms;
using TofuMirror.Testing;
using TofuMirror.Testing.OpenPgp;
using TofuMirror.Testing.Origin;

namespace TofuMirror.Engine.Tests.Lock;

/// <summary>
/// A loopback origin registry (<see cref="Host"/> mapped to it by a CLI-config <c>host</c> block) serving three providers
/// for four platforms, SHA256SUMS signed with a generated key, and a module requiring the three.
/// </summary>
internal sealed class OriginLockScenario : IAsyncDisposable
{
    public const string Host = OriginFixture.RegistryHost;
    public static readonly string[] Platforms = ["darwin_arm64", "linux_amd64", "linux_arm64", "windows_amd64"];
    public static readonly (string Type, string Version)[] Releases = [("widget", "1.2.0"), ("gadget", "2.0.1"), ("gizmo", "0.3.0")];

    private LoopbackOrigin? _origin;

    private OriginLockScenario(TempFolder temp, LoopbackOrigin origin, OriginLayoutBuilder layout, TestSigningKey author)
    {
        Temp = temp;
        _origin = origin;
        Layout = layout;
        Author = author;
        Directory.CreateDirectory(Module);
        File.WriteAllText(Path.Combine(Module, "versions.tf"),
            "terraform {\n  required_providers {\n"
            + string.Concat(Releases.Select(r => $"    {r.Type} = {{\n      source  = \"{Host}/acme/{r.Type}\"\n      version = \">= 0.1.0\"\n    }}\n"))
            + "  }\n}\n");
    }

    public TempFolder Temp { get; }
    public LoopbackOrigin Origin => _origin ?? throw new InvalidOperationException("the origin was stopped");
    public OriginLayoutBuilder Layout { get; }
    public TestSigningKey Author { get; }
    public string Module => Temp.Combine("module");
    public string Cache => Temp.Combine("cache");
    public string LockFilePath => Path.Combine(Module, LockFile.FileName);

    public static ProviderAddress Address(string type) => ProviderAddress.Parse($"{Host}/acme/{type}");

    /// <summary>
    /// Starts the origin. <paramref name="signer"/> signs SHA256SUMS (default: the served key's author);
    /// <paramref name="configure"/> adjusts the layout before it is written; <paramref name="author"/> is the key the origin serves.
    /// </summary>
    public static async Task<OriginLockScenario> StartAsync(Action<OriginLayoutBuilder>? configure = null, TestSigningKey? signer = null, TestSigningKey? author = null)
    {
        author ??= TestSigningKey.Get();
        var temp = new TempFolder("tofumirror-originlock");
        var origin = await LoopbackOrigin.StartAsync(temp.CreateDirectory("origin"));
        var layout = new OriginLayoutBuilder((signer ?? author).SignDetached, author.ArmoredPublicKey);
        foreach (var (type, version) in Releases) layout.Add("acme", type, version, Platforms);
        layout.Add("acme", "widget", "1.1.0", Platforms);
        configure?.Invoke(layout);
        layout.WriteTo(origin.Root);
        return new OriginLockScenario(temp, origin, layout, author);
    }

    /// <summary>The CLI configuration that maps <see cref="Host"/> to the loopback origin.</summary>
    public string CliConfigText => $"host \"{Host}\" {{\n  services = {{\n    \"providers.v1\" = \"{Origin.BaseUrl}v1/providers/\"\n  }}\n}}\n";

    public async Task<LockReport> LockAsync(params string[] platforms)
    {
        using var http = OriginFixture.Http();
        var environment = OriginFixture.Environment();
        var config = CliConfigLoader.LoadText(CliConfigText, "/home/user/.tofurc", environment);
        var discovery = new ServiceDiscovery(http, config.OriginHosts);
        var request = new OriginLockRequest(Module,
            async (host, ct) => await RegistryProviderOrigin.CreateAsync(host, discovery, http, config, environment, ct),
            platforms.Select(Platform.Parse).ToList(), Cache);
        return await new OriginLockJob().RunAsync(request, CancellationToken.None);
    }

    /// <summary>The zip the origin serves, as bytes.</summary>
    public byte[] Zip(string type, string version, string platform) => Layout.Zips[(type, version, platform)];

    /// <summary>The path of a file the origin serves for a release (zip, SHA256SUMS, signature).</summary>
    public string ReleaseFile(string type, string version, string name) => Path.Combine(Origin.Root, "files", type, version, name);

    public string SumsPath(string type, string version) => ReleaseFile(type, version, $"terraform-provider-{type}_{version}_SHA256SUMS");

    public string DownloadJsonPath(string type, string version, string platform) =>
        Path.Combine(Origin.Root, "v1", "providers", "acme", type, version, "download", platform.Split('_')[0], platform.Split('_')[1]);

    /// <summary>The zh: of each platform read independently from the served SHA256SUMS.</summary>
    public Dictionary<string, string> SumsLines(string type, string version) =>
        File.ReadAllLines(SumsPath(type, version)).Where(l => l.Length > 0).ToDictionary(
            l => l.Split("  ")[1].Replace($"terraform-provider-{type}_{version}_", "").Replace(".zip", ""),
            l => "zh:" + l.Split("  ")[0]);

    /// <summary>The h1: of a served zip, computed from its entries (not by the code under test).</summary>
    public static string H1Of(byte[] zip)
    {
        using var stream = new MemoryStream(zip);
        return PackageHasher.ComputeH1FromZip(stream).ToString();
    }

    public IReadOnlyList<string> LockedHashes(string type)
    {
        var read = LockFileReader.Read(File.ReadAllText(LockFilePath), LockFilePath);
        return read.LockFile.Find(Address(type))!.Hashes.Select(h => h.ToString()).ToList();
    }

    public IEnumerable<OriginAccess> ZipDownloads => Origin.Log.Where(a => a.Path.EndsWith(".zip", StringComparison.Ordinal));

    /// <summary>Stops the origin: from here on nothing can be fetched from it.</summary>
    public async Task StopOriginAsync()
    {
        if (_origin is null) return;
        await _origin.DisposeAsync();
        _origin = null;
    }

    public async ValueTask DisposeAsync()
    {
        await StopOriginAsync();
        Temp.Dispose();
    }
}
