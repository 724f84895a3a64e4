using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Threading.Tasks;
using TofuMirror.Engine.Mirror;
using TofuMirror.Engine.Origin;
using TofuMirror.Engine.Progress;
using TofuMirror.Engine.Stores;
using TofuMirror.Engine.Tests.Support;
using TofuMirror.Model.Addresses;
using TofuMirror.Model.Platforms;
using TofuMirror.Testing;
using TofuMirror.Testing.Registry;

namespace TofuMirror.Engine.Tests.Mirror;

/// <summary>
/// A <c>tofu providers mirror</c> folder with three providers for four platforms (two versions of each), a module
/// needing all three, and a registry proxy that records every request the mirror job sends the real registry.
/// </summary>
internal sealed class MirrorScenario : IAsyncDisposable
{
    public static readonly ProviderAddress Alpha = ProviderAddress.Parse("registry.opentofu.org/acme/alpha");
    public static readonly ProviderAddress Beta = ProviderAddress.Parse("registry.opentofu.org/acme/beta");
    public static readonly ProviderAddress Gamma = ProviderAddress.Parse("example.com/corp/gamma");
    public static readonly string[] FourPlatforms = ["linux_amd64", "linux_arm64", "darwin_arm64", "windows_amd64"];

    private MirrorScenario(RegistryProxy proxy) => Proxy = proxy;

    public TempFolder Temp { get; } = new();

    public RegistryProxy Proxy { get; }

    /// <summary>The scenario's own repository prefix in the shared registry.</summary>
    public string Prefix { get; } = "mirrored-" + Guid.NewGuid().ToString("N")[..8];

    public ConcurrentQueue<string> Requests { get; } = new();

    public string Origin => Temp.Combine("origin");

    public string Module => Temp.Combine("module");

    public string Cache => Temp.Combine("cache");

    /// <summary>Zip paths by (provider, version, platform).</summary>
    public Dictionary<(ProviderAddress, string, string), string> Zips { get; } = new();

    public MirrorSource Source { get; private set; } = null!;

    public static async Task<MirrorScenario> CreateAsync(string registryHost)
    {
        var scenario = new MirrorScenario(await RegistryProxy.StartAsync(registryHost));
        scenario.Proxy.Intercept = context =>
        {
            scenario.Requests.Enqueue(context.Request.Method + " " + context.Request.Path);
            return Task.FromResult(false);
        };
        foreach (var provider in new[] { Alpha, Beta, Gamma })
            foreach (var version in new[] { "1.0.0", "1.1.0" })
                scenario.AddVersion(provider, version, FourPlatforms);
        // alpha: newest allowed by "~> 1.0"; beta: locked at 1.0.0; gamma: pinned to 1.0.0.
        scenario.Temp.WriteFile("module/main.tf", $$"""
            terraform {
              required_providers {
                alpha = { source = "{{Alpha}}", version = "~> 1.0" }
                beta  = { source = "{{Beta}}", version = ">= 1.0.0" }
              }
            }
            module "child" { source = "./child" }
            """);
        scenario.Temp.WriteFile("module/child/main.tf", $$"""
            terraform {
              required_providers {
                gamma = { source = "{{Gamma}}", version = "1.0.0" }
              }
            }
            """);
        ModuleFiles.WriteLock(scenario.Module,
            ModuleFiles.Lock(Beta, "1.0.0", RestoreScenario.HashesOf(FourPlatforms.Select(p => scenario.Zips[(Beta, "1.0.0", p)]))));
        var home = scenario.Temp.CreateDirectory("home");
        scenario.Source = MirrorSource.Load(
            new MirrorSourceOptions(scenario.Proxy.Host + "/" + scenario.Prefix + "/${hostname}/${namespace}/${type}", null, scenario.Temp.Path),
            ProcessCliEnvironment.Create(new Dictionary<string, string?> { ["HOME"] = home }, home));
        return scenario;
    }

    /// <summary>Adds the zips of one version and its VERSION.json listing their h1: and zh:, as OpenTofu 1.12 writes it.</summary>
    public void AddVersion(ProviderAddress provider, string version, string[] platforms)
    {
        var (folder, zips) = ProvidersMirrorFolder.Create(Origin, provider, version, platforms);
        foreach (var (platform, zip) in zips) Zips[(provider, version, platform)] = zip;
        ProvidersMirrorFolder.WriteVersionIndex(folder, version, zips, ProvidersMirrorFolder.TrustedHashes);
    }

    public MirrorRequest Request(params string[] platforms) =>
        new([Module], [], new OriginResolver(Origin), Source.Stores!, Cache) { Platforms = platforms.Select(Platform.Parse).ToList() };

    public async Task<(MirrorReport Report, List<TransferEvent> Transfers)> RunAsync(MirrorRequest request)
    {
        var transfers = new List<TransferEvent>();
        var sink = new Recording(transfers);
        var report = await new MirrorJob(transfers: sink).RunAsync(request, default);
        return (report, transfers);
    }

    /// <summary>Requests that change the registry (uploads, manifest and tag writes).</summary>
    public List<string> Writes() => Requests.Where(r => !r.StartsWith("GET ", StringComparison.Ordinal) && !r.StartsWith("HEAD ", StringComparison.Ordinal)).ToList();

    public async ValueTask DisposeAsync()
    {
        Source?.Dispose();
        await Proxy.DisposeAsync();
        Temp.Dispose();
    }

    private sealed class Recording(List<TransferEvent> events) : IProgress<TransferEvent>
    {
        public void Report(TransferEvent value)
        {
            lock (events) events.Add(value);
        }
    }
}
