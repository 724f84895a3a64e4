using System;
using System.Collections.Generic;
using System.IO;
using System.IO.Compression;
using System.Text;

namespace TofuMirror.Core.Tests.Packages;

/// <summary>
/// Writes zips the way Go's archive/zip writes release zips: every file deflated, general-purpose flag bit 3 set,
/// zero CRC and sizes in the local header, and a data descriptor after the data (with its signature, or without,
/// as some other writers do). Tests can tamper with a descriptor or the central directory.
/// </summary>
internal sealed class DataDescriptorZipWriter
{
    private readonly List<(string Name, byte[] Data, int UnixMode, bool Stored)> _entries = new();

    /// <summary>Writes each descriptor with its 0x08074b50 signature (Go does).</summary>
    public bool DescriptorSignature { get; init; } = true;

    /// <summary>Changes the (CRC, compressed size, uncompressed size) a descriptor gives, by entry index.</summary>
    public Func<int, (uint Crc, uint Compressed, uint Uncompressed), (uint Crc, uint Compressed, uint Uncompressed)>? TamperDescriptor { get; init; }

    /// <summary>Changes the (CRC, compressed size, uncompressed size) the central directory gives, by entry index.</summary>
    public Func<int, (uint Crc, uint Compressed, uint Uncompressed), (uint Crc, uint Compressed, uint Uncompressed)>? TamperCentral { get; init; }

    public DataDescriptorZipWriter Add(string name, byte[] data, int unixMode = 0b110_100_100)
    {
        _entries.Add((name, data, unixMode, false));
        return this;
    }

    public DataDescriptorZipWriter Add(string name, string content, int unixMode = 0b110_100_100) => Add(name, Encoding.UTF8.GetBytes(content), unixMode);

    /// <summary>A stored entry that still has a data descriptor (which no streaming reader can delimit).</summary>
    public DataDescriptorZipWriter AddStored(string name, string content)
    {
        _entries.Add((name, Encoding.UTF8.GetBytes(content), 0b110_100_100, true));
        return this;
    }

    public byte[] ToBytes()
    {
        using var output = new MemoryStream();
        using var w = new BinaryWriter(output);
        var central = new List<(uint Offset, uint Crc, uint Compressed, uint Uncompressed)>();
        for (var i = 0; i < _entries.Count; i++)
        {
            var (name, data, _, stored) = _entries[i];
            var offset = (uint)output.Position;
            var compressed = stored ? data : Deflate(data);
            WriteLocalHeader(w, name, stored);
            w.Write(compressed);
            var sizes = (Crc: Crc32(data), Compressed: (uint)compressed.Length, Uncompressed: (uint)data.Length);
            var described = TamperDescriptor?.Invoke(i, sizes) ?? sizes;
            if (DescriptorSignature) w.Write(0x08074b50u);
            w.Write(described.Crc);
            w.Write(described.Compressed);
            w.Write(described.Uncompressed);
            var listed = TamperCentral?.Invoke(i, sizes) ?? sizes;
            central.Add((offset, listed.Crc, listed.Compressed, listed.Uncompressed));
        }
        var centralStart = (uint)output.Position;
        for (var i = 0; i < _entries.Count; i++)
        {
            var (name, _, mode, stored) = _entries[i];
            var nameBytes = Encoding.UTF8.GetBytes(name);
            w.Write(0x02014b50u);
            w.Write((ushort)(3 << 8 | 20)); // made by Unix
            w.Write((ushort)20);
            w.Write((ushort)0x0808); // UTF-8 names, data descriptor
            w.Write((ushort)(stored ? 0 : 8));
            w.Write((ushort)0);
            w.Write((ushort)0x5021);
            w.Write(central[i].Crc);
            w.Write(central[i].Compressed);
            w.Write(central[i].Uncompressed);
            w.Write((ushort)nameBytes.Length);
            w.Write((ushort)0);
            w.Write((ushort)0);
            w.Write((ushort)0);
            w.Write((ushort)0);
            w.Write((uint)(0x8000 | mode) << 16);
            w.Write(central[i].Offset);
            w.Write(nameBytes);
        }
        var centralSize = (uint)output.Position - centralStart;
        w.Write(0x06054b50u);
        w.Write((ushort)0);
        w.Write((ushort)0);
        w.Write((ushort)_entries.Count);
        w.Write((ushort)_entries.Count);
        w.Write(centralSize);
        w.Write(centralStart);
        w.Write((ushort)0);
        w.Flush();
        return output.ToArray();
    }

    private static void WriteLocalHeader(BinaryWriter w, string name, bool stored)
    {
        var nameBytes = Encoding.UTF8.GetBytes(name);
        w.Write(0x04034b50u);
        w.Write((ushort)20);
        w.Write((ushort)0x0808);
        w.Write((ushort)(stored ? 0 : 8));
        w.Write((ushort)0);
        w.Write((ushort)0x5021);
        w.Write(0u); // CRC and sizes come in the descriptor
        w.Write(0u);
        w.Write(0u);
        w.Write((ushort)nameBytes.Length);
        w.Write((ushort)0);
        w.Write(nameBytes);
    }

    private static byte[] Deflate(byte[] data)
    {
        // .NET writes nothing for no data; Go (and zlib) write an empty final block.
        if (data.Length == 0) return [0x03, 0x00];
        using var output = new MemoryStream();
        using (var deflate = new DeflateStream(output, CompressionLevel.Optimal, leaveOpen: true)) deflate.Write(data, 0, data.Length);
        return output.ToArray();
    }

    internal static uint Crc32(byte[] data)
    {
        var crc = 0xFFFFFFFFu;
        foreach (var b in data)
        {
            crc ^= b;
            for (var k = 0; k < 8; k++) crc = (crc & 1) != 0 ? (crc >> 1) ^ 0xEDB88320u : crc >> 1;
        }
        return ~crc;
    }
}
