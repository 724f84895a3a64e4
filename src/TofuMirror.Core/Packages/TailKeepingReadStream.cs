using System;
using System.IO;

namespace TofuMirror.Core;

/// <summary>
/// One entry's data for a decompressor when the zip gives its size only after the data (a data descriptor): reads
/// the forward stream on, counting what it handed out and keeping the last bytes of it. When the compressed data
/// ends, the descriptor, and what the decompressor took beyond it, are in that tail.
/// </summary>
internal sealed class TailKeepingReadStream : Stream
{
    /// <summary>The tail kept; a read is capped at half of it, and at least a quarter of it is kept before the latest read.</summary>
    private const int Capacity = 1 << 18;

    private readonly Stream _inner;
    private readonly byte[] _tail = new byte[Capacity];
    private int _tailLength;

    public TailKeepingReadStream(Stream inner) => _inner = inner;

    /// <summary>Bytes read from the forward stream since the entry's data started.</summary>
    public long Total { get; private set; }

    /// <summary>The position (from the entry's data start) of the first byte still kept.</summary>
    public long TailStart => Total - _tailLength;

    /// <summary>The four bytes at <paramref name="position"/>, little-endian.</summary>
    public uint U32At(long position) => ForwardZipReader.U32(_tail, (int)(position - TailStart));

    /// <summary>Copies the kept bytes from <paramref name="position"/> to the end into a new array.</summary>
    public byte[] TailFrom(long position)
    {
        var bytes = new byte[Total - position];
        Buffer.BlockCopy(_tail, (int)(position - TailStart), bytes, 0, bytes.Length);
        return bytes;
    }

    /// <summary>
    /// Reads up to <paramref name="count"/> more bytes into the tail (fewer if the stream ends): the decompressor may
    /// have stopped right at the end of its data, before the descriptor.
    /// </summary>
    public void ReadAhead(int count)
    {
        var scratch = new byte[count];
        var done = 0;
        int n;
        while (done < count && (n = _inner.Read(scratch, done, count - done)) > 0) done += n;
        Keep(scratch, 0, done);
    }

    public override int Read(byte[] buffer, int offset, int count)
    {
        if (count == 0) return 0;
        var n = _inner.Read(buffer, offset, Math.Min(count, Capacity / 2));
        if (n == 0) throw new ZipStreamingUnsupportedException("the zip ends in the middle of an entry");
        Keep(buffer, offset, n);
        return n;
    }

    private void Keep(byte[] bytes, int offset, int count)
    {
        if (_tailLength + count > Capacity)
        {
            var keep = Math.Min(_tailLength, Capacity / 4);
            Buffer.BlockCopy(_tail, _tailLength - keep, _tail, 0, keep);
            _tailLength = keep;
        }
        Buffer.BlockCopy(bytes, offset, _tail, _tailLength, count);
        _tailLength += count;
        Total += count;
    }

    public override bool CanRead => true;

    public override bool CanSeek => false;

    public override bool CanWrite => false;

    public override long Length => throw new NotSupportedException();

    public override long Position
    {
        get => throw new NotSupportedException();
        set => throw new NotSupportedException();
    }

    public override void Flush()
    {
    }

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();

    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
}
