using System.Collections.Generic;
using System.IO;
using System.Text;

namespace TofuMirror.Engine.Tests.Hashing;

/// <summary>
/// Writes STORED zip files byte by byte (the layout Python's zipfile produces), so tests control the exact
/// bytes, Unix modes and directory entries.
/// </summary>
internal sealed class TestZipWriter
{
    private readonly List<(string Name, byte[] Data, int UnixMode)> _entries = new();

    public TestZipWriter Add(string name, string content, int unixMode = 0b111_101_101) =>
        Add(name, Encoding.UTF8.GetBytes(content), unixMode);

    public TestZipWriter Add(string name, byte[] data, int unixMode = 0b111_101_101)
    {
        _entries.Add((name, data, unixMode));
        return this;
    }

    public TestZipWriter AddDirectory(string name) => Add(name, new byte[0], 0b111_101_101 | 0x4000);

    public byte[] ToBytes()
    {
        const ushort dosTime = 0;                                  // 00:00:00
        const ushort dosDate = (2020 - 1980) << 9 | 1 << 5 | 1;   // 2020-01-01
        using var output = new MemoryStream();
        using var w = new BinaryWriter(output);
        var offsets = new List<uint>();
        foreach (var (name, data, _) in _entries)
        {
            offsets.Add((uint)output.Position);
            var nameBytes = Encoding.UTF8.GetBytes(name);
            w.Write(0x04034b50u);
            w.Write((ushort)20);
            w.Write(Flags(name));
            w.Write((ushort)0);
            w.Write(dosTime);
            w.Write(dosDate);
            w.Write(Crc32(data));
            w.Write((uint)data.Length);
            w.Write((uint)data.Length);
            w.Write((ushort)nameBytes.Length);
            w.Write((ushort)0);
            w.Write(nameBytes);
            w.Write(data);
        }
        var centralStart = (uint)output.Position;
        for (var i = 0; i < _entries.Count; i++)
        {
            var (name, data, mode) = _entries[i];
            var nameBytes = Encoding.UTF8.GetBytes(name);
            w.Write(0x02014b50u);
            w.Write((ushort)(3 << 8 | 20));  // made by Unix, zip 2.0
            w.Write((ushort)20);
            w.Write(Flags(name));
            w.Write((ushort)0);
            w.Write(dosTime);
            w.Write(dosDate);
            w.Write(Crc32(data));
            w.Write((uint)data.Length);
            w.Write((uint)data.Length);
            w.Write((ushort)nameBytes.Length);
            w.Write((ushort)0);
            w.Write((ushort)0);
            w.Write((ushort)0);
            w.Write((ushort)0);
            w.Write((uint)mode << 16 | (name.EndsWith("/") ? 0x10u : 0u));
            w.Write(offsets[i]);
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

    public string WriteTo(string path)
    {
        File.WriteAllBytes(path, ToBytes());
        return path;
    }

    private static ushort Flags(string name)
    {
        foreach (var c in name)
        {
            if (c > 0x7F) return 0x800;
        }
        return 0;
    }

    private static uint Crc32(byte[] data)
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
