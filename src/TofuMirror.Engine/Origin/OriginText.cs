using System;
using System.Linq;
using TofuMirror.Model.Logging;

namespace TofuMirror.Engine.Origin;

/// <summary>Makes server-provided text and URLs safe to print: no control characters, no CI logging commands, no query strings.</summary>
internal static class OriginText
{
    private const int MaxLength = 200;

    public static string Server(string text)
    {
        var clean = new string(text.Select(c => char.IsControl(c) ? ' ' : c).ToArray());
        if (clean.Length > MaxLength) clean = clean.Substring(0, MaxLength) + "…";
        return LoggingCommandText.Neutralize(clean);
    }

    /// <summary>The URL without query or fragment (they may carry signed secrets), neutralised.</summary>
    public static string Url(Uri url) => Server(url.IsAbsoluteUri ? url.GetLeftPart(UriPartial.Path) : url.OriginalString);
}
