using System;
using System.Globalization;
using System.Text;

namespace TofuMirror.Model.Addresses;

/// <summary>
/// Normalisation of the parts of a provider address, following OpenTofu's rules: namespace and type are
/// single DNS-like labels (IDNA lookup profile, STD3 rules), hostnames are IDNA names with an optional port.
/// </summary>
public static class ProviderNameRules
{
    /// <summary>The default provider registry host of OpenTofu.</summary>
    public const string DefaultRegistryHost = "registry.opentofu.org";

    /// <summary>The namespace of legacy (pre-0.13) provider addresses.</summary>
    public const string LegacyNamespace = "-";

    /// <summary>The namespace of built-in providers.</summary>
    public const string BuiltInNamespace = "builtin";

    private static readonly IdnMapping Idn = new() { UseStd3AsciiRules = true, AllowUnassigned = false };

    /// <summary>
    /// Normalises a namespace or type part (lower case, Unicode form). Returns false with a reason that says
    /// what a valid part looks like.
    /// </summary>
    public static bool TryNormalizePart(string given, out string normalized, out string error)
    {
        normalized = string.Empty;
        if (string.IsNullOrEmpty(given))
        {
            error = "must have at least one character";
            return false;
        }
        if (given.IndexOf('.') >= 0)
        {
            error = "dots are not allowed";
            return false;
        }
        if (given.IndexOf("--", StringComparison.Ordinal) >= 0)
        {
            error = "cannot use multiple consecutive dashes";
            return false;
        }
        if (given[0] == '-' || given[given.Length - 1] == '-')
        {
            error = "must contain only letters, digits, and dashes, and may not use leading or trailing dashes";
            return false;
        }
        if (IsAscii(given))
        {
            foreach (var c in given)
            {
                if (!IsAsciiLetterOrDigit(c) && c != '-')
                {
                    error = "must contain only letters, digits, and dashes, and may not use leading or trailing dashes";
                    return false;
                }
            }
            normalized = given.ToLowerInvariant();
            error = string.Empty;
            return true;
        }
        if (!TryIdnToUnicode(given, out var unicode) || unicode.IndexOf('.') >= 0 || unicode.Length == 0
            || unicode[0] == '-' || unicode[unicode.Length - 1] == '-')
        {
            error = "must contain only letters, digits, and dashes, and may not use leading or trailing dashes";
            return false;
        }
        normalized = unicode;
        error = string.Empty;
        return true;
    }

    /// <summary>
    /// Normalises a hostname for comparison and display: IDNA to Unicode lower case, punycode decoded,
    /// an optional <c>:port</c> kept except the default 443.
    /// </summary>
    public static bool TryNormalizeHostname(string given, out string normalized, out string error)
    {
        normalized = string.Empty;
        if (string.IsNullOrEmpty(given))
        {
            error = "empty string is not a valid hostname";
            return false;
        }
        var host = given;
        var port = string.Empty;
        var colon = given.IndexOf(':');
        if (colon >= 0)
        {
            host = given.Substring(0, colon);
            if (!TryNormalizePort(given.Substring(colon + 1), out port, out error)) return false;
        }
        if (host.Length == 0)
        {
            error = "empty string is not a valid hostname";
            return false;
        }
        string unicode;
        if (IsAscii(host) && host.IndexOf("xn--", StringComparison.OrdinalIgnoreCase) < 0)
        {
            foreach (var label in host.Split('.'))
            {
                if (!IsValidAsciiLabel(label))
                {
                    error = $"\"{host}\" is not a valid hostname: each dot-separated label must contain only letters, digits and dashes and must not start or end with a dash";
                    return false;
                }
            }
            unicode = host.ToLowerInvariant();
        }
        else if (!TryIdnToUnicode(host, out unicode))
        {
            error = $"\"{host}\" is not a valid hostname: it is not a valid internationalized domain name";
            return false;
        }
        normalized = unicode + port;
        error = string.Empty;
        return true;
    }

    private static bool TryNormalizePort(string digits, out string port, out string error)
    {
        port = string.Empty;
        if (digits.Length == 0 || digits.Length > 6)
        {
            error = "port portion must be a number from 1 to 65535";
            return false;
        }
        foreach (var c in digits)
        {
            if (c < '0' || c > '9')
            {
                error = "port portion contains non-digit characters";
                return false;
            }
        }
        var number = int.Parse(digits, NumberStyles.None, CultureInfo.InvariantCulture);
        if (number > 65535)
        {
            error = "port number is greater than 65535";
            return false;
        }
        error = string.Empty;
        port = number == 443 ? string.Empty : ":" + number.ToString(CultureInfo.InvariantCulture);
        return true;
    }

    private static bool TryIdnToUnicode(string given, out string unicode)
    {
        unicode = string.Empty;
        try
        {
            // Round-tripping through the ASCII form applies the UTS-46 mapping (case folding, width
            // normalisation) and validates punycode input before we return the Unicode display form.
            var ascii = Idn.GetAscii(given);
            foreach (var label in ascii.Split('.'))
            {
                if (!IsValidAsciiLabel(label)) return false;
            }
            unicode = Idn.GetUnicode(ascii).ToLowerInvariant();
            return true;
        }
        catch (ArgumentException)
        {
            return false;
        }
    }

    private static bool IsValidAsciiLabel(string label)
    {
        if (label.Length == 0 || label[0] == '-' || label[label.Length - 1] == '-') return false;
        foreach (var c in label)
        {
            if (!IsAsciiLetterOrDigit(c) && c != '-') return false;
        }
        return true;
    }

    private static bool IsAsciiLetterOrDigit(char c) =>
        (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');

    private static bool IsAscii(string s)
    {
        foreach (var c in s)
        {
            if (c > 0x7F) return false;
        }
        return true;
    }

    /// <summary>Converts a Unicode hostname to its ASCII (punycode) form, e.g. for network use.</summary>
    public static string ToAsciiHostname(string hostname)
    {
        var colon = hostname.IndexOf(':');
        var host = colon >= 0 ? hostname.Substring(0, colon) : hostname;
        var port = colon >= 0 ? hostname.Substring(colon) : string.Empty;
        if (IsAscii(host)) return host + port;
        var builder = new StringBuilder(Idn.GetAscii(host));
        return builder.Append(port).ToString();
    }
}
