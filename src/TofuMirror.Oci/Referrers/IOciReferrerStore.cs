using System;
using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;
using TofuMirror.Oci.Content;

namespace TofuMirror.Oci.Referrers;

/// <summary>
/// OCI 1.1 referrers: manifests that name another manifest as their <c>subject</c> (signatures, provenance).
/// Implemented by registries (referrers API, or the referrers tag schema when the registry has none) and by
/// image-layout folders (untagged <c>index.json</c> entries). <see cref="OciReferrers.For"/> gives one for any store.
/// </summary>
public interface IOciReferrerStore
{
    /// <summary>
    /// Stores a manifest that has a <c>subject</c> (by digest, untagged) and makes it discoverable from that subject;
    /// returns its descriptor. Pushing the same manifest twice lists it once.
    /// </summary>
    Task<Descriptor> PushReferrerAsync(ReadOnlyMemory<byte> manifest, string mediaType, CancellationToken cancellationToken);

    /// <summary>
    /// The descriptors of the manifests whose subject is <paramref name="subject"/> (with their <c>artifactType</c> and
    /// annotations), only those of <paramref name="artifactType"/> when given; empty when there are none.
    /// </summary>
    Task<IReadOnlyList<Descriptor>> ListReferrersAsync(Digest subject, string? artifactType, CancellationToken cancellationToken);
}
