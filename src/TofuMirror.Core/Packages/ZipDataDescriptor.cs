namespace TofuMirror.Core;

/// <summary>
/// The record after an entry's data that gives its CRC and sizes when the local header could not (general-purpose
/// flag bit 3): an optional signature, then 32-bit CRC, compressed size and uncompressed size.
/// </summary>
internal sealed record ZipDataDescriptor(uint Crc32, uint CompressedSize, uint UncompressedSize, int Length)
{
    public const uint Signature = 0x08074b50;

    /// <summary>The longest descriptor this reads (with its signature); Zip64 descriptors are not followed.</summary>
    public const int MaxLength = 16;

    /// <summary>
    /// Finds the descriptor of a deflated entry whose decompressor has just ended, having produced
    /// <paramref name="inflated"/> bytes: it starts at the position p (from the data start) where the compressed size
    /// it gives is p and the uncompressed size is <paramref name="inflated"/>. Returns null when no position in the
    /// kept tail fits; throws <see cref="ZipStreamingUnsupportedException"/> when more than one does.
    /// </summary>
    /// <remarks>
    /// A wrong pick could only come from a crafted zip, and would still be caught: the central directory must then give
    /// the same sizes and CRC, and the next local header must start right after the descriptor, at the offset the
    /// central directory gives; a seekable reader reading those sizes inflates the same bytes.
    /// </remarks>
    public static ZipDataDescriptor? Find(TailKeepingReadStream data, uint inflated)
    {
        ZipDataDescriptor? found = null;
        long foundAt = -1;
        var start = data.TailStart;
        for (var p = start; p + 12 <= data.Total && p <= uint.MaxValue; p++)
        {
            ZipDataDescriptor? candidate = null;
            if (p + 16 <= data.Total && data.U32At(p) == Signature && data.U32At(p + 8) == p && data.U32At(p + 12) == inflated)
                candidate = new ZipDataDescriptor(data.U32At(p + 4), (uint)p, inflated, 16);
            else if (data.U32At(p + 4) == p && data.U32At(p + 8) == inflated)
                candidate = new ZipDataDescriptor(data.U32At(p), (uint)p, inflated, 12);
            if (candidate is null) continue;
            if (found is not null)
                throw new ZipStreamingUnsupportedException($"the data descriptor could be at {foundAt} or {p} bytes after the data start");
            found = candidate;
            foundAt = p;
        }
        return found;
    }
}
