using System;
using TofuMirror.Oci.Transport;

namespace TofuMirror.Engine.Origin;

/// <summary>
/// Settings of the origin HTTP client. TLS (custom CA, client certificate), proxy, insecure hosts, User-Agent and
/// retries come from the same <see cref="OciClientOptions"/> the registry commands build; the limits are the origin's own.
/// </summary>
public sealed record OriginHttpOptions
{
    /// <summary>TLS, proxy, <see cref="OciClientOptions.InsecureHosts"/>, User-Agent, retries and request timeout.</summary>
    public OciClientOptions Transport { get; init; } = new();

    /// <summary>The largest JSON or small document (discovery, versions, download metadata, SHA256SUMS, signature) read.</summary>
    public long MaxDocumentBytes { get; init; } = 4L * 1024 * 1024;

    /// <summary>The largest provider package downloaded.</summary>
    public long MaxPackageBytes { get; init; } = 2L * 1024 * 1024 * 1024;

    /// <summary>Redirects followed per request.</summary>
    public int MaxRedirects { get; init; } = 10;
}
