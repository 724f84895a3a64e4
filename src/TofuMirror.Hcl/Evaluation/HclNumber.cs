using System;
using System.Globalization;
using System.Numerics;
using System.Text;

namespace TofuMirror.Hcl.Evaluation;

/// <summary>
/// An arbitrary-precision decimal number (<see cref="Mantissa"/> × 10^<see cref="Exponent"/>), so that
/// integers of any size and decimal fractions round-trip exactly, as cty's big numbers do.
/// </summary>
public readonly struct HclNumber : IEquatable<HclNumber>, IComparable<HclNumber>
{
    /// <summary>How many significant digits a non-terminating quotient keeps.</summary>
    public const int DivisionPrecision = 40;

    /// <summary>The largest decimal exponent a literal may have; bigger ones are rejected to bound memory.</summary>
    public const int MaxExponent = 10000;

    /// <summary>Creates <paramref name="mantissa"/> × 10^<paramref name="exponent"/>, normalized.</summary>
    public HclNumber(BigInteger mantissa, int exponent)
    {
        if (mantissa.IsZero)
        {
            exponent = 0;
        }
        else
        {
            while (true)
            {
                var quotient = BigInteger.DivRem(mantissa, 10, out var remainder);
                if (!remainder.IsZero) break;
                mantissa = quotient;
                exponent++;
            }
        }
        Mantissa = mantissa;
        Exponent = exponent;
    }

    public BigInteger Mantissa { get; }
    public int Exponent { get; }

    public static HclNumber Zero => default;
    public bool IsZero => Mantissa.IsZero;
    public bool IsInteger => Exponent >= 0;
    public int Sign => Mantissa.Sign;

    public static implicit operator HclNumber(long value) => new(value, 0);
    public static implicit operator HclNumber(decimal value) => Parse(value.ToString(CultureInfo.InvariantCulture));

    /// <summary>A double converted through its shortest round-trip text; NaN and infinities are rejected.</summary>
    public static HclNumber FromDouble(double value)
    {
        if (double.IsNaN(value) || double.IsInfinity(value))
            throw new ArgumentOutOfRangeException(nameof(value), "HCL numbers are finite.");
        return Parse(value.ToString("R", CultureInfo.InvariantCulture));
    }

    /// <summary>Parses <c>digits[.digits][e[+-]digits]</c> with an optional leading minus.</summary>
    public static HclNumber Parse(string text) =>
        TryParse(text, out var n) ? n : throw new FormatException($"\"{text}\" is not a number.");

    public static bool TryParse(string text, out HclNumber number)
    {
        number = default;
        if (text is null) return false;
        var i = 0;
        var negative = false;
        if (i < text.Length && (text[i] == '-' || text[i] == '+')) { negative = text[i] == '-'; i++; }
        var digits = new StringBuilder();
        var fractionDigits = 0;
        var sawDigit = false;
        while (i < text.Length && IsDigit(text[i])) { digits.Append(text[i++]); sawDigit = true; }
        if (i < text.Length && text[i] == '.')
        {
            i++;
            while (i < text.Length && IsDigit(text[i])) { digits.Append(text[i++]); fractionDigits++; sawDigit = true; }
        }
        if (!sawDigit) return false;
        long exponent = 0;
        if (i < text.Length && (text[i] == 'e' || text[i] == 'E'))
        {
            i++;
            var expNegative = false;
            if (i < text.Length && (text[i] == '-' || text[i] == '+')) { expNegative = text[i] == '-'; i++; }
            var start = i;
            while (i < text.Length && IsDigit(text[i]))
            {
                exponent = exponent * 10 + (text[i++] - '0');
                if (exponent > MaxExponent * 2L) return false;
            }
            if (i == start) return false;
            if (expNegative) exponent = -exponent;
        }
        if (i != text.Length) return false;
        var mantissa = BigInteger.Parse(digits.ToString(), NumberStyles.None, CultureInfo.InvariantCulture);
        if (negative) mantissa = -mantissa;
        var finalExponent = exponent - fractionDigits;
        if (!mantissa.IsZero && (finalExponent > MaxExponent || finalExponent < -MaxExponent * 2L)) return false;
        number = new HclNumber(mantissa, (int)finalExponent);
        return true;
    }

    private static bool IsDigit(char c) => c >= '0' && c <= '9';

    public static HclNumber operator -(HclNumber a) => new(-a.Mantissa, a.Exponent);

    public static HclNumber operator +(HclNumber a, HclNumber b)
    {
        Align(a, b, out var ma, out var mb, out var exponent);
        return new HclNumber(ma + mb, exponent);
    }

    public static HclNumber operator -(HclNumber a, HclNumber b) => a + -b;

    public static HclNumber operator *(HclNumber a, HclNumber b) => new(a.Mantissa * b.Mantissa, a.Exponent + b.Exponent);

    /// <summary>Exact when the quotient terminates within <see cref="DivisionPrecision"/> digits, truncated otherwise.</summary>
    public static HclNumber operator /(HclNumber a, HclNumber b)
    {
        if (b.IsZero) throw new DivideByZeroException();
        if (a.IsZero) return Zero;
        var extra = Math.Max(0, DivisionPrecision + DigitCount(b.Mantissa) - DigitCount(a.Mantissa));
        var numerator = a.Mantissa * BigInteger.Pow(10, extra);
        return new HclNumber(numerator / b.Mantissa, a.Exponent - b.Exponent - extra);
    }

    /// <summary>The remainder of truncated division; its sign follows the dividend.</summary>
    public static HclNumber operator %(HclNumber a, HclNumber b)
    {
        if (b.IsZero) throw new DivideByZeroException();
        Align(a, b, out var ma, out var mb, out var exponent);
        return new HclNumber(BigInteger.Remainder(ma, mb), exponent);
    }

    public static bool operator ==(HclNumber a, HclNumber b) => a.Equals(b);
    public static bool operator !=(HclNumber a, HclNumber b) => !a.Equals(b);
    public static bool operator <(HclNumber a, HclNumber b) => a.CompareTo(b) < 0;
    public static bool operator >(HclNumber a, HclNumber b) => a.CompareTo(b) > 0;
    public static bool operator <=(HclNumber a, HclNumber b) => a.CompareTo(b) <= 0;
    public static bool operator >=(HclNumber a, HclNumber b) => a.CompareTo(b) >= 0;

    public int CompareTo(HclNumber other)
    {
        Align(this, other, out var ma, out var mb, out _);
        return ma.CompareTo(mb);
    }

    public bool Equals(HclNumber other) => Mantissa.Equals(other.Mantissa) && Exponent == other.Exponent;
    public override bool Equals(object? obj) => obj is HclNumber other && Equals(other);
    public override int GetHashCode() => Mantissa.GetHashCode() * 31 + Exponent;

    /// <summary>The value as a 64-bit integer when it is a whole number in range.</summary>
    public bool TryGetInt64(out long value)
    {
        value = 0;
        if (!IsInteger || Exponent > 19) return false;
        var whole = Mantissa * BigInteger.Pow(10, Exponent);
        if (whole < long.MinValue || whole > long.MaxValue) return false;
        value = (long)whole;
        return true;
    }

    public bool TryGetInt32(out int value)
    {
        value = 0;
        if (!TryGetInt64(out var wide) || wide < int.MinValue || wide > int.MaxValue) return false;
        value = (int)wide;
        return true;
    }

    public decimal ToDecimal() => decimal.Parse(ToString(), NumberStyles.Float, CultureInfo.InvariantCulture);

    /// <summary>Plain decimal notation without exponent or trailing zeros, as cty prints numbers.</summary>
    public override string ToString()
    {
        if (Exponent >= 0)
            return Exponent == 0 ? Mantissa.ToString(CultureInfo.InvariantCulture)
                : Mantissa.ToString(CultureInfo.InvariantCulture) + new string('0', Exponent);
        var digits = BigInteger.Abs(Mantissa).ToString(CultureInfo.InvariantCulture);
        var fraction = -Exponent;
        var sign = Mantissa.Sign < 0 ? "-" : "";
        if (digits.Length <= fraction)
            return sign + "0." + new string('0', fraction - digits.Length) + digits;
        return sign + digits.Substring(0, digits.Length - fraction) + "." + digits.Substring(digits.Length - fraction);
    }

    private static void Align(HclNumber a, HclNumber b, out BigInteger ma, out BigInteger mb, out int exponent)
    {
        exponent = Math.Min(a.Exponent, b.Exponent);
        ma = a.Exponent == exponent ? a.Mantissa : a.Mantissa * BigInteger.Pow(10, a.Exponent - exponent);
        mb = b.Exponent == exponent ? b.Mantissa : b.Mantissa * BigInteger.Pow(10, b.Exponent - exponent);
    }

    private static int DigitCount(BigInteger value) =>
        value.IsZero ? 1 : BigInteger.Abs(value).ToString(CultureInfo.InvariantCulture).Length;
}
