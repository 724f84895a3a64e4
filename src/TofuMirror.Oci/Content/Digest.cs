using System;
using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using System.IO;
using System.Security.Cryptography;
using System.Threading;
using System.Threading.Tasks;

namespace TofuMirror.Oci.Content;

/// <summary>
/// A content digest <c>algorithm:hex</c>. Only <c>sha256</c> with 64 lowercase hex digits is
/// accepted, because that is the only algorithm OpenTofu verifies.
/// </summary>
public readonly struct Digest : IEquatable<Digest>
{
    private const int Sha256HexLength = 64;

    private Digest(string algorithm, string hex)
    {
        Algorithm = algorithm;
        Hex = hex;
    }

    /// <summary>The algorithm name, always <c>sha256</c> for a parsed digest.</summary>
    public string Algorithm { get; }

    /// <summary>The lowercase hex encoding of the hash.</summary>
    public string Hex { get; }

    /// <summary>True for the default value, which is not a digest.</summary>
    public bool IsEmpty => Hex is null;

    /// <summary>Parses <paramref name="text"/> or throws <see cref="FormatException"/> with the spec's message.</summary>
    public static Digest Parse(string text)
    {
        if (TryParse(text, out var digest, out var error)) return digest;
        throw new FormatException(error);
    }

    /// <summary>Parses <paramref name="text"/>; false for anything but a valid sha256 digest.</summary>
    public static bool TryParse(string? text, out Digest digest) => TryParse(text, out digest, out _);

    /// <summary>Parses <paramref name="text"/>, giving the spec's error message when it fails.</summary>
    public static bool TryParse(string? text, out Digest digest, [NotNullWhen(false)] out string? error)
    {
        digest = default;
        if (string.IsNullOrEmpty(text))
        {
            error = "invalid digest \"\": empty digest";
            return false;
        }

        var colon = text!.IndexOf(':');
        if (colon <= 0 || colon == text.Length - 1)
        {
            error = $"invalid digest \"{text}\": not of the form algorithm:encoded";
            return false;
        }

        var algorithm = text.Substring(0, colon);
        var hex = text.Substring(colon + 1);
        if (!IsAlgorithmSyntax(algorithm))
        {
            error = $"invalid digest \"{text}\": invalid algorithm name";
            return false;
        }

        if (algorithm != "sha256")
        {
            error = $"unsupported digest algorithm \"{algorithm}\"";
            return false;
        }

        if (hex.Length != Sha256HexLength || !IsLowerHex(hex))
        {
            error = $"invalid digest \"{text}\": sha256 needs 64 lowercase hex digits";
            return false;
        }

        digest = new Digest(algorithm, hex);
        error = null;
        return true;
    }

    /// <summary>The sha256 digest of <paramref name="content"/>.</summary>
    public static Digest Compute(ReadOnlySpan<byte> content) => FromHash(SHA256.HashData(content));

    /// <summary>The sha256 digest of the rest of <paramref name="stream"/>.</summary>
    public static async Task<Digest> ComputeAsync(Stream stream, CancellationToken cancellationToken)
        => FromHash(await SHA256.HashDataAsync(stream, cancellationToken).ConfigureAwait(false));

    /// <summary>Wraps a finished sha256 hash.</summary>
    public static Digest FromHash(ReadOnlySpan<byte> sha256)
    {
        if (sha256.Length != 32) throw new ArgumentException("A sha256 hash has 32 bytes.", nameof(sha256));
        return new Digest("sha256", Convert.ToHexString(sha256).ToLowerInvariant());
    }

    public bool Equals(Digest other) => string.Equals(Algorithm, other.Algorithm, StringComparison.Ordinal)
        && string.Equals(Hex, other.Hex, StringComparison.Ordinal);

    public override bool Equals(object? obj) => obj is Digest other && Equals(other);

    public override int GetHashCode() => Hex is null ? 0 : StringComparer.Ordinal.GetHashCode(Hex);

    public static bool operator ==(Digest left, Digest right) => left.Equals(right);

    public static bool operator !=(Digest left, Digest right) => !left.Equals(right);

    /// <summary><c>sha256:hex</c>, or the empty string for the default value.</summary>
    public override string ToString() => IsEmpty ? string.Empty : string.Create(CultureInfo.InvariantCulture, $"{Algorithm}:{Hex}");

    private static bool IsAlgorithmSyntax(string algorithm)
    {
        foreach (var c in algorithm)
        {
            var ok = c is (>= 'a' and <= 'z') or (>= '0' and <= '9') or '+' or '.' or '_' or '-';
            if (!ok) return false;
        }

        return true;
    }

    private static bool IsLowerHex(string hex)
    {
        foreach (var c in hex)
        {
            if (c is not ((>= '0' and <= '9') or (>= 'a' and <= 'f'))) return false;
        }

        return true;
    }
}
