using System;
using System.Globalization;

namespace TofuMirror.Model.CliConfig;

/// <summary>
/// Host names as OpenTofu's service-host rules compare them: IDNA to Punycode, lower case, the default port 443
/// dropped and any other port kept (<c>Registry.Example.COM:443</c> is <c>registry.example.com</c>).
/// </summary>
public static class ServiceHostName
{
    private static readonly IdnMapping Idn = new() { AllowUnassigned = false, UseStd3AsciiRules = true };

    /// <summary>The comparable form of <paramref name="given"/>, or false with a reason.</summary>
    public static bool TryNormalize(string given, out string normalized, out string error)
    {
        normalized = "";
        error = "";
        if (string.IsNullOrWhiteSpace(given))
        {
            error = "empty host name";
            return false;
        }
        var host = given.Trim();
        string? port = null;
        var colon = host.LastIndexOf(':');
        if (colon >= 0)
        {
            port = host.Substring(colon + 1);
            host = host.Substring(0, colon);
            if (port.Length == 0 || !int.TryParse(port, NumberStyles.None, CultureInfo.InvariantCulture, out var number) || number is < 1 or > 65535)
            {
                error = $"invalid port number \"{port}\"";
                return false;
            }
            port = number == 443 ? null : number.ToString(CultureInfo.InvariantCulture);
        }
        try
        {
            host = Idn.GetAscii(host.TrimEnd('.')).ToLowerInvariant();
        }
        catch (ArgumentException)
        {
            error = $"\"{host}\" is not a valid host name";
            return false;
        }
        normalized = port is null ? host : host + ":" + port;
        return true;
    }

    /// <summary>The names of the <c>TF_TOKEN_…</c> variables that may hold a token for <paramref name="normalizedHost"/>: dots as <c>_</c>, dashes as <c>__</c>, in Punycode and in Unicode.</summary>
    public static string[] TokenVariableNames(string normalizedHost)
    {
        var ascii = VariableName(normalizedHost);
        string unicode;
        try
        {
            unicode = VariableName(Idn.GetUnicode(normalizedHost));
        }
        catch (ArgumentException)
        {
            unicode = ascii;
        }
        return unicode == ascii ? new[] { ascii } : new[] { ascii, unicode };
    }

    private static string VariableName(string host) => "TF_TOKEN_" + host.Replace("-", "__").Replace(".", "_");
}
