using System;
using System.IO;

namespace TofuMirror.Testing;

/// <summary>
/// A non-seekable, write-only destination. <see cref="System.IO.Compression.ZipArchive"/> writing into it cannot go
/// back to patch sizes, so it writes data descriptors, as Go's zip writer does for provider release zips.
/// </summary>
internal sealed class WriteOnlyStream(Stream inner) : Stream
{
    private long _written;

    public override void Write(byte[] buffer, int offset, int count)
    {
        inner.Write(buffer, offset, count);
        _written += count;
    }

    public override bool CanRead => false;
    public override bool CanSeek => false;
    public override bool CanWrite => true;
    public override long Length => throw new NotSupportedException();
    public override long Position { get => _written; set => throw new NotSupportedException(); }
    public override void Flush() => inner.Flush();
    public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
    public override void SetLength(long value) => throw new NotSupportedException();
}
