using System.IO;
using System.Threading;
using System.Threading.Tasks;
using TofuMirror.Oci.Content;

namespace TofuMirror.Oci.Remote;

/// <summary>Reading blobs of one remote repository (<c>/v2/NAME/blobs/DIGEST</c>); everything read is verified.</summary>
public interface IOciBlobStore
{
    /// <summary>True when the repository holds the blob.</summary>
    Task<bool> ExistsAsync(Digest digest, CancellationToken cancellationToken);

    /// <summary>Streams the blob into <paramref name="destination"/>, verifying size and digest and resuming broken transfers.</summary>
    Task FetchAsync(Descriptor descriptor, Stream destination, CancellationToken cancellationToken);

    /// <summary>
    /// The blob's last <paramref name="length"/> bytes (all of it when shorter), unverified; null when the registry does
    /// not serve byte ranges. See <see cref="OciBlobStore.FetchTailAsync"/>.
    /// </summary>
    Task<byte[]?> FetchTailAsync(Descriptor descriptor, int length, CancellationToken cancellationToken);

    /// <summary>Downloads the blob to <paramref name="path"/>; the file appears only once verified.</summary>
    Task FetchToFileAsync(Descriptor descriptor, string path, CancellationToken cancellationToken);

    /// <summary>The blob as a stream that verifies size and digest when read to its end.</summary>
    Task<Stream> OpenAsync(Descriptor descriptor, CancellationToken cancellationToken);
}
