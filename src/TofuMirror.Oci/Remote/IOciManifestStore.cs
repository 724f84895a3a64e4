using System;
using System.Threading;
using System.Threading.Tasks;
using TofuMirror.Oci.Content;

namespace TofuMirror.Oci.Remote;

/// <summary>Manifests of one remote repository (<c>/v2/NAME/manifests/REFERENCE</c>), bounded by the manifest size limit.</summary>
public interface IOciManifestStore
{
    /// <summary>The descriptor of the manifest a tag or digest names.</summary>
    Task<Descriptor> ResolveAsync(string reference, CancellationToken cancellationToken);

    /// <summary>The manifest a tag or digest names, with its descriptor.</summary>
    Task<(Descriptor Descriptor, byte[] Content)> FetchByReferenceAsync(string reference, CancellationToken cancellationToken);

    /// <summary>The manifest bytes, checked against size and digest.</summary>
    Task<byte[]> FetchAsync(Descriptor descriptor, CancellationToken cancellationToken);

    /// <summary>Stores a manifest by digest, or under <paramref name="tag"/>; returns its descriptor.</summary>
    Task<Descriptor> PushAsync(ReadOnlyMemory<byte> content, string mediaType, string? tag, CancellationToken cancellationToken);
}
