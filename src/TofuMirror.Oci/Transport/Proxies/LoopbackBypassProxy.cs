using System;
using System.Net;

namespace TofuMirror.Oci.Transport.Proxies;

/// <summary>
/// Sends loopback destinations (localhost, 127.0.0.0/8, ::1) direct and everything else as <see cref="Inner"/> says,
/// as Go's proxy rules (and so OpenTofu) do: a registry on this machine is never reached through a proxy.
/// </summary>
public sealed class LoopbackBypassProxy : IWebProxy
{
    public LoopbackBypassProxy(IWebProxy inner) => Inner = inner ?? throw new ArgumentNullException(nameof(inner));

    public IWebProxy Inner { get; }

    public ICredentials? Credentials
    {
        get => Inner.Credentials;
        set => Inner.Credentials = value;
    }

    public Uri? GetProxy(Uri destination) => IsBypassed(destination) ? null : Inner.GetProxy(destination);

    public bool IsBypassed(Uri host)
    {
        ArgumentNullException.ThrowIfNull(host);
        return host.IsLoopback || HostNames.IsLoopback(host.IdnHost) || Inner.IsBypassed(host);
    }
}
