using System;

namespace TofuMirror.Model.Addresses;

/// <summary>
/// A provider source address <c>hostname/namespace/type</c>, always held in OpenTofu's normalised form
/// (Unicode lower case, port 443 dropped). Parse with <see cref="Parse"/> or <see cref="TryParse"/>.
/// </summary>
public sealed class ProviderAddress : IEquatable<ProviderAddress>, IComparable<ProviderAddress>
{
    private const string SourceFormatHint =
        "A provider source string has the form \"[hostname/][namespace/]type\", for example \"hashicorp/aws\" or \"registry.opentofu.org/hashicorp/aws\".";

    /// <summary>Creates an address from parts that are already normalised (see <see cref="TryCreate"/> to validate).</summary>
    private ProviderAddress(string hostname, string @namespace, string type)
    {
        Hostname = hostname;
        Namespace = @namespace;
        Type = type;
        _text = hostname + "/" + @namespace + "/" + type;
    }

    private readonly string _text;

    /// <summary>The registry hostname in display form (Unicode, lower case, optional <c>:port</c>).</summary>
    public string Hostname { get; }

    /// <summary>The namespace (organisation), lower case; <c>-</c> for legacy addresses.</summary>
    public string Namespace { get; }

    /// <summary>The provider type, lower case.</summary>
    public string Type { get; }

    /// <summary>True for legacy addresses (namespace <c>-</c>), which can be neither locked nor mirrored.</summary>
    public bool IsLegacy => Namespace == ProviderNameRules.LegacyNamespace;

    /// <summary>True for built-in providers (<c>terraform.io/builtin/…</c> or <c>opentofu.org/builtin/…</c>).</summary>
    public bool IsBuiltIn =>
        Namespace == ProviderNameRules.BuiltInNamespace && (Hostname == "terraform.io" || Hostname == "opentofu.org");

    /// <summary>True when the hostname is OpenTofu's default registry.</summary>
    public bool IsDefaultHost => Hostname == ProviderNameRules.DefaultRegistryHost;

    /// <summary>The fully qualified form <c>hostname/namespace/type</c>, as lock files use it.</summary>
    public override string ToString() => _text;

    /// <summary>The short form used in messages: the hostname is omitted when it is the default registry.</summary>
    public string ForDisplay() => IsDefaultHost ? Namespace + "/" + Type : ToString();

    /// <summary>True when <paramref name="raw"/> is exactly this address's canonical string.</summary>
    public bool IsNormalizedForm(string raw) => string.Equals(raw, ToString(), StringComparison.Ordinal);

    /// <summary>
    /// Parses a source string (<c>type</c>, <c>namespace/type</c> or <c>hostname/namespace/type</c>) with
    /// OpenTofu's defaults: hostname <c>registry.opentofu.org</c>, namespace <c>hashicorp</c> for a bare type.
    /// </summary>
    /// <exception cref="FormatException">The string is not a valid provider source address.</exception>
    public static ProviderAddress Parse(string source)
    {
        if (TryParse(source, out var address, out var error)) return address;
        throw new FormatException(error);
    }

    /// <summary>As <see cref="Parse"/>, returning false with an error (summary: detail) instead of throwing.</summary>
    public static bool TryParse(string source, out ProviderAddress address, out string error)
    {
        var result = TryParseDetailed(source, out address);
        error = result is null ? string.Empty : result.Summary + ": " + result.Detail;
        return result is null;
    }

    /// <summary>
    /// As <see cref="TryParse"/> but returns the error as a summary/detail pair (OpenTofu's diagnostic
    /// summaries: "Invalid provider source string", "Invalid provider type", "Invalid provider namespace",
    /// "Invalid provider source hostname"), or null on success.
    /// </summary>
    public static ProviderAddressError? TryParseDetailed(string source, out ProviderAddress address)
    {
        address = null!;
        source ??= string.Empty;
        var parts = source.Split('/');
        if (parts.Length > 3 || Array.Exists(parts, p => p.Length == 0))
        {
            return new ProviderAddressError("Invalid provider source string",
                $"\"{source}\" is not a valid provider source string. {SourceFormatHint}");
        }

        var givenType = parts[parts.Length - 1];
        if (!ProviderNameRules.TryNormalizePart(givenType, out var type, out var typeError))
        {
            return new ProviderAddressError("Invalid provider type",
                $"Invalid provider type \"{givenType}\" in source \"{source}\": {typeError}. A provider type is a name such as \"aws\".");
        }

        var ns = "hashicorp";
        if (parts.Length > 1)
        {
            var givenNamespace = parts[parts.Length - 2];
            if (givenNamespace == ProviderNameRules.LegacyNamespace)
            {
                ns = givenNamespace;
            }
            else if (!ProviderNameRules.TryNormalizePart(givenNamespace, out ns, out var nsError))
            {
                return new ProviderAddressError("Invalid provider namespace",
                    $"Invalid provider namespace \"{givenNamespace}\" in source \"{source}\": {nsError}. A namespace is an organisation name such as \"hashicorp\".");
            }
        }

        var host = ProviderNameRules.DefaultRegistryHost;
        if (parts.Length > 2 && !ProviderNameRules.TryNormalizeHostname(parts[0], out host, out var hostError))
        {
            return new ProviderAddressError("Invalid provider source hostname",
                $"Invalid provider source hostname \"{parts[0]}\" in source \"{source}\": {hostError}. A hostname looks like \"registry.opentofu.org\" or \"example.com:8443\".");
        }

        if (ns == ProviderNameRules.LegacyNamespace && host != ProviderNameRules.DefaultRegistryHost)
        {
            return new ProviderAddressError("Invalid provider namespace",
                $"The legacy provider namespace \"-\" is only valid with the hostname {ProviderNameRules.DefaultRegistryHost}, not in \"{source}\".");
        }

        var error = CheckTypePrefix(host, ns, type);
        if (error is not null) return error;

        address = new ProviderAddress(host, ns, type);
        return null;
    }

    /// <summary>Creates an address from separate parts, normalising and validating each one.</summary>
    public static bool TryCreate(string hostname, string @namespace, string type, out ProviderAddress address, out string error)
    {
        return TryParse(hostname + "/" + @namespace + "/" + type, out address, out error);
    }

    private static ProviderAddressError? CheckTypePrefix(string host, string ns, string type)
    {
        foreach (var product in new[] { "terraform", "opentofu" })
        {
            var providerPrefix = product + "-provider-";
            if (type.StartsWith(providerPrefix, StringComparison.Ordinal))
            {
                var suggested = new ProviderAddress(host, ns, type.Substring(providerPrefix.Length));
                var given = new ProviderAddress(host, ns, type);
                return new ProviderAddressError("Invalid provider type",
                    $"Provider source \"{given.ForDisplay()}\" has a type starting with \"{providerPrefix}\". That prefix belongs in repository names, not in provider source strings.\n\nDid you mean \"{suggested.ForDisplay()}\"?");
            }
            var redundantPrefix = product + "-";
            if (type.StartsWith(redundantPrefix, StringComparison.Ordinal))
            {
                var given = new ProviderAddress(host, ns, type);
                return new ProviderAddressError("Invalid provider type",
                    $"Provider source \"{given.ForDisplay()}\" has a type starting with the redundant prefix \"{redundantPrefix}\", which is not allowed. A provider type is a name such as \"aws\".");
            }
        }
        return null;
    }

    /// <inheritdoc />
    public bool Equals(ProviderAddress? other) =>
        other is not null && Hostname == other.Hostname && Namespace == other.Namespace && Type == other.Type;

    /// <inheritdoc />
    public override bool Equals(object? obj) => Equals(obj as ProviderAddress);

    /// <inheritdoc />
    public override int GetHashCode() => StringComparer.Ordinal.GetHashCode(_text);

    /// <summary>Orders by hostname, then namespace, then type, comparing UTF-8 bytes (as OpenTofu sorts).</summary>
    public int CompareTo(ProviderAddress? other)
    {
        if (other is null) return 1;
        var c = Utf8Ordinal.Compare(Hostname, other.Hostname);
        if (c != 0) return c;
        c = Utf8Ordinal.Compare(Namespace, other.Namespace);
        return c != 0 ? c : Utf8Ordinal.Compare(Type, other.Type);
    }

    /// <summary>Equality by value.</summary>
    public static bool operator ==(ProviderAddress? left, ProviderAddress? right) =>
        left is null ? right is null : left.Equals(right);

    /// <summary>Inequality by value.</summary>
    public static bool operator !=(ProviderAddress? left, ProviderAddress? right) => !(left == right);
}

/// <summary>Why a provider source string was rejected: OpenTofu's summary plus a detail saying what is valid.</summary>
public sealed record ProviderAddressError(string Summary, string Detail);
