using System;
using System.Collections.Generic;
using System.IO;

namespace TofuMirror.Engine.Zip;

/// <summary>
/// A zip's central directory, read from the zip's last bytes before the rest arrives: it gives the sizes and CRC that
/// entries written with data descriptors (as Go's archive/zip writes every provider release) leave out of their local
/// headers, so <see cref="StreamingZipExtractor"/> can inflate them while the zip downloads. Only what the zip itself
/// says later counts: the extractor checks every entry, descriptor and the zip's own central directory against this.
/// </summary>
internal sealed class ZipDirectoryListing
{
    /// <summary>What to fetch first: the end record and the directory of any provider package (a handful of entries) fit easily.</summary>
    public const int TailLength = 64 * 1024;

    /// <summary>A longer directory is fetched once more, whole, up to this size (ten thousand entries with long names).</summary>
    public const int MaxDirectoryLength = 4 << 20;

    private ZipDirectoryListing(IReadOnlyList<ZipCentralHeader> entries, long directoryOffset)
    {
        Entries = entries;
        DirectoryOffset = directoryOffset;
    }

    /// <summary>The entries in directory order, which must be the order of their local headers.</summary>
    public IReadOnlyList<ZipCentralHeader> Entries { get; }

    /// <summary>Where the central directory starts: the end of the last entry's data (and descriptor).</summary>
    public long DirectoryOffset { get; }

    /// <summary>Where the record after entry <paramref name="index"/> starts: the next local header, or the central directory.</summary>
    public long NextRecordOffset(int index) => index + 1 < Entries.Count ? Entries[index + 1].LocalHeaderOffset : DirectoryOffset;

    /// <summary>
    /// Reads the directory from the last <paramref name="tail"/> bytes of a zip of <paramref name="zipSize"/> bytes. Null
    /// when they hold no plain end record (Zip64, several disks, a comment with another end record, data between the
    /// directory and the end record) or a directory that contradicts it. When the tail is too short for the directory,
    /// null with <paramref name="tailNeeded"/> set to the length that would hold it.
    /// </summary>
    public static ZipDirectoryListing? TryRead(byte[] tail, long zipSize, out int tailNeeded)
    {
        tailNeeded = 0;
        if (tail.Length > zipSize || FindEndRecord(tail) is not { } endAt) return null;
        ZipEndOfDirectory end;
        try
        {
            var reader = new ForwardZipReader(new MemoryStream(tail, endAt + 4, tail.Length - endAt - 4, writable: false));
            end = ZipEndOfDirectory.ReadAfterSignature(reader);
        }
        catch (ZipStreamingUnsupportedException)
        {
            return null;
        }
        var endOffset = zipSize - tail.Length + endAt;
        if (end.Disk != 0 || end.DirectoryDisk != 0 || end.Entries != end.EntriesOnDisk || end.Entries == ushort.MaxValue
            || end.DirectoryOffset == uint.MaxValue || end.DirectoryOffset + (long)end.DirectorySize != endOffset)
            return null;
        var directoryAt = end.DirectoryOffset - (zipSize - tail.Length);
        if (directoryAt < 0)
        {
            var needed = zipSize - end.DirectoryOffset;
            if (needed <= MaxDirectoryLength) tailNeeded = (int)needed;
            return null;
        }
        return ReadEntries(tail, (int)directoryAt, end);
    }

    /// <summary>The end record's position in <paramref name="tail"/>: the one whose comment runs exactly to the end.</summary>
    private static int? FindEndRecord(byte[] tail)
    {
        for (var at = tail.Length - ZipEndOfDirectory.FixedSize; at >= 0 && tail.Length - at - ZipEndOfDirectory.FixedSize <= ushort.MaxValue; at--)
        {
            if (ForwardZipReader.U32(tail, at) != ZipEndOfDirectory.Signature) continue;
            if (ForwardZipReader.U16(tail, at + 20) != tail.Length - at - ZipEndOfDirectory.FixedSize) continue;
            return at;
        }
        return null;
    }

    private static ZipDirectoryListing? ReadEntries(byte[] tail, int directoryAt, ZipEndOfDirectory end)
    {
        var reader = new ForwardZipReader(new MemoryStream(tail, directoryAt, (int)end.DirectorySize, writable: false));
        var entries = new List<ZipCentralHeader>(end.Entries);
        try
        {
            for (var i = 0; i < end.Entries; i++)
            {
                if (ForwardZipReader.U32(reader.ReadExactly(4), 0) != ZipCentralHeader.Signature) return null;
                var entry = ZipCentralHeader.ReadAfterSignature(reader);
                if (entry.CompressedSize == uint.MaxValue || entry.UncompressedSize == uint.MaxValue || entry.LocalHeaderOffset == uint.MaxValue) return null;
                if (i > 0 && entry.LocalHeaderOffset <= entries[i - 1].LocalHeaderOffset) return null;
                entries.Add(entry);
            }
        }
        catch (ZipStreamingUnsupportedException)
        {
            return null;
        }
        if (reader.Position != end.DirectorySize) return null;
        return new ZipDirectoryListing(entries, end.DirectoryOffset);
    }
}
