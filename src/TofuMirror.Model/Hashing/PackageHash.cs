using System;
using TofuMirror.Model.Addresses;

namespace TofuMirror.Model.Hashing;

/// <summary>
/// A provider package checksum as lock files write it: <c>scheme:value</c>, e.g. <c>h1:…</c> (directory
/// hash) or <c>zh:…</c> (SHA-256 of the zip). Unknown schemes are kept as they are.
/// </summary>
public sealed class PackageHash : IEquatable<PackageHash>, IComparable<PackageHash>
{
    /// <summary>The scheme of the Go-modules style directory/zip content hash.</summary>
    public const string SchemeH1 = "h1";

    /// <summary>The scheme of the SHA-256 of the zip archive bytes.</summary>
    public const string SchemeZip = "zh";

    private readonly string _text;

    private PackageHash(string text, int colon)
    {
        _text = text;
        Scheme = text.Substring(0, colon);
        Value = text.Substring(colon + 1);
    }

    /// <summary>The scheme without the colon (<c>h1</c>, <c>zh</c>, or anything else).</summary>
    public string Scheme { get; }

    /// <summary>The part after the first colon.</summary>
    public string Value { get; }

    /// <summary>True for the schemes OpenTofu can verify (<c>h1</c> and <c>zh</c>).</summary>
    public bool IsSupportedScheme => Scheme == SchemeH1 || Scheme == SchemeZip;

    /// <summary>The full <c>scheme:value</c> text.</summary>
    public override string ToString() => _text;

    /// <summary>Creates a hash from a scheme and value.</summary>
    public static PackageHash Create(string scheme, string value) => Parse(scheme + ":" + value);

    /// <summary>Parses a hash string; throws <see cref="FormatException"/> when there is no scheme.</summary>
    public static PackageHash Parse(string text)
    {
        if (TryParse(text, out var hash, out var error)) return hash;
        throw new FormatException(error);
    }

    /// <summary>Parses a hash string: it must contain a colon at index 1 or later (a non-empty scheme).</summary>
    public static bool TryParse(string text, out PackageHash hash, out string error)
    {
        hash = null!;
        var colon = text is null ? -1 : text.IndexOf(':');
        if (colon < 1)
        {
            error = $"Invalid provider hash string: \"{text}\" must start with a scheme keyword followed by a colon, as in \"h1:…\" or \"zh:…\".";
            return false;
        }
        hash = new PackageHash(text!, colon);
        error = string.Empty;
        return true;
    }

    /// <inheritdoc />
    public bool Equals(PackageHash? other) => other is not null && string.Equals(_text, other._text, StringComparison.Ordinal);

    /// <inheritdoc />
    public override bool Equals(object? obj) => Equals(obj as PackageHash);

    /// <inheritdoc />
    public override int GetHashCode() => StringComparer.Ordinal.GetHashCode(_text);

    /// <summary>Plain string order, as lock files sort hashes.</summary>
    public int CompareTo(PackageHash? other) => other is null ? 1 : Utf8Ordinal.Compare(_text, other._text);

    /// <summary>Value equality.</summary>
    public static bool operator ==(PackageHash? left, PackageHash? right) => left is null ? right is null : left.Equals(right);

    /// <summary>Value inequality.</summary>
    public static bool operator !=(PackageHash? left, PackageHash? right) => !(left == right);
}
