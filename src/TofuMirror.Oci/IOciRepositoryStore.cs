using System;
using System.Collections.Generic;
using System.IO;
using System.Threading;
using System.Threading.Tasks;
using TofuMirror.Oci.Content;

namespace TofuMirror.Oci;

/// <summary>What happened to a blob on push.</summary>
public enum BlobPushResult
{
    /// <summary>The bytes were uploaded.</summary>
    Uploaded,

    /// <summary>The store already had the blob; nothing was sent.</summary>
    AlreadyExists,

    /// <summary>The registry mounted the blob from another repository; nothing was sent.</summary>
    Mounted,
}

/// <summary>
/// The read/write surface shared by a remote repository (<see cref="Remote.OciRepository"/>) and an
/// OCI image-layout folder (<see cref="Layout.OciLayoutStore"/>). Everything read is verified
/// against its descriptor; everything that fails throws an <see cref="OciException"/>.
/// </summary>
public interface IOciRepositoryStore
{
    /// <summary>A display name: <c>registry/repository</c> or <c>oci-layout:PATH</c>.</summary>
    string Name { get; }

    /// <summary>All tags, in the order the store gives them. Throws <see cref="OciNotFoundException"/> when the repository does not exist.</summary>
    Task<IReadOnlyList<string>> ListTagsAsync(CancellationToken cancellationToken);

    /// <summary>The descriptor of the manifest a tag or digest names. Throws <see cref="OciNotFoundException"/>.</summary>
    Task<Descriptor> ResolveAsync(string reference, CancellationToken cancellationToken);

    /// <summary>The manifest bytes, checked against size limit, size and digest.</summary>
    Task<byte[]> FetchManifestAsync(Descriptor descriptor, CancellationToken cancellationToken);

    /// <summary>Stores a manifest by digest, and tags it when <paramref name="tag"/> is given; returns its descriptor.</summary>
    Task<Descriptor> PushManifestAsync(ReadOnlyMemory<byte> content, string mediaType, string? tag, CancellationToken cancellationToken);

    /// <summary>True when the store holds the blob.</summary>
    Task<bool> BlobExistsAsync(Descriptor descriptor, CancellationToken cancellationToken);

    /// <summary>Copies the blob to <paramref name="destination"/>, verifying size and digest while streaming.</summary>
    Task FetchBlobAsync(Descriptor descriptor, Stream destination, CancellationToken cancellationToken);

    /// <summary>
    /// The blob's last <paramref name="length"/> bytes (all of it when shorter), or null when the store cannot read part
    /// of a blob (the default). Unlike everything else read, these bytes are not verified (only a whole blob can be
    /// checked against its digest): a caller must compare them with a verified copy before relying on them.
    /// </summary>
    Task<byte[]?> FetchBlobTailAsync(Descriptor descriptor, int length, CancellationToken cancellationToken) => Task.FromResult<byte[]?>(null);

    /// <summary>Downloads the blob to <paramref name="path"/> atomically: the file appears only once verified.</summary>
    Task FetchBlobToFileAsync(Descriptor descriptor, string path, CancellationToken cancellationToken);

    /// <summary>Stores the blob read from <paramref name="content"/> (exactly <see cref="Descriptor.Size"/> bytes, verified), unless already present.</summary>
    Task<BlobPushResult> PushBlobAsync(Descriptor descriptor, Stream content, CancellationToken cancellationToken);
}
