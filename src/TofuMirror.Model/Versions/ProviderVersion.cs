using System;
using System.Globalization;

namespace TofuMirror.Model.Versions;

/// <summary>
/// A provider version: semantic versioning 2.0 <c>MAJOR.MINOR.PATCH[-prerelease][+metadata]</c>.
/// <see cref="Parse"/> is lenient like OpenTofu's parser (missing parts are zero, so <c>1.0</c> is 1.0.0);
/// <see cref="IsCanonical"/> is the strict check lock files use.
/// </summary>
/// <remarks>
/// Equality includes build metadata (<c>1.0.0+a</c> and <c>1.0.0+b</c> are different values, as they are
/// different OCI tags). <see cref="ComparePrecedence"/> ignores metadata as semver requires;
/// <see cref="CompareTo"/> orders by precedence and then by metadata text, so it agrees with equality.
/// </remarks>
public sealed class ProviderVersion : IEquatable<ProviderVersion>, IComparable<ProviderVersion>
{
    /// <summary>Creates a version from its parts (identifiers are validated).</summary>
    public ProviderVersion(long major, long minor, long patch, string prerelease = "", string metadata = "")
    {
        if (major < 0 || minor < 0 || patch < 0) throw new ArgumentOutOfRangeException(nameof(major), "Version numbers cannot be negative.");
        if (prerelease.Length > 0 && !AreValidIdentifiers(prerelease)) throw new ArgumentException($"Invalid pre-release \"{prerelease}\".", nameof(prerelease));
        if (metadata.Length > 0 && !AreValidIdentifiers(metadata)) throw new ArgumentException($"Invalid build metadata \"{metadata}\".", nameof(metadata));
        Major = major;
        Minor = minor;
        Patch = patch;
        Prerelease = prerelease;
        Metadata = metadata;
    }

    /// <summary>The major version number.</summary>
    public long Major { get; }

    /// <summary>The minor version number.</summary>
    public long Minor { get; }

    /// <summary>The patch version number.</summary>
    public long Patch { get; }

    /// <summary>The pre-release identifiers without the leading <c>-</c>, or empty.</summary>
    public string Prerelease { get; }

    /// <summary>The build metadata without the leading <c>+</c>, or empty.</summary>
    public string Metadata { get; }

    /// <summary>True when the version has a pre-release part.</summary>
    public bool IsPrerelease => Prerelease.Length > 0;

    /// <summary>The canonical form <c>M.m.p[-pre][+meta]</c>.</summary>
    public override string ToString()
    {
        var text = Major.ToString(CultureInfo.InvariantCulture) + "." + Minor.ToString(CultureInfo.InvariantCulture)
            + "." + Patch.ToString(CultureInfo.InvariantCulture);
        if (Prerelease.Length > 0) text += "-" + Prerelease;
        if (Metadata.Length > 0) text += "+" + Metadata;
        return text;
    }

    /// <summary>The OCI tag for this version: the canonical string with <c>+</c> replaced by <c>_</c>.</summary>
    public string ToOciTag() => ToString().Replace('+', '_');

    /// <summary>
    /// Reads a version from an OCI tag (<c>_</c> stands for <c>+</c>); false for tags that are not versions,
    /// such as <c>latest</c>, <c>v3.6.0</c> or <c>linux_amd64</c>.
    /// </summary>
    public static bool FromOciTag(string tag, out ProviderVersion version)
    {
        return TryParse((tag ?? string.Empty).Replace('_', '+'), out version, out _);
    }

    /// <summary>True when <paramref name="text"/> parses and is already in canonical form (what lock files require).</summary>
    public static bool IsCanonical(string text) =>
        TryParse(text, out var version, out _) && string.Equals(version.ToString(), text, StringComparison.Ordinal);

    /// <summary>Parses a version, filling missing minor/patch parts with zero.</summary>
    /// <exception cref="FormatException">The text is not a version.</exception>
    public static ProviderVersion Parse(string text)
    {
        if (TryParse(text, out var version, out var error)) return version;
        throw new FormatException(error);
    }

    /// <summary>Parses a version, filling missing minor/patch parts with zero; false with a reason when invalid.</summary>
    public static bool TryParse(string text, out ProviderVersion version, out string error)
    {
        var ok = TryParsePartial(text, out version, out _, out error);
        return ok;
    }

    /// <summary>Parses like <see cref="TryParse"/> and also reports how many numeric parts were written (1–3).</summary>
    internal static bool TryParsePartial(string text, out ProviderVersion version, out int numericParts, out string error)
    {
        version = null!;
        numericParts = 0;
        text ??= string.Empty;
        var core = text;
        var metadata = string.Empty;
        var prerelease = string.Empty;
        var plus = core.IndexOf('+');
        if (plus >= 0)
        {
            metadata = core.Substring(plus + 1);
            core = core.Substring(0, plus);
            if (!AreValidIdentifiers(metadata))
            {
                error = $"invalid version \"{text}\": build metadata must be dot-separated identifiers of letters, digits and dashes";
                return false;
            }
        }
        var dash = core.IndexOf('-');
        if (dash >= 0)
        {
            prerelease = core.Substring(dash + 1);
            core = core.Substring(0, dash);
            if (!AreValidIdentifiers(prerelease))
            {
                error = $"invalid version \"{text}\": a pre-release must be dot-separated identifiers of letters, digits and dashes";
                return false;
            }
        }
        var parts = core.Split('.');
        if (parts.Length > 3)
        {
            error = $"invalid version \"{text}\": a version has at most three numbers, as in \"1.2.3\"";
            return false;
        }
        var numbers = new long[3];
        for (var i = 0; i < parts.Length; i++)
        {
            if (!TryParseNumber(parts[i], out numbers[i]))
            {
                error = $"invalid version \"{text}\": expected a version like \"1.2.3\" (numbers only, no \"v\" prefix)";
                return false;
            }
        }
        numericParts = parts.Length;
        version = new ProviderVersion(numbers[0], numbers[1], numbers[2], prerelease, metadata);
        error = string.Empty;
        return true;
    }

    private static bool TryParseNumber(string part, out long number)
    {
        number = 0;
        if (part.Length == 0 || part.Length > 18) return false;
        foreach (var c in part)
        {
            if (c < '0' || c > '9') return false;
        }
        number = long.Parse(part, NumberStyles.None, CultureInfo.InvariantCulture);
        return true;
    }

    private static bool AreValidIdentifiers(string text)
    {
        if (text.Length == 0) return false;
        foreach (var identifier in text.Split('.'))
        {
            if (identifier.Length == 0) return false;
            foreach (var c in identifier)
            {
                var ok = (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '-';
                if (!ok) return false;
            }
        }
        return true;
    }

    /// <summary>Semver precedence: numbers, then pre-release (a release ranks above its pre-releases); metadata ignored.</summary>
    public int ComparePrecedence(ProviderVersion other)
    {
        if (other is null) throw new ArgumentNullException(nameof(other));
        var c = Major.CompareTo(other.Major);
        if (c != 0) return c;
        c = Minor.CompareTo(other.Minor);
        if (c != 0) return c;
        c = Patch.CompareTo(other.Patch);
        if (c != 0) return c;
        return ComparePrerelease(Prerelease, other.Prerelease);
    }

    /// <summary>True when both versions have the same precedence (metadata ignored).</summary>
    public bool SamePrecedence(ProviderVersion other) => ComparePrecedence(other) == 0;

    private static int ComparePrerelease(string a, string b)
    {
        if (a.Length == 0) return b.Length == 0 ? 0 : 1;
        if (b.Length == 0) return -1;
        var left = a.Split('.');
        var right = b.Split('.');
        var count = Math.Min(left.Length, right.Length);
        for (var i = 0; i < count; i++)
        {
            var c = CompareIdentifier(left[i], right[i]);
            if (c != 0) return c;
        }
        return left.Length.CompareTo(right.Length);
    }

    private static int CompareIdentifier(string a, string b)
    {
        var aNumeric = IsNumeric(a);
        var bNumeric = IsNumeric(b);
        if (aNumeric && bNumeric)
        {
            var trimmedA = a.TrimStart('0');
            var trimmedB = b.TrimStart('0');
            var c = trimmedA.Length.CompareTo(trimmedB.Length);
            return c != 0 ? c : string.CompareOrdinal(trimmedA, trimmedB);
        }
        if (aNumeric) return -1;
        if (bNumeric) return 1;
        return Math.Sign(string.CompareOrdinal(a, b));
    }

    private static bool IsNumeric(string s)
    {
        foreach (var c in s)
        {
            if (c < '0' || c > '9') return false;
        }
        return true;
    }

    /// <summary>Precedence first, then metadata text, so that 0 means equal values.</summary>
    public int CompareTo(ProviderVersion? other)
    {
        if (other is null) return 1;
        var c = ComparePrecedence(other);
        return c != 0 ? c : Math.Sign(string.CompareOrdinal(Metadata, other.Metadata));
    }

    /// <inheritdoc />
    public bool Equals(ProviderVersion? other) =>
        other is not null && Major == other.Major && Minor == other.Minor && Patch == other.Patch
        && Prerelease == other.Prerelease && Metadata == other.Metadata;

    /// <inheritdoc />
    public override bool Equals(object? obj) => Equals(obj as ProviderVersion);

    /// <inheritdoc />
    public override int GetHashCode() => StringComparer.Ordinal.GetHashCode(ToString());

    /// <summary>Value equality.</summary>
    public static bool operator ==(ProviderVersion? left, ProviderVersion? right) => left is null ? right is null : left.Equals(right);

    /// <summary>Value inequality.</summary>
    public static bool operator !=(ProviderVersion? left, ProviderVersion? right) => !(left == right);

    /// <summary>Ordering by <see cref="CompareTo"/>.</summary>
    public static bool operator <(ProviderVersion left, ProviderVersion right) => left.CompareTo(right) < 0;

    /// <summary>Ordering by <see cref="CompareTo"/>.</summary>
    public static bool operator >(ProviderVersion left, ProviderVersion right) => left.CompareTo(right) > 0;

    /// <summary>Ordering by <see cref="CompareTo"/>.</summary>
    public static bool operator <=(ProviderVersion left, ProviderVersion right) => left.CompareTo(right) <= 0;

    /// <summary>Ordering by <see cref="CompareTo"/>.</summary>
    public static bool operator >=(ProviderVersion left, ProviderVersion right) => left.CompareTo(right) >= 0;
}
