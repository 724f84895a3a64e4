using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Net;
using System.Net.Sockets;

namespace TofuMirror.Oci.Transport.Proxies;

/// <summary>
/// <c>NO_PROXY</c> as Go reads it: comma- or space-separated entries; <c>*</c> matches everything; an IP address or CIDR
/// range matches addresses; a domain matches itself and its subdomains, one with a leading <c>.</c> (or <c>*.</c>) only
/// subdomains; any entry may end in <c>:port</c> to match that port only.
/// </summary>
internal sealed class NoProxyList
{
    private readonly bool _matchesAll;
    private readonly IReadOnlyList<Entry> _entries;

    private NoProxyList(bool matchesAll, IReadOnlyList<Entry> entries)
    {
        _matchesAll = matchesAll;
        _entries = entries;
    }

    public static NoProxyList Parse(string? text)
    {
        var entries = new List<Entry>();
        var all = false;
        foreach (var raw in (text ?? "").Split([',', ' '], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            if (raw == "*")
            {
                all = true;
                continue;
            }
            if (Entry.TryParse(raw.ToLowerInvariant(), out var entry)) entries.Add(entry);
        }
        return new NoProxyList(all, entries);
    }

    public bool Matches(Uri destination)
    {
        if (_matchesAll) return true;
        var host = destination.IdnHost.Trim('[', ']').ToLowerInvariant();
        var address = IPAddress.TryParse(host, out var ip) ? ip : null;
        return _entries.Any(e => e.Matches(host, address, destination.Port));
    }

    private sealed record Entry(string? Domain, bool SubdomainsOnly, IPAddress? Network, int PrefixLength, int? Port)
    {
        public static bool TryParse(string text, out Entry entry)
        {
            entry = null!;
            var slash = text.IndexOf('/');
            if (slash > 0)
            {
                if (!IPAddress.TryParse(text[..slash], out var network) || !int.TryParse(text[(slash + 1)..], NumberStyles.None, CultureInfo.InvariantCulture, out var bits))
                    return false;
                entry = new Entry(null, false, network, bits, null);
                return true;
            }
            var (host, port) = SplitPort(text);
            if (IPAddress.TryParse(host.Trim('[', ']'), out var address))
            {
                entry = new Entry(null, false, address, address.AddressFamily == AddressFamily.InterNetwork ? 32 : 128, port);
                return true;
            }
            if (host.StartsWith("*.", StringComparison.Ordinal)) host = host[1..];
            entry = host.StartsWith('.') ? new Entry(host[1..], true, null, 0, port) : new Entry(host, false, null, 0, port);
            return host.Length > 0;
        }

        public bool Matches(string host, IPAddress? address, int port)
        {
            if (Port is { } wanted && wanted != port) return false;
            if (Network is not null) return address is not null && InNetwork(address);
            if (host.EndsWith("." + Domain, StringComparison.Ordinal)) return true;
            return !SubdomainsOnly && host == Domain;
        }

        private bool InNetwork(IPAddress address)
        {
            if (address.AddressFamily != Network!.AddressFamily) return false;
            var a = address.GetAddressBytes();
            var n = Network.GetAddressBytes();
            for (var bit = 0; bit < PrefixLength && bit < a.Length * 8; bit++)
            {
                var mask = 0x80 >> (bit % 8);
                if ((a[bit / 8] & mask) != (n[bit / 8] & mask)) return false;
            }
            return true;
        }

        private static (string Host, int? Port) SplitPort(string text)
        {
            var colon = text.LastIndexOf(':');
            if (colon <= 0 || text.IndexOf(':') != colon && !text.StartsWith('[')) return (text, null);
            if (text.StartsWith('[') && text[colon - 1] != ']') return (text, null);
            return int.TryParse(text[(colon + 1)..], NumberStyles.None, CultureInfo.InvariantCulture, out var port)
                ? (text[..colon], port)
                : (text, null);
        }
    }
}
