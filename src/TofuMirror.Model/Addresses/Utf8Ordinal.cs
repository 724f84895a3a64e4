using System.Collections.Generic;

namespace TofuMirror.Model.Addresses;

/// <summary>
/// Compares strings in the byte order of their UTF-8 encodings (Go's string order), which differs from
/// UTF-16 ordinal order only for characters above U+FFFF against U+E000–U+FFFF.
/// </summary>
public sealed class Utf8Ordinal : IComparer<string>
{
    /// <summary>The shared instance.</summary>
    public static Utf8Ordinal Instance { get; } = new();

    /// <inheritdoc />
    int IComparer<string>.Compare(string? x, string? y) => Compare(x, y);

    /// <summary>Compares two strings by their UTF-8 bytes.</summary>
    public static int Compare(string? x, string? y)
    {
        if (ReferenceEquals(x, y)) return 0;
        if (x is null) return -1;
        if (y is null) return 1;
        var length = x.Length < y.Length ? x.Length : y.Length;
        for (var i = 0; i < length; i++)
        {
            var a = x[i];
            var b = y[i];
            if (a == b) continue;
            return Fix(a) - Fix(b);
        }
        return x.Length - y.Length;
    }

    // Moves surrogates (U+D800–U+DFFF) above U+E000–U+FFFF so that code-unit order equals code-point order.
    private static int Fix(char c) => c >= 0xD800 ? (c >= 0xE000 ? c - 0x800 : c + 0x2000) : c;
}
