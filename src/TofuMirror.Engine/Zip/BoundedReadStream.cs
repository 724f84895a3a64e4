using System;
using System.IO;

namespace TofuMirror.Engine.Zip;

/// <summary>
/// At most <c>length</c> bytes of a forward-only stream (one zip entry's data), so a decompressor that reads ahead
/// cannot take bytes of the next record.
/// </summary>
internal sealed class BoundedReadStream : Stream
{
    private readonly Stream _inner;
    private long _remaining;

    public BoundedReadStream(Stream inner, long length)
    {
        _inner = inner;
        _remaining = length;
    }

    /// <summary>Bytes of the bound not read yet.</summary>
    public long Remaining => _remaining;

    public override bool CanRead => true;

    public override bool CanSeek => false;

    public override bool CanWrite => false;

    public override long Length => throw new NotSupportedException();

    public override long Position
    {
        get => throw new NotSupportedException();
        set => throw new NotSupportedException();
    }

    public override int Read(byte[] buffer, int offset, int count)
    {
        if (_remaining == 0 || count == 0) return 0;
        var n = _inner.Read(buffer, offset, (int)Math.Min(count, _remaining));
        if (n == 0) throw new ZipStreamingUnsupportedException("the zip ends in the middle of an entry");
        _remaining -= n;
        return n;
    }

    public override void Flush()
    {
    }

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();

    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
}
