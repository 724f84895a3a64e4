using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using TofuMirror.Engine.Provenance;
using TofuMirror.Oci;
using TofuMirror.Oci.Content;

namespace TofuMirror.Engine.Mirror;

/// <summary>Keeps a mirrored version's evidence as an OCI referrer of its index (see docs/provenance.md).</summary>
public sealed class ProvenanceEvidenceSink : IMirrorEvidenceSink
{
    public async Task AttachAsync(IOciRepositoryStore store, Descriptor index, ProvenanceEvidence evidence, CancellationToken cancellationToken) =>
        await new ProvenanceStore(store).AttachAsync(index, evidence, cancellationToken).ConfigureAwait(false);

    public async Task<bool> HasEvidenceAsync(IOciRepositoryStore store, Descriptor index, CancellationToken cancellationToken) =>
        (await new ProvenanceStore(store).ListAsync(index.Digest, cancellationToken).ConfigureAwait(false)).Any();
}
