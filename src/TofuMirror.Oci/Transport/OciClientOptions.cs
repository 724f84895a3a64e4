using System;
using System.Collections.Generic;
using System.Net;
using Microsoft.Extensions.Logging;
using TofuMirror.Oci.Auth;
using TofuMirror.Oci.Transport.Tls;

namespace TofuMirror.Oci.Transport;

/// <summary>Settings of the OCI HTTP stack. The defaults suit real registries; tests shorten the delays.</summary>
public sealed record OciClientOptions
{
    /// <summary>Hosts (<c>host</c> or <c>host:port</c>) that may be reached over plain HTTP besides loopback.</summary>
    public IReadOnlyCollection<string> InsecureHosts { get; init; } = Array.Empty<string>();

    /// <summary>Use plain HTTP for loopback registries (localhost, 127.0.0.0/8, ::1). On by default.</summary>
    public bool PlainHttpForLoopback { get; init; } = true;

    /// <summary>Where credentials come from; anonymous when null.</summary>
    public ICredentialProvider? Credentials { get; init; }

    public ILoggerFactory? LoggerFactory { get; init; }

    /// <summary>Extra trusted certificate authorities and the client certificate for mutual TLS.</summary>
    public RegistryTls Tls { get; init; } = RegistryTls.SystemDefaults;

    /// <summary>
    /// The proxy for registries and token services; null uses the system's (<see cref="System.Net.Http.HttpClient.DefaultProxy"/>).
    /// Loopback destinations always go direct.
    /// </summary>
    public IWebProxy? Proxy { get; init; }

    public string UserAgent { get; init; } = "tofumirror";

    /// <summary>Retries after the first attempt for 5xx, 429 and broken connections.</summary>
    public int MaxRetries { get; init; } = 4;

    public TimeSpan RetryBaseDelay { get; init; } = TimeSpan.FromMilliseconds(250);

    public TimeSpan RetryMaxDelay { get; init; } = TimeSpan.FromSeconds(8);

    /// <summary>The longest <c>Retry-After</c> honoured; longer waits are cut to this.</summary>
    public TimeSpan RetryAfterCap { get; init; } = TimeSpan.FromSeconds(30);

    public int MaxRedirects { get; init; } = 10;

    /// <summary>OpenTofu's manifest size limit in MiB (integer-division rule).</summary>
    public int ManifestSizeLimitMiB { get; init; } = 4;

    /// <summary>Blobs at least this large are uploaded in <c>PATCH</c> chunks (each a request the registry stores on its own).</summary>
    public long ChunkedUploadThreshold { get; init; } = 256L * 1024 * 1024;

    /// <summary>The size of each <c>PATCH</c> chunk (one buffer of this size is held while uploading): fewer round trips vs. memory.</summary>
    public int UploadChunkSize { get; init; } = 32 * 1024 * 1024;

    /// <summary>How often a broken blob download is resumed with <c>Range</c>.</summary>
    public int MaxResumeAttempts { get; init; } = 5;

    /// <summary>
    /// How long a blob or manifest body may deliver no bytes before the read fails as a broken
    /// connection (blob downloads then resume with <c>Range</c>).
    /// </summary>
    public TimeSpan BodyIdleTimeout { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>Per-request timeout for everything but body streaming.</summary>
    public TimeSpan RequestTimeout { get; init; } = TimeSpan.FromMinutes(5);

    /// <summary>The clock token lifetimes are measured with.</summary>
    public TimeProvider Clock { get; init; } = TimeProvider.System;

    /// <summary>True when <paramref name="hostAndPort"/> may be used over plain HTTP (loopback, or listed in <see cref="InsecureHosts"/>).</summary>
    public bool AllowsPlainHttp(string hostAndPort)
        => (PlainHttpForLoopback && HostNames.IsLoopback(hostAndPort)) || AllowsPlainHttpExplicitly(hostAndPort);

    /// <summary>
    /// True when <paramref name="hostAndPort"/> is listed in <see cref="InsecureHosts"/> (as <c>host</c> or <c>host:port</c>).
    /// Token realms and URLs an HTTPS registry hands out need this; being loopback is not enough.
    /// </summary>
    public bool AllowsPlainHttpExplicitly(string hostAndPort)
    {
        var host = HostNames.HostOf(hostAndPort);
        foreach (var entry in InsecureHosts)
        {
            if (string.Equals(entry, hostAndPort, StringComparison.OrdinalIgnoreCase)
                || string.Equals(entry, host, StringComparison.OrdinalIgnoreCase)) return true;
        }

        return false;
    }

    /// <summary>The URL scheme to use for <paramref name="registry"/>.</summary>
    public string SchemeFor(string registry) => AllowsPlainHttp(registry) ? "http" : "https";
}
