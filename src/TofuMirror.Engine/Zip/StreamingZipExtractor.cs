using System;
using System.Collections.Generic;
using System.IO;
using System.IO.Compression;
using System.IO.Hashing;
using System.Security.Cryptography;
using System.Text;
using TofuMirror.Engine.Hashing;
using TofuMirror.Model.Hashing;

namespace TofuMirror.Engine.Zip;

/// <summary>
/// Extracts a provider zip from a forward-only stream (a download in progress) into a staging directory, hashing
/// each file for <c>h1:</c> as it is written. It follows the local headers, then reads the central directory and
/// the end record and refuses the zip (<see cref="InconsistentZipException"/>) unless they describe exactly
/// the entries it extracted, at the offsets it saw them, and each entry's data has the sizes its header gives. Entry names get the same checks as
/// <see cref="SafeZipExtractor"/>, and execute bits come from the central directory, as there. Entry count and sizes are
/// bounded by <see cref="ExtractionBudget"/> before each entry is written, and no file is pre-allocated from a size the
/// zip merely declares.
/// </summary>
/// <remarks>
/// Entries written with data descriptors (sizes and CRC after the data, as Go's archive/zip writes every provider
/// release) take their sizes from the central directory read first from the zip's end (<see cref="ZipDirectoryListing"/>);
/// their descriptors and the zip's own central directory must then say the same. Anything in such a zip that disagrees
/// with the directory read first is left to the seekable extractor (that directory came from a separate request, so the
/// verified download, not it, decides what is wrong). Zips it cannot follow without seeking (data descriptors with no
/// directory read first, Zip64, encryption, methods other than stored and deflate, non-UTF-8 names, data between
/// records) raise <see cref="ZipStreamingUnsupportedException"/>: the caller then extracts the downloaded file with
/// <see cref="SafeZipExtractor"/>. The staging directory is the caller's to delete on any failure, and to publish only
/// after the blob's digest and the lock-file hashes are verified.
/// </remarks>
public static class StreamingZipExtractor
{
    private const int BufferSize = 1 << 18; // small enough to stay in L2 between inflating, hashing and writing
    private const int EncryptedFlag = 0x0001;
    private const int DataDescriptorFlag = 0x0008;
    private const uint DataDescriptorSignature = 0x08074b50;
    private const int StrongEncryptionFlag = 0x0040;
    private const int Utf8NameFlag = 0x0800;
    private const int Stored = 0;
    private const int Deflated = 8;

    /// <summary>Extracts the zip read from <paramref name="zip"/> (to its end) and returns the <c>h1:</c> of what was written.</summary>
    /// <param name="zip">The zip, forward only.</param>
    /// <param name="zipSize">The zip's size (the blob's, from its descriptor): bounds what it may extract to.</param>
    /// <param name="targetDirectory">Where the files go.</param>
    /// <exception cref="UnsafeZipEntryException">An entry would land outside the target directory.</exception>
    /// <exception cref="ZipLimitExceededException">The zip would write more than <see cref="ExtractionBudget"/> allows.</exception>
    /// <exception cref="InconsistentZipException">The zip's records contradict each other.</exception>
    /// <exception cref="ZipStreamingUnsupportedException">The zip needs the seekable extractor.</exception>
    public static PackageHash ExtractAndHash(Stream zip, long zipSize, string targetDirectory) => ExtractAndHash(zip, zipSize, targetDirectory, null);

    /// <summary>As <see cref="ExtractAndHash(Stream, long, string)"/>, following entries with data descriptors too.</summary>
    /// <param name="zip">The zip, forward only.</param>
    /// <param name="zipSize">The zip's size (the blob's, from its descriptor): bounds what it may extract to.</param>
    /// <param name="targetDirectory">Where the files go.</param>
    /// <param name="readDirectoryFirst">
    /// Reads the zip's central directory from its end, for entries with data descriptors; called at most once, when the
    /// first such entry comes; null (or returning null) leaves those zips to the seekable extractor.
    /// </param>
    internal static PackageHash ExtractAndHash(Stream zip, long zipSize, string targetDirectory, Func<ZipDirectoryListing?>? readDirectoryFirst) =>
        Extract(zip, zipSize, targetDirectory, readDirectoryFirst, ZipContentChecks.HashAndCrc)!;

    /// <summary>
    /// As <see cref="ExtractAndHash(Stream, long, string, Func{ZipDirectoryListing?}?)"/>; with
    /// <see cref="ZipContentChecks.None"/> (for a zip whose bytes the caller matches against a lock-file hash) the files
    /// are neither hashed nor CRC-checked and the result is null. Every check on names, sizes and records stays.
    /// </summary>
    internal static PackageHash? Extract(Stream zip, long zipSize, string targetDirectory, Func<ZipDirectoryListing?>? readDirectoryFirst,
        ZipContentChecks checks)
    {
        var budget = new ExtractionBudget(zipSize);
        var root = Path.GetFullPath(targetDirectory);
        Directory.CreateDirectory(root);
        var reader = new ForwardZipReader(zip);
        var entries = new List<(ZipLocalHeader Header, string Name, string FullPath)>();
        var digests = new Dictionary<string, byte[]>(StringComparer.Ordinal);
        var buffer = new byte[BufferSize];
        using var fileHash = checks == ZipContentChecks.HashAndCrc ? IncrementalHash.CreateHash(HashAlgorithmName.SHA256) : null;
        var spellings = new CaseCollisionGuard();
        ZipDirectoryListing? listing = null;

        uint signature;
        while ((signature = ForwardZipReader.U32(reader.ReadExactly(4), 0)) == ZipLocalHeader.Signature)
        {
            var (header, extraLength) = ZipLocalHeader.ReadAfterSignature(reader);
            var entryName = DecodeName(header);
            reader.Skip(extraLength);
            var described = (header.Flags & DataDescriptorFlag) != 0;
            if (described)
            {
                listing ??= readDirectoryFirst?.Invoke()
                    ?? throw new ZipStreamingUnsupportedException("an entry with a data descriptor, and no central directory read first");
                header = SizesFromDirectory(listing, entries.Count, header);
            }
            var fullPath = ZipEntryPaths.Resolve(root, entryName, out var name);
            spellings.Add(entryName, name);
            budget.Admit(entryName, header.CompressedSize, header.UncompressedSize);
            if (name.EndsWith("/", StringComparison.Ordinal))
            {
                Directory.CreateDirectory(fullPath);
                reader.Skip(header.CompressedSize);
            }
            else
            {
                Directory.CreateDirectory(Path.GetDirectoryName(fullPath)!);
                WriteEntry(reader, header, described, fullPath, buffer, fileHash);
                if (fileHash is not null) digests[name] = fileHash.GetHashAndReset();
            }
            if (described) ReadDescriptor(reader, header, listing!.NextRecordOffset(entries.Count), entryName);
            entries.Add((header, name, fullPath));
        }

        if (signature != ZipCentralHeader.Signature)
            throw new ZipStreamingUnsupportedException(entries.Count == 0 ? "it does not start with a local header" : "unexpected data between entries");
        if (listing is not null && listing.Entries.Count != entries.Count)
            throw new ZipStreamingUnsupportedException($"the central directory read first lists {listing.Entries.Count} entries, the zip has {entries.Count}");
        ReadDirectoryAndApplyModes(reader, entries, listing);
        return fileHash is null ? null : PackageHasher.ComputeH1FromDigests(digests);
    }

    private static string DecodeName(ZipLocalHeader header)
    {
        if ((header.Flags & (EncryptedFlag | StrongEncryptionFlag)) != 0) throw new ZipStreamingUnsupportedException("an encrypted entry");
        if (header.Method is not (Stored or Deflated)) throw new ZipStreamingUnsupportedException($"compression method {header.Method}");
        if (header.CompressedSize == uint.MaxValue || header.UncompressedSize == uint.MaxValue)
            throw new ZipStreamingUnsupportedException("a Zip64 entry");
        if ((header.Flags & Utf8NameFlag) == 0 && Array.Exists(header.NameBytes, b => b >= 0x80))
            throw new ZipStreamingUnsupportedException("a name in a legacy code page");
        return new UTF8Encoding(false, throwOnInvalidBytes: true).GetString(header.NameBytes);
    }

    /// <summary>
    /// The local header of entry <paramref name="index"/>, which has a data descriptor, with the sizes and CRC of the
    /// central directory read first; that directory must describe this very entry.
    /// </summary>
    private static ZipLocalHeader SizesFromDirectory(ZipDirectoryListing listing, int index, ZipLocalHeader header)
    {
        if (index >= listing.Entries.Count)
            throw new ZipStreamingUnsupportedException($"the central directory read first lists only {listing.Entries.Count} entries");
        var central = listing.Entries[index];
        // Go writes zeros where the descriptor will give the values; other writers may repeat them.
        if (central.LocalHeaderOffset != header.Offset || !BytesEqual(central.NameBytes, header.NameBytes) || central.Method != header.Method
            || (central.Flags & DataDescriptorFlag) == 0 || (header.Crc32 is not 0 && header.Crc32 != central.Crc32)
            || (header.CompressedSize is not 0 && header.CompressedSize != central.CompressedSize)
            || (header.UncompressedSize is not 0 && header.UncompressedSize != central.UncompressedSize))
            throw new ZipStreamingUnsupportedException($"entry {index} differs from the central directory read first");
        return header with { Crc32 = central.Crc32, CompressedSize = central.CompressedSize, UncompressedSize = central.UncompressedSize };
    }

    /// <summary>
    /// The data descriptor after an entry's data, up to <paramref name="nextRecordOffset"/>: 12 bytes, or 16 with its
    /// signature (a Zip64 one, or anything else, leaves the zip to the seekable extractor); it must repeat the sizes and CRC.
    /// </summary>
    private static void ReadDescriptor(ForwardZipReader reader, ZipLocalHeader header, long nextRecordOffset, string entryName)
    {
        var length = nextRecordOffset - reader.Position;
        if (length is not (12 or 16)) throw new ZipStreamingUnsupportedException($"{length} bytes after the data of \"{entryName}\" where a data descriptor belongs");
        var b = reader.ReadExactly((int)length);
        var at = (int)length - 12;
        if ((at == 4 && ForwardZipReader.U32(b, 0) != DataDescriptorSignature) || ForwardZipReader.U32(b, at) != header.Crc32
            || ForwardZipReader.U32(b, at + 4) != header.CompressedSize || ForwardZipReader.U32(b, at + 8) != header.UncompressedSize)
            throw new ZipStreamingUnsupportedException($"the data descriptor of \"{entryName}\" differs from the central directory read first");
    }

    /// <summary>
    /// The zip contradicts itself, or (for an entry with a data descriptor, whose sizes and CRC came from the central
    /// directory read first) that separately read directory: then the seekable extractor decides.
    /// </summary>
    private static IOException Contradiction(bool described, string detail) =>
        described ? new ZipStreamingUnsupportedException(detail + " (as the central directory read first gives it)") : new InconsistentZipException(detail);

    /// <summary>Writes one entry's data; with a <paramref name="fileHash"/>, hashes it and checks its CRC-32 too.</summary>
    private static void WriteEntry(ForwardZipReader reader, ZipLocalHeader header, bool described, string fullPath, byte[] buffer, IncrementalHash? fileHash)
    {
        var compressed = new BoundedReadStream(reader.Stream, header.CompressedSize);
        var crc = fileHash is null ? null : new Crc32();
        long written = 0;
        using (var target = new FileStream(fullPath, FileMode.Create, FileAccess.Write, FileShare.None, 1))
        using (var data = header.Method == Deflated ? new DeflateStream(compressed, CompressionMode.Decompress, leaveOpen: true) : (Stream)compressed)
        {
            int read;
            while ((read = FillBuffer(data, buffer)) > 0)
            {
                written += read;
                if (written > header.UncompressedSize) throw Contradiction(described, $"\"{Path.GetFileName(fullPath)}\" is longer than its local header says");
                target.Write(buffer, 0, read);
                fileHash?.AppendData(buffer, 0, read);
                crc?.Append(buffer.AsSpan(0, read));
            }
        }
        if (written != header.UncompressedSize || compressed.Remaining != 0)
            throw Contradiction(described, $"the data of \"{Path.GetFileName(fullPath)}\" does not match the sizes in its local header");
        // The central directory's CRC is compared with this header's later; Go's archive/zip checks the data against it.
        if (crc is not null && crc.GetCurrentHashAsUInt32() != header.Crc32)
            throw Contradiction(described, $"the data of \"{Path.GetFileName(fullPath)}\" does not match its CRC-32");
        reader.Advance(header.CompressedSize);
    }

    /// <summary>
    /// Reads until <paramref name="buffer"/> is full or the data ends: a decompressor hands out a few kilobytes per
    /// read, and writing each piece on its own would cost a system call per few kilobytes.
    /// </summary>
    internal static int FillBuffer(Stream data, byte[] buffer)
    {
        var filled = 0;
        int read;
        while (filled < buffer.Length && (read = data.Read(buffer, filled, buffer.Length - filled)) > 0) filled += read;
        return filled;
    }

    /// <summary>
    /// The central directory must list the extracted entries, in order, with the same names, methods, sizes, CRCs and
    /// offsets, and the end record must point at it; then execute bits are applied from it. With a directory read
    /// first, it must be that one.
    /// </summary>
    private static void ReadDirectoryAndApplyModes(ForwardZipReader reader, List<(ZipLocalHeader Header, string Name, string FullPath)> entries,
        ZipDirectoryListing? listing)
    {
        var directoryOffset = reader.Position - 4;
        var modes = new List<int>(entries.Count);
        for (var i = 0; i < entries.Count; i++)
        {
            if (i > 0)
            {
                var next = ForwardZipReader.U32(reader.ReadExactly(4), 0);
                if (next == ZipEndOfDirectory.Signature)
                    throw new InconsistentZipException($"it lists {i} entries, the local headers {entries.Count}");
                if (next != ZipCentralHeader.Signature) throw new ZipStreamingUnsupportedException("unexpected data in the central directory");
            }
            var central = ZipCentralHeader.ReadAfterSignature(reader);
            if (listing is not null && !SameEntry(central, listing.Entries[i]))
                throw new ZipStreamingUnsupportedException($"entry {i} of the central directory differs from the one read first");
            var local = entries[i].Header;
            if (central.LocalHeaderOffset != local.Offset || !BytesEqual(central.NameBytes, local.NameBytes)
                || central.Method != local.Method || central.Crc32 != local.Crc32 || central.CompressedSize != local.CompressedSize
                || central.UncompressedSize != local.UncompressedSize || (central.Flags & Utf8NameFlag) != (local.Flags & Utf8NameFlag))
                throw new InconsistentZipException($"entry {i} (\"{entries[i].Name}\") differs");
            modes.Add(central.ExternalAttributes);
        }

        var directorySize = reader.Position - directoryOffset;
        var signature = ForwardZipReader.U32(reader.ReadExactly(4), 0);
        if (signature == ZipCentralHeader.Signature)
            throw new InconsistentZipException($"it lists more entries than the {entries.Count} local headers");
        if (signature == ZipEndOfDirectory.Zip64Signature) throw new ZipStreamingUnsupportedException("a Zip64 archive");
        if (signature != ZipEndOfDirectory.Signature) throw new ZipStreamingUnsupportedException("unexpected data after the central directory");
        var end = ZipEndOfDirectory.ReadAfterSignature(reader);
        if (end.Entries == ushort.MaxValue || end.DirectoryOffset == uint.MaxValue) throw new ZipStreamingUnsupportedException("a Zip64 archive");
        if (end.Disk != 0 || end.DirectoryDisk != 0 || end.EntriesOnDisk != entries.Count || end.Entries != entries.Count
            || end.DirectorySize != directorySize || end.DirectoryOffset != directoryOffset)
            throw new InconsistentZipException("the end record does not point at the central directory that follows the entries");
        // A reader that finds the end record by searching backwards from the end of the file would take an end
        // record hidden in the comment or after it, and with it another central directory.
        var comment = reader.ReadExactly(end.CommentLength);
        if (ContainsEndRecordSignature(comment)) throw new InconsistentZipException("the archive comment holds another end record");
        if (!reader.AtEnd()) throw new InconsistentZipException("there is data after the end record");

        for (var i = 0; i < entries.Count; i++)
        {
            if (!entries[i].Name.EndsWith("/", StringComparison.Ordinal)) ZipEntryPaths.ApplyExecutableBits(modes[i], entries[i].FullPath);
        }
    }

    private static bool ContainsEndRecordSignature(byte[] bytes)
    {
        for (var i = 0; i + 4 <= bytes.Length; i++)
        {
            var signature = ForwardZipReader.U32(bytes, i);
            if (signature is ZipEndOfDirectory.Signature or ZipEndOfDirectory.Zip64Signature or ZipEndOfDirectory.Zip64LocatorSignature) return true;
        }
        return false;
    }

    private static bool SameEntry(ZipCentralHeader a, ZipCentralHeader b) =>
        a.Flags == b.Flags && a.Method == b.Method && a.Crc32 == b.Crc32 && a.CompressedSize == b.CompressedSize && a.UncompressedSize == b.UncompressedSize
        && a.ExternalAttributes == b.ExternalAttributes && a.LocalHeaderOffset == b.LocalHeaderOffset && BytesEqual(a.NameBytes, b.NameBytes);

    private static bool BytesEqual(byte[] a, byte[] b)
    {
        if (a.Length != b.Length) return false;
        for (var i = 0; i < a.Length; i++)
        {
            if (a[i] != b[i]) return false;
        }
        return true;
    }
}
