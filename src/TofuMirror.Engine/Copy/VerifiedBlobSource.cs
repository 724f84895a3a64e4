using System.IO;
using System.Threading;
using System.Threading.Tasks;
using TofuMirror.Oci;
using TofuMirror.Oci.Content;
using TofuMirror.Oci.Layout;
using TofuMirror.Oci.Remote;

namespace TofuMirror.Engine.Copy;

/// <summary>
/// A source blob as a stream that fails at its end unless size and digest match, so a copy streams it into the target
/// without holding it whole in memory, and a tampered blob breaks the upload before the target can commit it.
/// </summary>
internal static class VerifiedBlobSource
{
    public static async Task<Stream> OpenAsync(IOciRepositoryStore store, Descriptor blob, string scratchFolder, CancellationToken cancellationToken)
    {
        switch (store)
        {
            case OciRepository repository:
                return await repository.OpenBlobAsync(blob, cancellationToken).ConfigureAwait(false);
            case OciLayoutStore layout:
                return layout.OpenBlob(blob);
            default:
                // Any other store: verified into a scratch file first (deleted when the stream closes).
                Directory.CreateDirectory(scratchFolder);
                var path = Path.Combine(scratchFolder, blob.Digest.Hex + "." + System.Guid.NewGuid().ToString("N"));
                await store.FetchBlobToFileAsync(blob, path, cancellationToken).ConfigureAwait(false);
                return new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 128 * 1024, FileOptions.DeleteOnClose | FileOptions.Asynchronous);
        }
    }
}
