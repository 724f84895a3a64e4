using System;
using System.Globalization;
using System.Net;

namespace TofuMirror.Oci.Transport;

/// <summary>Small helpers over <c>host[:port]</c> strings.</summary>
public static class HostNames
{
    /// <summary>The host part of <c>host[:port]</c> (brackets of IPv6 literals removed).</summary>
    public static string HostOf(string hostAndPort)
    {
        ArgumentNullException.ThrowIfNull(hostAndPort);
        if (hostAndPort.StartsWith('['))
        {
            var close = hostAndPort.IndexOf(']');
            return close > 0 ? hostAndPort.Substring(1, close - 1) : hostAndPort;
        }

        var colon = hostAndPort.IndexOf(':');
        if (colon >= 0 && hostAndPort.IndexOf(':', colon + 1) >= 0) return hostAndPort; // bare IPv6
        return colon >= 0 ? hostAndPort.Substring(0, colon) : hostAndPort;
    }

    /// <summary>True for <c>localhost</c>, <c>127.0.0.0/8</c> and <c>::1</c>.</summary>
    public static bool IsLoopback(string hostAndPort)
    {
        var host = HostOf(hostAndPort);
        if (string.Equals(host, "localhost", StringComparison.OrdinalIgnoreCase)) return true;
        return IPAddress.TryParse(host, out var ip) && IPAddress.IsLoopback(ip);
    }

    /// <summary><c>host[:port]</c> of a URI as it would be written in a registry reference (default ports omitted).</summary>
    public static string AuthorityOf(Uri uri)
    {
        var host = uri.HostNameType == UriHostNameType.IPv6 ? "[" + uri.IdnHost.Trim('[', ']') + "]" : uri.IdnHost;
        return uri.IsDefaultPort ? host : host + ":" + uri.Port.ToString(CultureInfo.InvariantCulture);
    }

    /// <summary>True when two URIs address the same scheme, host and port.</summary>
    public static bool SameOrigin(Uri a, Uri b)
        => string.Equals(a.Scheme, b.Scheme, StringComparison.OrdinalIgnoreCase)
            && string.Equals(a.IdnHost, b.IdnHost, StringComparison.OrdinalIgnoreCase)
            && a.Port == b.Port;
}
