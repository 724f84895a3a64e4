using System;
using System.Runtime.InteropServices;

namespace TofuMirror.Model.Platforms;

/// <summary>A target platform <c>os_arch</c> using Go's GOOS/GOARCH names, e.g. <c>linux_amd64</c>.</summary>
public sealed class Platform : IEquatable<Platform>, IComparable<Platform>
{
    private const string TwoWordsError = "must be two words separated by an underscore";

    /// <summary>Creates a platform from its two names (not validated; see <see cref="TryParse"/>).</summary>
    public Platform(string os, string arch)
    {
        Os = os ?? throw new ArgumentNullException(nameof(os));
        Arch = arch ?? throw new ArgumentNullException(nameof(arch));
    }

    /// <summary>The operating system (GOOS), e.g. <c>linux</c>.</summary>
    public string Os { get; }

    /// <summary>The architecture (GOARCH), e.g. <c>amd64</c>.</summary>
    public string Arch { get; }

    /// <summary><c>os_arch</c>.</summary>
    public override string ToString() => Os + "_" + Arch;

    /// <summary>Parses <c>os_arch</c>; throws <see cref="FormatException"/> when invalid.</summary>
    public static Platform Parse(string text)
    {
        if (TryParse(text, out var platform, out var error)) return platform;
        throw new FormatException($"Invalid platform \"{text}\": {error}.");
    }

    /// <summary>Parses <c>os_arch</c>: exactly two non-empty parts, no whitespace.</summary>
    public static bool TryParse(string text, out Platform platform, out string error)
    {
        platform = null!;
        var parts = (text ?? string.Empty).Split('_');
        if (parts.Length != 2 || parts[0].Length == 0 || parts[1].Length == 0)
        {
            error = TwoWordsError;
            return false;
        }
        if (HasWhitespace(parts[0]))
        {
            error = "OS portion must not contain whitespace";
            return false;
        }
        if (HasWhitespace(parts[1]))
        {
            error = "architecture portion must not contain whitespace";
            return false;
        }
        platform = new Platform(parts[0], parts[1]);
        error = string.Empty;
        return true;
    }

    private static bool HasWhitespace(string s) => s.IndexOfAny(new[] { ' ', '\t', '\n', '\r' }) >= 0;

    /// <summary>
    /// The platform of the running process in Go names (linux/darwin/windows/freebsd,
    /// amd64/arm64/386/arm), or null when it has no Go equivalent.
    /// </summary>
    public static Platform? Current { get; } = Detect();

    private static Platform? Detect()
    {
        string? os = null;
        if (RuntimeInformation.IsOSPlatform(OSPlatform.Linux)) os = "linux";
        else if (RuntimeInformation.IsOSPlatform(OSPlatform.OSX)) os = "darwin";
        else if (RuntimeInformation.IsOSPlatform(OSPlatform.Windows)) os = "windows";
        else if (RuntimeInformation.OSDescription.IndexOf("FreeBSD", StringComparison.OrdinalIgnoreCase) >= 0) os = "freebsd";
        var arch = FromArchitecture(RuntimeInformation.OSArchitecture);
        return os is null || arch is null ? null : new Platform(os, arch);
    }

    /// <summary>Maps a .NET architecture to its GOARCH name, or null when there is none.</summary>
    public static string? FromArchitecture(Architecture architecture) => architecture switch
    {
        Architecture.X64 => "amd64",
        Architecture.Arm64 => "arm64",
        Architecture.X86 => "386",
        Architecture.Arm => "arm",
        _ => null,
    };

    /// <inheritdoc />
    public bool Equals(Platform? other) => other is not null && Os == other.Os && Arch == other.Arch;

    /// <inheritdoc />
    public override bool Equals(object? obj) => Equals(obj as Platform);

    /// <inheritdoc />
    public override int GetHashCode() => StringComparer.Ordinal.GetHashCode(ToString());

    /// <summary>Orders by OS, then architecture (ordinal).</summary>
    public int CompareTo(Platform? other)
    {
        if (other is null) return 1;
        var c = string.CompareOrdinal(Os, other.Os);
        return c != 0 ? Math.Sign(c) : Math.Sign(string.CompareOrdinal(Arch, other.Arch));
    }

    /// <summary>Value equality.</summary>
    public static bool operator ==(Platform? left, Platform? right) => left is null ? right is null : left.Equals(right);

    /// <summary>Value inequality.</summary>
    public static bool operator !=(Platform? left, Platform? right) => !(left == right);
}
