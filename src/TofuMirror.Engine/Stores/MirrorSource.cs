using System;
using System.Collections.Generic;
using System.Linq;
using Microsoft.Extensions.Logging;
using TofuMirror.Model.CliConfig;
using TofuMirror.Oci.Transport;
using TofuMirror.Oci.Transport.Tls;
using TofuMirror.Model.Diagnostics;
using TofuMirror.Diagnostics;

namespace TofuMirror.Engine.Stores;

/// <summary>How the user named the mirror: a repository template on the command line, or a CLI configuration (explicit or discovered).</summary>
public sealed record MirrorSourceOptions(string? RepositoryTemplate, string? CliConfigFile, string BaseDirectory)
{
    /// <summary>With a command-line template: the <c>include</c> patterns of the <c>oci_mirror</c> block it stands for.</summary>
    public IReadOnlyList<string> Include { get; init; } = Array.Empty<string>();

    /// <summary>Hosts (besides loopback) where plain HTTP is allowed.</summary>
    public IReadOnlyCollection<string> InsecureHosts { get; init; } = Array.Empty<string>();

    /// <summary>PEM files for registry TLS (CA bundle, client certificate and key); a missing CA file falls back to <c>TOFU_MIRROR_CA_FILE</c>.</summary>
    public RegistryTlsFiles Tls { get; init; } = RegistryTlsFiles.None;

    public ILoggerFactory? LoggerFactory { get; init; }
}

/// <summary>The resolved mirror: where providers come from, and the OCI client that talks to registries.</summary>
public sealed class MirrorSource : IDisposable
{
    private readonly Lazy<OciClientFactory> _client;

    private MirrorSource(IProviderStoreResolver? stores, Lazy<OciClientFactory> client, IReadOnlyList<Diagnostic> diagnostics)
    {
        Stores = stores;
        _client = client;
        Diagnostics = diagnostics;
    }

    /// <summary>Null when the configuration has errors or no <c>oci_mirror</c> method.</summary>
    public IProviderStoreResolver? Stores { get; }

    /// <summary>Created on first use: a restore with everything up to date never builds the HTTP stack.</summary>
    public OciClientFactory Client => _client.Value;

    public IReadOnlyList<Diagnostic> Diagnostics { get; }

    /// <summary>The CLI configuration read (its <c>host</c> and <c>credentials</c> blocks also serve origin registries).</summary>
    public CliConfig Config { get; private init; } = null!;

    /// <summary>The TLS, proxy and insecure-host settings registries are reached with; origins are reached the same way.</summary>
    public OciClientOptions ClientOptions { get; private init; } = null!;

    /// <summary>
    /// <c>--repository-template</c> wins; an <c>oci-layout:</c> template names folders. Otherwise the CLI config's
    /// <c>oci_mirror</c> blocks are used (with OpenTofu's discovery when no file is given). Credentials always come from
    /// the CLI configuration and the Docker-style auth files, as OpenTofu finds them.
    /// </summary>
    public static MirrorSource Load(MirrorSourceOptions options, CliConfigEnvironment environment)
    {
        var diagnostics = new List<Diagnostic>();
        var config = options.CliConfigFile is { } file
            ? CliConfigLoader.LoadFiles([file], environment)
            : CliConfigLoader.Load(environment);
        diagnostics.AddRange(config.Diagnostics.Select(d => d.Code is null ? d with { Code = DiagnosticCodes.InvalidCliConfig } : d));

        var policy = OciCredentialsPolicy.Build(config, environment, out var policyDiagnostics);
        diagnostics.AddRange(policyDiagnostics.Select(d => d.Code is null ? d with { Code = DiagnosticCodes.InvalidCliConfig } : d));
        var network = NetworkSettings.Load(options.Tls, environment, diagnostics);
        var clientOptions = new OciClientOptions
        {
            Credentials = new PolicyCredentialProvider(policy, options.LoggerFactory?.CreateLogger<PolicyCredentialProvider>()),
            InsecureHosts = options.InsecureHosts,
            Tls = network.Tls,
            Proxy = network.Proxy,
            LoggerFactory = options.LoggerFactory,
        };
        var client = new Lazy<OciClientFactory>(() => new OciClientFactory(clientOptions));

        IProviderStoreResolver? stores = null;
        if (options.RepositoryTemplate is { } template)
        {
            stores = LayoutStoreResolver.IsLayoutTemplate(template)
                ? LayoutStoreResolver.Create(template, options.BaseDirectory, diagnostics)
                : FromTemplate(template, options.Include, client, diagnostics);
        }
        else if (!config.HasErrors)
        {
            var methods = config.ProviderInstallation?.Methods.OfType<OciMirrorMethod>().ToList() ?? [];
            if (methods.Count == 0)
                diagnostics.Add(Diagnostic.Error("No OCI mirror configured",
                    $"The CLI configuration ({string.Join(", ", config.Files.DefaultIfEmpty("none found"))}) has no provider_installation {{ oci_mirror {{ … }} }} block. " +
                    "Add one, or pass --repository-template.", null) with { Code = DiagnosticCodes.InvalidCliConfig });
            else if (PatternErrors(methods, diagnostics) == 0)
                stores = new OciMirrorStoreResolver(methods, client);
        }
        return new MirrorSource(diagnostics.Any(d => d.Severity == DiagnosticSeverity.Error) ? null : stores, client, diagnostics)
        {
            Config = config,
            ClientOptions = clientOptions,
        };
    }

    /// <summary>A command-line template is checked like an <c>oci_mirror</c> block with the <c>--include</c> patterns.</summary>
    private static IProviderStoreResolver? FromTemplate(
        string template, IReadOnlyList<string> include, Lazy<OciClientFactory> client, List<Diagnostic> diagnostics) =>
        CommandLineOciMirror.Load(template, include, diagnostics) is { } method ? new OciMirrorStoreResolver([method], client) : null;

    /// <summary>
    /// OpenTofu reports an invalid include/exclude pattern when it builds the installation sources; a method with one
    /// would otherwise silently handle nothing.
    /// </summary>
    private static int PatternErrors(IEnumerable<OciMirrorMethod> methods, List<Diagnostic> diagnostics)
    {
        var count = 0;
        foreach (var method in methods.Where(m => m.PatternError is not null))
        {
            diagnostics.Add(Diagnostic.Error("Invalid provider_installation",
                $"The oci_mirror block has an invalid include or exclude pattern: {method.PatternError}.", method.Range)
                with { Code = DiagnosticCodes.InvalidCliConfig });
            count++;
        }
        return count;
    }

    public void Dispose()
    {
        if (_client.IsValueCreated) _client.Value.Dispose();
    }
}
