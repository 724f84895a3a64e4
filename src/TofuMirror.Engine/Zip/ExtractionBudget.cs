using System;

namespace TofuMirror.Engine.Zip;

/// <summary>
/// How much one provider zip may write: checked against each entry's declared sizes before it is written and against
/// the bytes actually written, so a zip served under any digest (extraction runs before the digest is verified) cannot
/// fill the disk.
/// </summary>
internal sealed class ExtractionBudget
{
    /// <summary>Provider packages hold a binary and a few documents; ten thousand entries is far beyond any real one.</summary>
    public const int MaxEntries = 10_000;

    /// <summary>Total output per byte of zip: provider binaries deflate 2-5x, so 100x leaves a wide margin.</summary>
    public const long MaxTotalRatio = 100;

    /// <summary>Whatever the zip's size, no package may write more (the largest released providers stay below 1 GiB).</summary>
    public const long AbsoluteMaxTotalBytes = 8L << 30;

    /// <summary>Small zips (a stub provider, a test fixture) may still expand to this much, whatever the ratio.</summary>
    public const long MinimumTotalBytes = 1L << 20;

    /// <summary>
    /// One entry's output per compressed byte. Deflate cannot exceed ~1032x, and only degenerate data (long runs of one
    /// byte) comes near it; real files stay far below 200x.
    /// </summary>
    public const long MaxEntryRatio = 200;

    /// <summary>Entries up to this size are not ratio-checked: a small text file of repeated lines may legitimately compress well.</summary>
    public const long EntryRatioExempt = 1L << 20;

    private int _entries;
    private long _declared;

    public ExtractionBudget(long zipSize)
    {
        MaxTotalBytes = Math.Min(AbsoluteMaxTotalBytes, Math.Max(MinimumTotalBytes, SaturatingMultiply(Math.Max(0, zipSize), MaxTotalRatio)));
    }

    /// <summary>The most the whole zip may extract to.</summary>
    public long MaxTotalBytes { get; }

    /// <summary>Admits one more entry with these declared sizes, or throws before anything of it is written.</summary>
    public void Admit(string entryName, long compressedSize, long uncompressedSize)
    {
        if (++_entries > MaxEntries)
            throw new ZipLimitExceededException($"it has more than {MaxEntries} entries");
        if (uncompressedSize > MaxEntrySize(compressedSize))
            throw new ZipLimitExceededException(
                $"\"{entryName}\" would expand {compressedSize} compressed bytes to {uncompressedSize} bytes, more than {MaxEntryRatio} times");
        _declared += uncompressedSize;
        if (_declared > MaxTotalBytes)
            throw new ZipLimitExceededException(
                $"its entries would extract to more than {MaxTotalBytes} bytes (at most {MaxTotalRatio} times the zip's size, and never more than {AbsoluteMaxTotalBytes >> 30} GiB)");
    }

    /// <summary>The most an entry with this compressed size may expand to.</summary>
    public static long MaxEntrySize(long compressedSize) =>
        Math.Max(EntryRatioExempt, SaturatingMultiply(Math.Max(0, compressedSize), MaxEntryRatio));

    private static long SaturatingMultiply(long value, long factor) => value > long.MaxValue / factor ? long.MaxValue : value * factor;
}

/// <summary>
/// A zip that would write more (entries, bytes, or bytes per compressed byte) than any provider package needs, or
/// whose data inflates past the size it declares.
/// </summary>
public sealed class ZipLimitExceededException : System.IO.IOException
{
    /// <summary>Creates the exception with the limit that was reached.</summary>
    public ZipLimitExceededException(string detail)
        : base($"The provider package was refused before extracting it filled the disk: {detail}.")
    {
    }
}
