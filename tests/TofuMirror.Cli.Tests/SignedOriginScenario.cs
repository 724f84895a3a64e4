using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text.Json.Nodes;
using System.Threading.Tasks;
using TofuMirror.Engine.Stores;
using TofuMirror.Model.Addresses;
using TofuMirror.Oci;
using TofuMirror.Testing;
using TofuMirror.Testing.OpenPgp;
using TofuMirror.Testing.Origin;
using TofuMirror.Testing.Registry;

namespace TofuMirror.Cli.Tests;

/// <summary>
/// An origin provider registry on loopback, reached as <see cref="Host"/> through a CLI-config <c>host</c> block: three
/// providers (acme/alpha, acme/beta, corp/gamma), version 1.0.0 for four platforms each, SHA256SUMS signed with a
/// test author's key; a module needing all three; and a proxy in front of the real registry that records every request.
/// </summary>
internal sealed class SignedOriginScenario : IAsyncDisposable
{
    public const string Host = "registry.example.test";
    public const string ReleaseVersion = "1.0.0";
    public static readonly string[] FourPlatforms = ["darwin_arm64", "linux_amd64", "linux_arm64", "windows_amd64"];
    public static readonly ProviderAddress Alpha = ProviderAddress.Parse(Host + "/acme/alpha");
    public static readonly ProviderAddress Beta = ProviderAddress.Parse(Host + "/acme/beta");
    public static readonly ProviderAddress Gamma = ProviderAddress.Parse(Host + "/corp/gamma");

    private SignedOriginScenario(TempFolder temp, LoopbackOrigin origin, OriginLayoutBuilder layout, RegistryProxy proxy, TestSigningKey key)
    {
        Temp = temp;
        Origin = origin;
        Layout = layout;
        Proxy = proxy;
        Key = key;
    }

    public TempFolder Temp { get; }
    public LoopbackOrigin Origin { get; }
    public OriginLayoutBuilder Layout { get; }
    public RegistryProxy Proxy { get; }
    public TestSigningKey Key { get; }

    /// <summary>Every request the registry got, as <c>METHOD /path</c>.</summary>
    public ConcurrentQueue<string> Requests { get; } = new();

    public string OriginRoot => Temp.Combine("origin");

    public string Prefix { get; } = "signed-" + Guid.NewGuid().ToString("N")[..8];

    public string Template => Proxy.Host + "/" + Prefix + "/${hostname}/${namespace}/${type}";

    /// <summary>The connected side's CLI configuration: the origin's host block.</summary>
    public string CliConfig => Temp.Combine("origin.tofurc");

    public IReadOnlyDictionary<string, string?> Variables => new Dictionary<string, string?> { ["TF_CLI_CONFIG_FILE"] = CliConfig };

    /// <param name="registryHost">The real registry the proxy forwards to.</param>
    /// <param name="configure">Changes the layout before it is written (e.g. the packages map).</param>
    public static async Task<SignedOriginScenario> CreateAsync(string registryHost, Action<OriginLayoutBuilder>? configure = null)
    {
        var temp = new TempFolder("tofumirror-signed-origin");
        var key = TestSigningKey.Get();
        var origin = await LoopbackOrigin.StartAsync(temp.CreateDirectory("origin"));
        var layout = new OriginLayoutBuilder(key.SignDetached, key.ArmoredPublicKey) { NetworkMirrorHost = Host }
            .Add("acme", "alpha", ReleaseVersion, FourPlatforms)
            .Add("acme", "beta", ReleaseVersion, FourPlatforms)
            .Add("corp", "gamma", ReleaseVersion, FourPlatforms);
        configure?.Invoke(layout);
        layout.WriteTo(origin.Root);
        var scenario = new SignedOriginScenario(temp, origin, layout, await RegistryProxy.StartAsync(registryHost), key);
        scenario.Proxy.Intercept = context =>
        {
            scenario.Requests.Enqueue(context.Request.Method + " " + context.Request.Path);
            return Task.FromResult(false);
        };
        temp.WriteFile("origin.tofurc",
            $"host \"{Host}\" {{\n  services = {{\n    \"providers.v1\" = \"{origin.BaseUrl}v1/providers/\"\n  }}\n}}\n");
        temp.WriteFile("module/main.tf", $$"""
            terraform {
              required_providers {
                alpha = { source = "{{Alpha}}", version = "~> 1.0" }
                beta  = { source = "{{Beta}}", version = ">= 1.0.0" }
                gamma = { source = "{{Gamma}}", version = "1.0.0" }
              }
            }
            """);
        return scenario;
    }

    /// <summary><c>tofu-mirror mirror</c> for the module into the proxied registry, with the origin's host block.</summary>
    public Task<CliRun> MirrorAsync(params string[] extra) =>
        CliRun.RunAsync(Temp.Path, false, Variables, ["mirror", "--chdir", "module", "--repository-template", Template, "--json", "--cache", "cache", .. extra]);

    /// <summary><c>tofu-mirror mirror PROVIDER@CONSTRAINTS</c> (no module) into the proxied registry.</summary>
    public Task<CliRun> MirrorProviderAsync(string provider, params string[] extra) =>
        CliRun.RunAsync(Temp.Path, false, Variables, ["mirror", provider, "--repository-template", Template, "--json", "--cache", "cache", .. extra]);

    /// <summary>Requests that change the registry (uploads, manifest and tag writes).</summary>
    public List<string> Writes() => Requests.Where(r => !r.StartsWith("GET ", StringComparison.Ordinal) && !r.StartsWith("HEAD ", StringComparison.Ordinal)).ToList();

    /// <summary>The SHA256SUMS of a release as the origin serves it, relative to the origin root.</summary>
    public static string ShaSumsPath(string type) => $"files/{type}/{ReleaseVersion}/terraform-provider-{type}_{ReleaseVersion}_SHA256SUMS";

    public static string ZipPath(string type, string platform) => $"files/{type}/{ReleaseVersion}/terraform-provider-{type}_{ReleaseVersion}_{platform}.zip";

    public static string DownloadPath(string ns, string type, string platform) =>
        $"v1/providers/{ns}/{type}/{ReleaseVersion}/download/{platform.Split('_')[0]}/{platform.Split('_')[1]}";

    public string File(string relative) => Path.Combine(OriginRoot, relative);

    /// <summary>Rewrites one download JSON of the origin.</summary>
    public void EditDownload(string ns, string type, string platform, Action<JsonObject> edit)
    {
        var path = File(DownloadPath(ns, type, platform));
        var json = JsonNode.Parse(System.IO.File.ReadAllText(path))!.AsObject();
        edit(json);
        System.IO.File.WriteAllText(path, json.ToJsonString());
    }

    /// <summary>The store of a provider's repository in the registry, read directly (not through the proxy's log).</summary>
    public MirrorSource Source(string registryHost) => MirrorSource.Load(
        new MirrorSourceOptions(registryHost + "/" + Prefix + "/${hostname}/${namespace}/${type}", null, Temp.Path),
        ProcessCliEnvironment.Create(new Dictionary<string, string?> { ["HOME"] = Temp.Path }, Temp.Path));

    public static IOciRepositoryStore Store(MirrorSource source, ProviderAddress provider) => source.Stores!.Resolve(provider).Single();

    private bool _originStopped;

    /// <summary>Takes the origin off the network: from now on only the OCI mirror has the packages.</summary>
    public async Task StopOriginAsync()
    {
        _originStopped = true;
        await Origin.DisposeAsync();
    }

    public async ValueTask DisposeAsync()
    {
        await Proxy.DisposeAsync();
        if (!_originStopped) await Origin.DisposeAsync();
        Temp.Dispose();
    }
}
