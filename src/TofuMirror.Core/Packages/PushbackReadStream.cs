using System;
using System.IO;

namespace TofuMirror.Core;

/// <summary>
/// A forward-only stream that can be given back bytes it handed out: a decompressor reads past the end of an entry
/// whose size the zip only gives after the data (a data descriptor), and those bytes belong to the next record.
/// </summary>
internal sealed class PushbackReadStream : Stream
{
    private readonly Stream _inner;
    private byte[] _pending = [];
    private int _pendingOffset;

    public PushbackReadStream(Stream inner) => _inner = inner;

    /// <summary>Makes the next reads return <paramref name="count"/> bytes of <paramref name="bytes"/> first, then whatever was pending.</summary>
    public void Unread(byte[] bytes, int offset, int count)
    {
        if (count == 0) return;
        var left = _pending.Length - _pendingOffset;
        var combined = new byte[count + left];
        Buffer.BlockCopy(bytes, offset, combined, 0, count);
        Buffer.BlockCopy(_pending, _pendingOffset, combined, count, left);
        _pending = combined;
        _pendingOffset = 0;
    }

    public override int Read(byte[] buffer, int offset, int count)
    {
        var left = _pending.Length - _pendingOffset;
        if (left == 0) return _inner.Read(buffer, offset, count);
        var n = Math.Min(count, left);
        Buffer.BlockCopy(_pending, _pendingOffset, buffer, offset, n);
        _pendingOffset += n;
        if (_pendingOffset == _pending.Length)
        {
            _pending = [];
            _pendingOffset = 0;
        }
        return n;
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
