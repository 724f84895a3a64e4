using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using TofuMirror.Diagnostics;
using TofuMirror.Engine.Origin;
using TofuMirror.Engine.Stores;
using TofuMirror.Model.CliConfig;
using TofuMirror.Model.Diagnostics;
using TofuMirror.Oci.Transport;
using TofuMirror.Oci.Transport.Tls;

namespace TofuMirror.Engine.Lock;

/// <summary>
/// The origin registries <c>lock --origin</c> asks, one per provider host: the CLI configuration found as for the
/// other commands (its <c>host</c> and <c>credentials</c> blocks, <c>TF_TOKEN_…</c>), the registry commands' TLS,
/// proxy and insecure-host settings, one HTTP client for the run. Dispose it after the job.
/// </summary>
public sealed class OriginLockConnection : IDisposable
{
    private readonly OriginHttp _http;
    private readonly OriginResolver _resolver;

    private OriginLockConnection(CliConfig config, CliConfigEnvironment environment, OriginHttp http, IReadOnlyList<Diagnostic> diagnostics)
    {
        _http = http;
        _resolver = new OriginResolver(fromFolder: null, new OriginNetwork(http, config, environment));
        Diagnostics = diagnostics;
    }

    /// <summary>Problems with the CLI configuration or TLS files; the connection is unusable when one is an error.</summary>
    public IReadOnlyList<Diagnostic> Diagnostics { get; }

    public bool HasErrors => Diagnostics.Any(d => d.Severity == DiagnosticSeverity.Error);

    /// <summary>Reads <paramref name="cliConfigFile"/> (else the CLI configuration OpenTofu would find) and the network settings.</summary>
    public static OriginLockConnection Open(string? cliConfigFile, IReadOnlyCollection<string> insecureHosts, RegistryTlsFiles tls, CliConfigEnvironment environment)
    {
        var diagnostics = new List<Diagnostic>();
        var config = cliConfigFile is { } file ? CliConfigLoader.LoadFiles([file], environment) : CliConfigLoader.Load(environment);
        diagnostics.AddRange(config.Diagnostics.Select(d => d.Code is null ? d with { Code = DiagnosticCodes.InvalidCliConfig } : d));
        var network = NetworkSettings.Load(tls, environment, diagnostics);
        var http = new OriginHttp(new OriginHttpOptions
        {
            Transport = new OciClientOptions { InsecureHosts = insecureHosts, Tls = network.Tls, Proxy = network.Proxy },
        });
        return new OriginLockConnection(config, environment, http, diagnostics);
    }

    /// <summary>The origin registry of <paramref name="host"/>, discovered once per run.</summary>
    public Task<IProviderOrigin> OriginForAsync(string host, CancellationToken cancellationToken) =>
        _resolver.RegistryForAsync(host, cancellationToken);

    public void Dispose() => _http.Dispose();
}
