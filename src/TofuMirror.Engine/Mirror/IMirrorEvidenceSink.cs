using System.Threading;
using System.Threading.Tasks;
using TofuMirror.Engine.Provenance;
using TofuMirror.Oci;
using TofuMirror.Oci.Content;

namespace TofuMirror.Engine.Mirror;

/// <summary>
/// Where the evidence of a mirrored version (its signed <c>SHA256SUMS</c>, the signature and keys) goes once the
/// version's index is tagged: called with the store, the tagged index and the evidence the checks returned.
/// </summary>
public interface IMirrorEvidenceSink
{
    Task AttachAsync(IOciRepositoryStore store, Descriptor index, ProvenanceEvidence evidence, CancellationToken cancellationToken);

    /// <summary>True when <paramref name="index"/> already has evidence (so a version whose platforms were all skipped needs none).</summary>
    Task<bool> HasEvidenceAsync(IOciRepositoryStore store, Descriptor index, CancellationToken cancellationToken);
}
