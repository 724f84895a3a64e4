using System;
using System.IO;
using System.Security.Cryptography;
using System.Threading;
using System.Threading.Tasks;

namespace TofuMirror.Oci.Content;

/// <summary>
/// A read-only stream over content with a known descriptor: hashes while reading, fails as soon
/// as the content runs past its declared size, and at end of stream fails when the content is
/// shorter than declared or does not hash to the digest. A reader that reaches end of stream
/// without an exception has read exactly the verified bytes.
/// </summary>
public sealed class VerifyingStream : Stream
{
    private readonly Stream _inner;
    private readonly bool _leaveOpen;
    private readonly IncrementalHash _hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
    private long _read;
    private bool _verified;

    public VerifyingStream(Stream inner, Digest expectedDigest, long expectedSize, bool leaveOpen = false)
    {
        ArgumentNullException.ThrowIfNull(inner);
        if (expectedDigest.IsEmpty) throw new ArgumentException("A digest is required.", nameof(expectedDigest));
        ArgumentOutOfRangeException.ThrowIfNegative(expectedSize);
        _inner = inner;
        ExpectedDigest = expectedDigest;
        ExpectedSize = expectedSize;
        _leaveOpen = leaveOpen;
    }

    public Digest ExpectedDigest { get; }

    public long ExpectedSize { get; }

    /// <summary>Bytes handed out so far.</summary>
    public long BytesRead => _read;

    /// <summary>True once the content has been read to its end and verified.</summary>
    public bool IsVerified => _verified;

    public override bool CanRead => true;

    public override bool CanSeek => false;

    public override bool CanWrite => false;

    public override long Length => ExpectedSize;

    public override long Position
    {
        get => _read;
        set => throw new NotSupportedException();
    }

    public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

    public override int Read(Span<byte> buffer)
    {
        if (buffer.Length == 0) return 0;
        var remaining = ExpectedSize - _read;
        if (remaining == 0)
        {
            Span<byte> probe = stackalloc byte[1];
            return AfterEnd(_inner.Read(probe));
        }

        var n = _inner.Read(buffer[..(int)Math.Min(buffer.Length, remaining)]);
        return Account(buffer[..n]);
    }

    public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken)
        => ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

    public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
    {
        if (buffer.Length == 0) return 0;
        var remaining = ExpectedSize - _read;
        if (remaining == 0)
        {
            var probe = new byte[1];
            return AfterEnd(await _inner.ReadAsync(probe, cancellationToken).ConfigureAwait(false));
        }

        var n = await _inner.ReadAsync(buffer[..(int)Math.Min(buffer.Length, remaining)], cancellationToken).ConfigureAwait(false);
        return Account(buffer.Span[..n]);
    }

    private int Account(ReadOnlySpan<byte> data)
    {
        if (data.Length == 0)
        {
            throw new OciSizeLimitException(
                $"incorrect response size: expected {ExpectedSize} bytes, but got {_read} bytes (content {ExpectedDigest})");
        }

        _hash.AppendData(data);
        _read += data.Length;
        return data.Length;
    }

    private int AfterEnd(int extra)
    {
        if (extra > 0)
        {
            throw new OciSizeLimitException(
                $"content {ExpectedDigest} is longer than its declared size of {ExpectedSize} bytes");
        }

        if (!_verified)
        {
            var actual = Digest.FromHash(_hash.GetHashAndReset());
            if (actual != ExpectedDigest)
            {
                throw new OciDigestMismatchException(
                    $"content does not match digest {ExpectedDigest} (got {actual}); the registry served corrupted or wrong content",
                    ExpectedDigest.ToString(), actual.ToString());
            }

            _verified = true;
        }

        return 0;
    }

    public override void Flush()
    {
    }

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();

    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            _hash.Dispose();
            if (!_leaveOpen) _inner.Dispose();
        }

        base.Dispose(disposing);
    }
}
