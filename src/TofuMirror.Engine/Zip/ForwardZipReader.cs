using System;
using System.IO;

namespace TofuMirror.Engine.Zip;

/// <summary>Reads a forward-only stream, counting the position (zip offsets are checked against it).</summary>
internal sealed class ForwardZipReader
{
    private readonly Stream _stream;

    public ForwardZipReader(Stream stream) => _stream = stream;

    public Stream Stream => _stream;

    /// <summary>Bytes consumed so far: the offset in the zip.</summary>
    public long Position { get; private set; }

    /// <summary>Called by whoever reads the stream directly (entry data) to keep <see cref="Position"/> right.</summary>
    public void Advance(long count) => Position += count;

    /// <summary>Exactly <paramref name="count"/> bytes; a stream that ends first is a truncated zip.</summary>
    public byte[] ReadExactly(int count)
    {
        var bytes = new byte[count];
        var done = 0;
        while (done < count)
        {
            var n = _stream.Read(bytes, done, count - done);
            if (n == 0) throw new ZipStreamingUnsupportedException("the zip ends in the middle of a record");
            done += n;
        }
        Position += count;
        return bytes;
    }

    public void Skip(long count)
    {
        var scratch = new byte[(int)Math.Min(count, 64 * 1024)];
        while (count > 0)
        {
            var n = _stream.Read(scratch, 0, (int)Math.Min(count, scratch.Length));
            if (n == 0) throw new ZipStreamingUnsupportedException("the zip ends in the middle of a record");
            count -= n;
            Position += n;
        }
    }

    /// <summary>True when the stream has no more bytes.</summary>
    public bool AtEnd()
    {
        var probe = new byte[1];
        return _stream.Read(probe, 0, 1) == 0;
    }

    public static int U16(byte[] b, int at) => b[at] | (b[at + 1] << 8);

    public static uint U32(byte[] b, int at) => (uint)(b[at] | (b[at + 1] << 8) | (b[at + 2] << 16) | (b[at + 3] << 24));
}
