using System;
using System.IO;
using System.Threading;
using System.Threading.Tasks;

namespace TofuMirror.Engine.Restore;

/// <summary>
/// Where a blob download writes: each chunk goes to the cache's part file and on to the extractor's pipe, so the
/// blob is read from the network once and never read back from disk.
/// </summary>
internal sealed class CachingExtractingSink(FileStream cacheFile, BlobPipe pipe) : Stream
{
    public override async ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken = default)
    {
        // The part file is opened for synchronous, unbuffered writes: cheaper than .NET's thread-pool "async" file writes on Unix.
        try
        {
            cacheFile.Write(buffer.Span);
        }
        catch (IOException e)
        {
            throw TofuMirror.Oci.DownloadWriteException.For(cacheFile.Name, e);
        }
        await pipe.WriteAsync(buffer, cancellationToken).ConfigureAwait(false);
    }

    public override Task WriteAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        WriteAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

    public override void Write(byte[] buffer, int offset, int count) =>
        WriteAsync(buffer.AsMemory(offset, count)).AsTask().GetAwaiter().GetResult();

    public override bool CanRead => false;

    public override bool CanSeek => false;

    public override bool CanWrite => true;

    public override long Length => throw new NotSupportedException();

    public override long Position
    {
        get => throw new NotSupportedException();
        set => throw new NotSupportedException();
    }

    public override void Flush()
    {
    }

    public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();
}
