using System.IO;
using System.Threading;
using System.Threading.Tasks;
using TofuMirror.Oci.Content;

namespace TofuMirror.Oci.Remote;

/// <summary>Pushing blobs into one remote repository (<c>/v2/NAME/blobs/uploads/</c>).</summary>
public interface IOciBlobUploader
{
    /// <summary>Uploads (or mounts from <paramref name="mountFrom"/>) the blob unless the repository already holds it.</summary>
    Task<BlobPushResult> PushAsync(Descriptor descriptor, Stream content, string? mountFrom, CancellationToken cancellationToken);
}
