using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;
using TofuMirror.Engine.Origin;
using TofuMirror.Engine.Provenance;
using TofuMirror.Model.Hashing;

namespace TofuMirror.Engine.Mirror;

/// <summary>
/// A package as downloaded from the origin, not pushed yet: the file (in the download cache's work area), its
/// SHA-256 as <see cref="Zh"/> (computed while it arrived), its size and the <c>h1:</c> of its content.
/// </summary>
public sealed record DownloadedPackage(OriginPackage Origin, string Path, PackageHash Zh, long Size, PackageHash H1);

/// <summary>What a check established: the signing key (null when it checked no signature) and evidence to keep beside the version.</summary>
public sealed record MirrorCheckResult(string? SigningKeyId = null, ProvenanceEvidence? Evidence = null)
{
    public static MirrorCheckResult None { get; } = new();

    /// <summary>Accepted, but worth telling the user (e.g. a signing key that has expired).</summary>
    public IReadOnlyList<string> Warnings { get; init; } = [];
}

/// <summary>
/// One step between download and push. Every check of every platform of a version runs before anything of that
/// version is pushed; a check refuses a package by throwing <see cref="MirrorCheckFailure"/>.
/// </summary>
public interface IMirrorPackageCheck
{
    Task<MirrorCheckResult> CheckAsync(DownloadedPackage package, CancellationToken cancellationToken);
}

/// <summary>A check refused a package; <see cref="Code"/> is the TOFU code it is reported with.</summary>
public sealed class MirrorCheckFailure(string code, string message) : System.Exception(message)
{
    public string Code { get; } = code;
}

/// <summary>
/// A check that can also vouch for a package the mirror already holds, from its layer digest and size alone (no
/// download): used to add evidence to a version mirrored before evidence was kept.
/// </summary>
public interface IMirrorPresentPackageCheck
{
    Task<MirrorCheckResult> CheckPresentAsync(OriginPackage package, string zipSha256, long zipSize, CancellationToken cancellationToken);
}
