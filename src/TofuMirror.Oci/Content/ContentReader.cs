using System;
using System.IO;
using System.Threading;
using System.Threading.Tasks;

namespace TofuMirror.Oci.Content;

/// <summary>Bounded reads of small content (manifests) into memory.</summary>
public static class ContentReader
{
    /// <summary>One mebibyte.</summary>
    public const long MiB = 1024 * 1024;

    /// <summary>
    /// OpenTofu's manifest size rule: rejected when <c>size / 1 MiB &gt; limitMiB</c> in integer
    /// division, so with the default 4 everything below 5 MiB passes.
    /// </summary>
    public static bool ExceedsManifestLimit(long size, int limitMiB) => size / MiB > limitMiB;

    /// <summary>The largest size that passes <see cref="ExceedsManifestLimit"/>.</summary>
    public static long LargestManifestSize(int limitMiB) => ((limitMiB + 1) * MiB) - 1;

    /// <summary>Reads the whole stream, failing with <see cref="OciSizeLimitException"/> past <paramref name="maxBytes"/>.</summary>
    public static async Task<byte[]> ReadAllAsync(Stream stream, long maxBytes, string what, CancellationToken cancellationToken)
    {
        using var buffer = new MemoryStream();
        var chunk = new byte[81920];
        while (true)
        {
            var n = await stream.ReadAsync(chunk, cancellationToken).ConfigureAwait(false);
            if (n == 0) break;
            if (buffer.Length + n > maxBytes)
                throw new OciSizeLimitException($"{what} is larger than the limit of {maxBytes} bytes");
            buffer.Write(chunk, 0, n);
        }

        return buffer.ToArray();
    }

    /// <summary>Checks <paramref name="content"/> against its descriptor (size, then digest).</summary>
    public static void Verify(ReadOnlySpan<byte> content, Descriptor descriptor, string what)
    {
        if (content.Length != descriptor.Size)
        {
            throw new OciSizeLimitException(
                $"incorrect response size for {what}: expected {descriptor.Size} bytes, but got {content.Length} bytes");
        }

        var actual = Digest.Compute(content);
        if (actual != descriptor.Digest)
        {
            throw new OciDigestMismatchException(
                $"{what} content does not match digest {descriptor.Digest} (got {actual})",
                descriptor.Digest.ToString(), actual.ToString());
        }
    }
}
