using System;
using System.Collections.Generic;
using System.Net.Http;
using System.Security.Cryptography;
using System.Threading;
using System.Threading.Tasks;
using TofuMirror.Engine.Origin;
using TofuMirror.Model.CliConfig;
using TofuMirror.Oci.Transport;
using TofuMirror.Testing;
using TofuMirror.Testing.Origin;

namespace TofuMirror.Engine.Tests.Origin;

/// <summary>A loopback origin laid out by <see cref="OriginLayoutBuilder"/> and the helpers the origin tests share.</summary>
internal sealed class OriginFixture : IAsyncDisposable
{
    public const string RegistryHost = "registry.example.com";
    public const string ArmoredKey = "-----BEGIN PGP PUBLIC KEY BLOCK-----\n\ntest key\n-----END PGP PUBLIC KEY BLOCK-----\n";

    private OriginFixture(TempFolder folder, LoopbackOrigin origin, OriginLayoutBuilder layout)
    {
        Folder = folder;
        Origin = origin;
        Layout = layout;
    }

    public TempFolder Folder { get; }
    public LoopbackOrigin Origin { get; }
    public OriginLayoutBuilder Layout { get; }

    /// <summary>Any delegate will do: these tests fetch and serve signatures, they do not verify them.</summary>
    public static byte[] FakeSignature(byte[] data) => SHA256.HashData(data);

    public static async Task<OriginFixture> StartAsync(Action<OriginLayoutBuilder, LoopbackOrigin>? configure = null)
    {
        var folder = new TempFolder("tofumirror-origin");
        var origin = await LoopbackOrigin.StartAsync(folder.Path);
        var layout = new OriginLayoutBuilder(FakeSignature, ArmoredKey) { NetworkMirrorHost = RegistryHost }
            .Add("acme", "widget", "1.2.0", "linux_amd64", "darwin_arm64")
            .Add("acme", "widget", "1.3.0-beta.1", "linux_amd64");
        configure?.Invoke(layout, origin);
        layout.WriteTo(folder.Path);
        return new OriginFixture(folder, origin, layout);
    }

    /// <summary>A CLI configuration mapping <see cref="RegistryHost"/> to the loopback origin through a host block.</summary>
    public string HostBlock(string? token = null) =>
        $"host \"{RegistryHost}\" {{\n  services = {{\n    \"providers.v1\" = \"{Origin.BaseUrl}v1/providers/\"\n  }}\n}}\n"
        + (token is null ? "" : $"credentials \"{RegistryHost}\" {{\n  token = \"{token}\"\n}}\n");

    public static CliConfigEnvironment Environment(IReadOnlyDictionary<string, string>? variables = null) => new(
        CliOperatingSystem.Linux,
        name => variables is not null && variables.TryGetValue(name, out var value) ? value : null,
        "/home/user",
        _ => null,
        _ => null,
        "/work");

    public static OriginHttp Http(HttpMessageHandler? primary = null) => new(new OriginHttpOptions
    {
        Transport = new OciClientOptions { MaxRetries = 2, RetryBaseDelay = TimeSpan.FromMilliseconds(1), RetryMaxDelay = TimeSpan.FromMilliseconds(5) },
        MaxDocumentBytes = 64 * 1024,
    }, primary);

    public async Task<RegistryProviderOrigin> RegistryAsync(OriginHttp http, string? token = null, IReadOnlyDictionary<string, string>? variables = null)
    {
        var environment = Environment(variables);
        var config = CliConfigLoader.LoadText(HostBlock(token), "/home/user/.tofurc", environment);
        return await RegistryProviderOrigin.CreateAsync(RegistryHost, new ServiceDiscovery(http, config.OriginHosts), http, config, environment, CancellationToken.None);
    }

    public async ValueTask DisposeAsync()
    {
        await Origin.DisposeAsync();
        Folder.Dispose();
    }
}
