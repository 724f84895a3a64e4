using System;
using System.Text.RegularExpressions;

namespace TofuMirror.Model.CliConfig;

/// <summary>
/// An OCI repository address <c>registry/repository</c> (registry = <c>host[:port]</c>), parsed with the OCI
/// reference rules OpenTofu uses (via ORAS) for <c>oci_mirror</c> templates, <c>oci_credentials</c> labels and
/// auth-file keys. A string without <c>/</c> is a registry-only address (empty <see cref="Repository"/>).
/// </summary>
public sealed record OciRepositoryAddress
{
    // The OCI Distribution <name> grammar (lowercase ASCII components separated by '/').
    private static readonly Regex RepositoryPattern = new(
        "^[a-z0-9]+(?:(?:[._]|__|[-]*)[a-z0-9]+)*(?:/[a-z0-9]+(?:(?:[._]|__|[-]*)[a-z0-9]+)*)*$",
        RegexOptions.CultureInvariant);

    private static readonly Regex TagPattern = new("^[A-Za-z0-9_][A-Za-z0-9_.-]{0,127}$", RegexOptions.CultureInvariant);

    /// <summary>Creates an address from parts that are already valid.</summary>
    public OciRepositoryAddress(string registry, string repository)
    {
        Registry = registry ?? throw new ArgumentNullException(nameof(registry));
        Repository = repository ?? throw new ArgumentNullException(nameof(repository));
    }

    /// <summary>The registry host, with <c>:port</c> when given.</summary>
    public string Registry { get; }

    /// <summary>The repository name (empty for a registry-only address).</summary>
    public string Repository { get; }

    /// <summary>True when no repository was given.</summary>
    public bool IsRegistryOnly => Repository.Length == 0;

    /// <summary><c>registry/repository</c> (just the registry when registry-only).</summary>
    public override string ToString() => IsRegistryOnly ? Registry : Registry + "/" + Repository;

    /// <summary>Parses; throws <see cref="FormatException"/> with the ORAS-style message.</summary>
    public static OciRepositoryAddress Parse(string text)
    {
        if (TryParse(text, out var address, out var error)) return address;
        throw new FormatException(error);
    }

    /// <summary>
    /// Parses <c>registry</c> or <c>registry/repository</c>. Errors read like ORAS's:
    /// <c>invalid reference: invalid registry "x"</c>, <c>invalid reference: invalid repository "x"</c>,
    /// <c>invalid reference: artifact tag or digest not allowed</c>.
    /// </summary>
    public static bool TryParse(string text, out OciRepositoryAddress address, out string error)
    {
        address = null!;
        text ??= "";
        var slash = text.IndexOf('/');
        if (slash < 0)
        {
            if (!IsValidRegistry(text))
            {
                error = $"invalid reference: invalid registry {Quote(text)}";
                return false;
            }
            address = new OciRepositoryAddress(text, "");
            error = "";
            return true;
        }

        var registry = text.Substring(0, slash);
        var path = text.Substring(slash + 1);
        string repository;
        string reference = "";
        var isTag = false;
        var at = path.IndexOf('@');
        if (at >= 0)
        {
            repository = path.Substring(0, at);
            reference = path.Substring(at + 1);
            var colon = repository.IndexOf(':');
            if (colon >= 0) repository = repository.Substring(0, colon);
        }
        else if (path.IndexOf(':') is var colon and >= 0)
        {
            isTag = true;
            repository = path.Substring(0, colon);
            reference = path.Substring(colon + 1);
        }
        else
        {
            repository = path;
        }

        if (!IsValidRegistry(registry))
        {
            error = $"invalid reference: invalid registry {Quote(registry)}";
            return false;
        }
        if (!RepositoryPattern.IsMatch(repository))
        {
            error = $"invalid reference: invalid repository {Quote(repository)}";
            return false;
        }
        if (reference.Length > 0)
        {
            if (isTag && !TagPattern.IsMatch(reference))
            {
                error = $"invalid reference: invalid tag {Quote(reference)}";
                return false;
            }
            error = "invalid reference: artifact tag or digest not allowed";
            return false;
        }
        address = new OciRepositoryAddress(registry, repository);
        error = "";
        return true;
    }

    /// <summary>
    /// True when <paramref name="registry"/> is a URL authority host: a name (or bracketed IPv6 literal) with an
    /// optional numeric port, nothing else (no user info, path or spaces).
    /// </summary>
    public static bool IsValidRegistry(string registry)
    {
        if (string.IsNullOrEmpty(registry)) return false;
        var host = registry;
        string? port = null;
        if (registry.StartsWith("[", StringComparison.Ordinal))
        {
            var close = registry.IndexOf(']');
            if (close < 0) return false;
            var rest = registry.Substring(close + 1);
            if (rest.Length > 0)
            {
                if (rest[0] != ':') return false;
                port = rest.Substring(1);
            }
            host = registry.Substring(1, close - 1);
            if (host.Length == 0) return false;
            foreach (var c in host)
            {
                if (!(Uri.IsHexDigit(c) || c is ':' or '.' or '%')) return false;
            }
        }
        else
        {
            var colon = registry.LastIndexOf(':');
            if (colon >= 0)
            {
                port = registry.Substring(colon + 1);
                host = registry.Substring(0, colon);
            }
            if (host.Length == 0 && port is null) return false;
            foreach (var c in host)
            {
                var ok = c is >= 'a' and <= 'z' or >= 'A' and <= 'Z' or >= '0' and <= '9'
                    or '-' or '.' or '_' or '~' or '!' or '$' or '&' or '\'' or '(' or ')' or '*' or '+' or ',' or ';' or '=' or '%'
                    || c >= 0x80;
                if (!ok) return false;
            }
        }
        if (port is not null)
        {
            foreach (var c in port)
            {
                if (c is < '0' or > '9') return false;
            }
        }
        return true;
    }

    private static string Quote(string s) => "\"" + s.Replace("\\", "\\\\").Replace("\"", "\\\"") + "\"";
}
