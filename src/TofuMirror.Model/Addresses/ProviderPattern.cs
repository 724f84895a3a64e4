using System;

namespace TofuMirror.Model.Addresses;

/// <summary>
/// An <c>include</c>/<c>exclude</c> pattern of a <c>provider_installation</c> method: <c>namespace/type</c>
/// (default host) or <c>hostname/namespace/type</c>, where any segment may be <c>*</c> as a whole, as long as
/// every segment to its right is also <c>*</c>.
/// </summary>
public sealed class ProviderPattern : IEquatable<ProviderPattern>
{
    /// <summary>The wildcard segment.</summary>
    public const string Wildcard = "*";

    private ProviderPattern(string hostname, string @namespace, string type)
    {
        Hostname = hostname;
        Namespace = @namespace;
        Type = type;
    }

    /// <summary>The normalised hostname or <c>*</c>.</summary>
    public string Hostname { get; }

    /// <summary>The normalised namespace or <c>*</c>.</summary>
    public string Namespace { get; }

    /// <summary>The normalised type or <c>*</c>.</summary>
    public string Type { get; }

    /// <summary>The normalised pattern, always with three segments.</summary>
    public override string ToString() => Hostname + "/" + Namespace + "/" + Type;

    /// <summary>True when the provider matches every segment of the pattern.</summary>
    public bool Matches(ProviderAddress address)
    {
        if (address is null) throw new ArgumentNullException(nameof(address));
        return (Hostname == Wildcard || Hostname == address.Hostname)
            && (Namespace == Wildcard || Namespace == address.Namespace)
            && (Type == Wildcard || Type == address.Type);
    }

    /// <summary>Parses a pattern; throws <see cref="FormatException"/> with OpenTofu's message when invalid.</summary>
    public static ProviderPattern Parse(string pattern)
    {
        if (TryParse(pattern, out var result, out var error)) return result;
        throw new FormatException(error);
    }

    /// <summary>Parses a pattern, returning false and OpenTofu's error message when it is invalid.</summary>
    public static bool TryParse(string pattern, out ProviderPattern result, out string error)
    {
        result = null!;
        pattern ??= string.Empty;
        var parts = pattern.Split('/');
        if (parts.Length < 2 || parts.Length > 3)
        {
            error = $"invalid provider matching pattern \"{pattern}\": must have either two or three slash-separated segments";
            return false;
        }

        var host = ProviderNameRules.DefaultRegistryHost;
        if (parts.Length == 3)
        {
            if (parts[0] == Wildcard)
            {
                host = Wildcard;
            }
            else if (!ProviderNameRules.TryNormalizeHostname(parts[0], out host, out var hostError))
            {
                error = $"invalid hostname in provider matching pattern \"{pattern}\": {hostError}";
                return false;
            }
        }

        var givenNamespace = parts[parts.Length - 2];
        var givenType = parts[parts.Length - 1];
        var ns = Wildcard;
        if (givenNamespace != Wildcard && !ProviderNameRules.TryNormalizePart(givenNamespace, out ns, out _))
        {
            error = $"invalid registry namespace \"{givenNamespace}\" in provider matching pattern \"{pattern}\": must be a valid namespace or a wildcard";
            return false;
        }
        var type = Wildcard;
        if (givenType != Wildcard && !ProviderNameRules.TryNormalizePart(givenType, out type, out _))
        {
            error = $"invalid provider type \"{givenType}\" in provider matching pattern \"{pattern}\": must be a valid provider type or a wildcard";
            return false;
        }

        if (host == Wildcard && (ns != Wildcard || type != Wildcard))
        {
            error = $"invalid provider matching pattern \"{pattern}\": hostname can be a wildcard only if both namespace and provider type are also wildcards";
            return false;
        }
        if (ns == Wildcard && type != Wildcard)
        {
            error = $"invalid provider matching pattern \"{pattern}\": namespace can be a wildcard only if the provider type is also a wildcard";
            return false;
        }

        result = new ProviderPattern(host, ns, type);
        error = string.Empty;
        return true;
    }

    /// <inheritdoc />
    public bool Equals(ProviderPattern? other) => other is not null && ToString() == other.ToString();

    /// <inheritdoc />
    public override bool Equals(object? obj) => Equals(obj as ProviderPattern);

    /// <inheritdoc />
    public override int GetHashCode() => StringComparer.Ordinal.GetHashCode(ToString());
}
