using System;
using System.IO;

namespace TofuMirror.Engine.Zip;

/// <summary>The fields of a zip local file header that a streaming reader needs (fixed part is 30 bytes).</summary>
internal sealed record ZipLocalHeader(long Offset, int Flags, int Method, uint Crc32, uint CompressedSize, uint UncompressedSize, byte[] NameBytes)
{
    public const uint Signature = 0x04034b50;
    public const int FixedSize = 30;

    /// <summary>Parses the header after its signature (already read) and its name; returns the extra field's length, still unread.</summary>
    public static (ZipLocalHeader Header, int ExtraLength) ReadAfterSignature(ForwardZipReader reader)
    {
        var offset = reader.Position - 4;
        var b = Pad4(reader.ReadExactly(FixedSize - 4));
        var nameLength = ForwardZipReader.U16(b, 26);
        var extraLength = ForwardZipReader.U16(b, 28);
        var name = reader.ReadExactly(nameLength);
        var header = new ZipLocalHeader(offset, ForwardZipReader.U16(b, 6), ForwardZipReader.U16(b, 8), ForwardZipReader.U32(b, 14),
            ForwardZipReader.U32(b, 18), ForwardZipReader.U32(b, 22), name);
        return (header, extraLength);
    }

    /// <summary>Four zero bytes in front, so fields are read at the offsets the zip specification gives (signature included).</summary>
    internal static byte[] Pad4(byte[] afterSignature)
    {
        var b = new byte[afterSignature.Length + 4];
        Buffer.BlockCopy(afterSignature, 0, b, 4, afterSignature.Length);
        return b;
    }
}

/// <summary>The fields of a central-directory file header that are checked against the local header (fixed part is 46 bytes).</summary>
internal sealed record ZipCentralHeader(int Flags, int Method, uint Crc32, uint CompressedSize, uint UncompressedSize, int ExternalAttributes,
    uint LocalHeaderOffset, byte[] NameBytes)
{
    public const uint Signature = 0x02014b50;
    public const int FixedSize = 46;

    /// <summary>Reads one header after its signature (already read), skipping its extra field and comment.</summary>
    public static ZipCentralHeader ReadAfterSignature(ForwardZipReader reader)
    {
        var b = ZipLocalHeader.Pad4(reader.ReadExactly(FixedSize - 4));
        var nameLength = ForwardZipReader.U16(b, 28);
        var skip = ForwardZipReader.U16(b, 30) + ForwardZipReader.U16(b, 32);
        if (ForwardZipReader.U16(b, 34) != 0) throw new ZipStreamingUnsupportedException("a multi-disk archive");
        var name = reader.ReadExactly(nameLength);
        reader.Skip(skip);
        return new ZipCentralHeader(ForwardZipReader.U16(b, 8), ForwardZipReader.U16(b, 10), ForwardZipReader.U32(b, 16),
            ForwardZipReader.U32(b, 20), ForwardZipReader.U32(b, 24), (int)ForwardZipReader.U32(b, 38), ForwardZipReader.U32(b, 42), name);
    }
}

/// <summary>The end-of-central-directory record (fixed part is 22 bytes, then the archive comment).</summary>
internal sealed record ZipEndOfDirectory(int Disk, int DirectoryDisk, int EntriesOnDisk, int Entries, uint DirectorySize, uint DirectoryOffset, int CommentLength)
{
    public const uint Signature = 0x06054b50;
    public const uint Zip64Signature = 0x06064b50;
    public const uint Zip64LocatorSignature = 0x07064b50;
    public const int FixedSize = 22;

    /// <summary>Reads the record after its signature (already read); the comment follows, still unread.</summary>
    public static ZipEndOfDirectory ReadAfterSignature(ForwardZipReader reader)
    {
        var b = ZipLocalHeader.Pad4(reader.ReadExactly(FixedSize - 4));
        return new ZipEndOfDirectory(ForwardZipReader.U16(b, 4), ForwardZipReader.U16(b, 6), ForwardZipReader.U16(b, 8), ForwardZipReader.U16(b, 10),
            ForwardZipReader.U32(b, 12), ForwardZipReader.U32(b, 16), ForwardZipReader.U16(b, 20));
    }
}

/// <summary>
/// A zip whose records contradict each other (a local header and the central directory, or a header and the data
/// it describes): readers that trust one or the other would extract different files, so the zip is refused.
/// </summary>
public sealed class InconsistentZipException : IOException
{
    /// <summary>Creates the exception with what disagreed.</summary>
    public InconsistentZipException(string detail)
        : base($"The provider package's zip records contradict each other: {detail}.")
    {
    }
}

/// <summary>A well-formed zip that the streaming extractor leaves to the seekable one (data descriptors, Zip64, encryption, ...).</summary>
public sealed class ZipStreamingUnsupportedException : IOException
{
    /// <summary>Creates the exception with the feature that was met.</summary>
    public ZipStreamingUnsupportedException(string feature)
        : base($"The zip cannot be extracted while streaming: {feature}.")
    {
    }
}
