using System;
using System.IO;
using System.Linq;
using System.Security.Cryptography;
using System.Text;
using System.Threading;
using System.Threading.Tasks;
using TofuMirror.Engine.Providers;
using TofuMirror.Engine.Provenance;
using TofuMirror.Engine.Trust;
using TofuMirror.Model.Diagnostics;
using TofuMirror.Model.Packages;
using TofuMirror.Oci;

namespace TofuMirror.Engine.Push;

/// <summary>
/// The author's signed checksums given to <c>push --shasums FILE --signature FILE --key FILE</c>: the file contents
/// and their names for messages.
/// </summary>
public sealed record PushEvidenceFiles(
    string ShaSumsName, byte[] ShaSums, string SignatureName, byte[] Signature, string KeyName, byte[] Key);

/// <summary>
/// Checks pushed packages against <see cref="PushEvidenceFiles"/> before anything is pushed (the signature verifies
/// with the given key; one provider version; each zip's SHA-256 is its SHA256SUMS line), then attaches the evidence
/// to the version's index. Failures are <see cref="DiagnosticCodes.PushEvidenceRejected"/>.
/// </summary>
internal static class PushEvidence
{
    /// <summary>The evidence to attach, once every package checks out against the signed checksums.</summary>
    public static ProvenanceEvidence Verify(PushRequest request, PushEvidenceFiles files, DateTimeOffset now)
    {
        if (!OpenPgpKeyring.TryRead(files.Key, out var keys, out var keyError))
            throw Rejected($"{files.KeyName} is not usable: {keyError}");
        var signature = DetachedSignatureVerifier.Verify(files.ShaSums, files.Signature, keys, now);
        if (!signature.Verifies)
            throw Rejected($"the signature {files.SignatureName} of {files.ShaSumsName} does not verify with {files.KeyName}: {signature.Problem}");
        var sums = ShaSumsFile.Parse(Encoding.UTF8.GetString(files.ShaSums), files.ShaSumsName, out var problems)
            ?? throw Rejected(string.Join(" ", problems.Select(p => p.Detail)));

        var releases = request.Packages.Select(p => (p.Address, p.Version)).Distinct().ToList();
        if (releases.Count != 1)
            throw Rejected($"signed checksums vouch for one provider version, but the packages are of {string.Join(", ", releases.Select(r => $"{r.Address.ForDisplay()} {r.Version}"))}; push each version with its own SHA256SUMS");
        foreach (var package in request.Packages)
        {
            var fileName = ProviderZipFileName.Format(package.Address.Type, package.Version, package.Platform);
            if (package.Kind != MirrorPackageKind.Packed)
                throw Rejected($"{package.Path} is an unpacked folder: only the author's release zips match their signed checksums; push the zips");
            var signed = sums.Find(fileName) ?? throw Rejected($"{files.ShaSumsName} does not list {fileName}");
            var actual = Convert.ToHexString(HashFile(package.Path)).ToLowerInvariant();
            if (!string.Equals(actual, signed, StringComparison.OrdinalIgnoreCase))
                throw Rejected($"{package.Path} has SHA-256 {actual}, but {files.ShaSumsName} says {signed} for {fileName}: it is not the zip the author signed");
        }

        var (address, version) = releases[0];
        return new ProvenanceEvidence(address.ToString(), version.ToString(), files.ShaSums, files.Signature, files.Key,
            $"https://{address.Hostname}/v1/providers/{address.Namespace}/{address.Type}/{version}/download",
            [signature.SignerKeyId!], now);
    }

    /// <summary>Attaches the verified evidence to the index the push tagged.</summary>
    public static async Task AttachAsync(IOciRepositoryStore store, Model.Versions.ProviderVersion version, ProvenanceEvidence evidence, CancellationToken cancellationToken)
    {
        var index = await ProviderArtifactResolver.ResolveVersionTagAsync(store, version, cancellationToken).ConfigureAwait(false);
        await new ProvenanceStore(store).AttachAsync(index, evidence, cancellationToken).ConfigureAwait(false);
    }

    private static byte[] HashFile(string path)
    {
        using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 20, FileOptions.SequentialScan);
        return SHA256.HashData(stream);
    }

    private static ProviderFailure Rejected(string detail) => new(DiagnosticCodes.PushEvidenceRejected, $"The signed checksums were not accepted, so nothing was pushed: {detail}.");
}
