using System;
using System.Collections.Concurrent;
using System.IO;
using System.Threading;
using System.Threading.Channels;
using System.Threading.Tasks;

namespace TofuMirror.Engine.Restore;

/// <summary>
/// Hands a download's bytes to an extractor on another thread: the download writes chunks (copied into pooled
/// buffers, a few in flight at most), the extractor reads them as a blocking, forward-only <see cref="Reader"/>.
/// Once the extractor stops reading, further writes are dropped so the download can finish into the cache.
/// Buffers are recycled within the pipe (a few per package) rather than through the shared pool, whose per-core
/// stock of large arrays is smaller than what several parallel downloads keep in flight.
/// </summary>
internal sealed class BlobPipe
{
    private readonly Channel<ArraySegment<byte>> _chunks;
    private readonly ConcurrentQueue<byte[]> _free = new();
    private volatile bool _readerClosed;

    private const int MinimumBufferSize = 1 << 18;

    public BlobPipe(int capacity)
    {
        _chunks = Channel.CreateBounded<ArraySegment<byte>>(new BoundedChannelOptions(capacity)
        {
            SingleReader = true,
            SingleWriter = true,
            FullMode = BoundedChannelFullMode.Wait,
        });
        Reader = new ReaderStream(this);
    }

    /// <summary>The bytes written so far, in order; read on one thread only.</summary>
    public Stream Reader { get; }

    public async ValueTask WriteAsync(ReadOnlyMemory<byte> data, CancellationToken cancellationToken)
    {
        if (_readerClosed || data.IsEmpty) return;
        var buffer = Rent(data.Length);
        data.CopyTo(buffer);
        try
        {
            await _chunks.Writer.WriteAsync(new ArraySegment<byte>(buffer, 0, data.Length), cancellationToken).ConfigureAwait(false);
        }
        catch (ChannelClosedException)
        {
            Return(buffer); // the reader stopped early
        }
    }

    /// <summary>No more bytes: the reader sees the end of the stream, or <paramref name="error"/> when the download failed.</summary>
    public void CompleteWriting(Exception? error) => _chunks.Writer.TryComplete(error);

    /// <summary>The reader is done (finished or gave up): pending and later writes are dropped.</summary>
    public void CloseReading()
    {
        _readerClosed = true;
        _chunks.Writer.TryComplete();
        while (_chunks.Reader.TryRead(out var chunk)) Return(chunk.Array!);
    }

    private byte[] Rent(int length)
    {
        while (_free.TryDequeue(out var buffer))
        {
            if (buffer.Length >= length) return buffer;
        }
        return new byte[Math.Max(length, MinimumBufferSize)];
    }

    private void Return(byte[] buffer) => _free.Enqueue(buffer);

    private sealed class ReaderStream(BlobPipe pipe) : Stream
    {
        private ArraySegment<byte> _current;
        private int _offset;

        public override int Read(byte[] buffer, int offset, int count)
        {
            if (count == 0) return 0;
            while (_current.Array is null || _offset == _current.Count)
            {
                if (_current.Array is not null) pipe.Return(_current.Array);
                _current = default;
                _offset = 0;
                if (!pipe._chunks.Reader.TryRead(out var next))
                {
                    // Runs on the extractor's own thread, so blocking here costs no thread-pool thread.
                    if (!pipe._chunks.Reader.WaitToReadAsync().AsTask().GetAwaiter().GetResult()) return 0;
                    continue;
                }
                _current = next;
            }
            var n = Math.Min(count, _current.Count - _offset);
            Buffer.BlockCopy(_current.Array, _current.Offset + _offset, buffer, offset, n);
            _offset += n;
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

        protected override void Dispose(bool disposing)
        {
            if (_current.Array is not null) pipe.Return(_current.Array);
            _current = default;
            base.Dispose(disposing);
        }
    }
}
