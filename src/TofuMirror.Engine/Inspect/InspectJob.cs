using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using TofuMirror.Engine.Provenance;
using TofuMirror.Engine.Providers;
using TofuMirror.Engine.Restore;
using TofuMirror.Engine.Stores;
using TofuMirror.Oci;
using TofuMirror.Oci.Content;
using Platform = TofuMirror.Model.Platforms.Platform;
using TofuMirror.Model.Addresses;
using TofuMirror.Model.Diagnostics;
using TofuMirror.Model.Platforms;
using TofuMirror.Model.Versions;

namespace TofuMirror.Engine.Inspect;

/// <summary>
/// The <c>inspect</c> job: what the mirror holds for one provider, read exactly as OpenTofu reads it: the
/// version tags (other tags listed as ignored, with why), and for each version its platforms with manifest and
/// layer digests, sizes and the <c>h1:</c> annotation, and the provenance evidence attached to its index (format-checked,
/// not verified). An invalid artifact is reported on its version or
/// platform; the rest is still read.
/// </summary>
public static class InspectJob
{
    public static async Task<InspectReport> RunAsync(ProviderAddress provider, IProviderStoreResolver resolver, CancellationToken cancellationToken)
    {
        var stores = resolver.Resolve(provider);
        if (stores.Count == 0)
            throw new ProviderFailure(DiagnosticCodes.ProviderNotInMirror,
                $"no oci_mirror installation method handles {provider.ForDisplay()}; check the include/exclude patterns of the CLI configuration.");
        var repositories = new List<InspectedRepository>();
        foreach (var store in stores)
            repositories.Add(await InspectRepositoryAsync(store, provider, cancellationToken).ConfigureAwait(false));
        return new InspectReport(provider, repositories);
    }

    private static async Task<InspectedRepository> InspectRepositoryAsync(IOciRepositoryStore store, ProviderAddress provider, CancellationToken cancellationToken)
    {
        var repository = new InspectedRepository(store.Name);
        IReadOnlyList<ProviderVersion> versions;
        IReadOnlyList<(string Tag, string Reason)> ignored;
        try
        {
            (versions, ignored) = await ProviderArtifactResolver.ListVersionsAsync(store, cancellationToken).ConfigureAwait(false);
        }
        catch (ProviderFailure e)
        {
            return repository with { Problem = $"{e.Code}: {e.Message}" };
        }
        catch (OciException e)
        {
            return repository with { Problem = $"{OciFailures.CodeOf(e)}: {e.Message}" };
        }

        var inspected = new List<InspectedVersion>();
        foreach (var version in versions)
            inspected.Add(await InspectVersionAsync(store, provider, version, cancellationToken).ConfigureAwait(false));
        return repository with
        {
            Found = true,
            Versions = inspected,
            IgnoredTags = ignored.Select(i => new IgnoredTag(i.Tag, ReferrersTagReason(i.Tag) ?? i.Reason)).OrderBy(i => i.Tag, StringComparer.Ordinal).ToList(),
        };
    }

    private static async Task<InspectedVersion> InspectVersionAsync(
        IOciRepositoryStore store, ProviderAddress provider, ProviderVersion version, CancellationToken cancellationToken)
    {
        var result = new InspectedVersion(version, version.ToOciTag());
        Descriptor indexDescriptor;
        OciIndex index;
        try
        {
            (indexDescriptor, index) = await ProviderArtifactResolver.ReadIndexAsync(store, version, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e) when (e is ProviderFailure or OciException)
        {
            return result with { Problem = Describe(e) };
        }

        var platforms = new List<InspectedPlatform>();
        var names = index.Manifests
            .Where(m => m.Platform is not null && m.ArtifactType == MediaTypes.OpenTofuProviderTarget)
            .Select(m => m.Platform!.ToString())
            .Distinct(StringComparer.Ordinal)
            .OrderBy(n => n, StringComparer.Ordinal);
        foreach (var name in names)
        {
            var entry = new InspectedPlatform(name);
            if (!Platform.TryParse(name, out var platform, out var error))
            {
                platforms.Add(entry with { Problem = $"not a platform OpenTofu can select: {error}" });
                continue;
            }
            try
            {
                var location = await ProviderArtifactResolver.ResolvePlatformAsync(store, provider, version, platform, indexDescriptor, index, cancellationToken)
                    .ConfigureAwait(false);
                entry = entry with
                {
                    ManifestDigest = location.Manifest.Digest.ToString(),
                    ManifestSize = location.Manifest.Size,
                    LayerDigest = location.Layer.Digest.ToString(),
                    LayerSize = location.Layer.Size,
                    Zh = location.Zh,
                    H1 = location.AnnotatedH1,
                };
            }
            catch (Exception e) when (e is ProviderFailure or OciException)
            {
                entry = entry with { Problem = Describe(e) };
            }
            platforms.Add(entry);
        }
        if (platforms.Count == 0 && index.Manifests.Count > 0)
        {
            // SelectPlatformManifest explains why none of the entries is a provider package (e.g. a container image).
            try
            {
                ProviderArtifactRules.SelectPlatformManifest(index, new Platform("linux", "amd64"));
            }
            catch (ProviderFailure e)
            {
                return result with { IndexDigest = indexDescriptor.Digest.ToString(), Problem = Describe(e) };
            }
        }
        var (evidence, evidenceProblem) = await InspectEvidenceAsync(store, indexDescriptor, cancellationToken).ConfigureAwait(false);
        return result with
        {
            IndexDigest = indexDescriptor.Digest.ToString(),
            Platforms = platforms,
            Evidence = evidence,
            EvidenceProblem = evidenceProblem,
            Problem = platforms.Count == 0 ? "the index lists no platform packages" : null,
        };
    }

    /// <summary>Why a <c>sha256-HEX</c> tag is there: the referrers tag schema's list of what is attached to that digest.</summary>
    private static string? ReferrersTagReason(string tag)
        => tag.StartsWith("sha256-", StringComparison.Ordinal) && Digest.TryParse("sha256:" + tag["sha256-".Length..], out var subject, out _)
            ? $"the referrers of {subject} (OCI 1.1 referrers tag schema: provenance evidence and other attached artifacts), not a version"
            : null;

    private static async Task<(IReadOnlyList<InspectedEvidence> Evidence, string? Problem)> InspectEvidenceAsync(
        IOciRepositoryStore store, Descriptor index, CancellationToken cancellationToken)
    {
        try
        {
            var found = await new ProvenanceStore(store).FindAsync(index.Digest, cancellationToken).ConfigureAwait(false);
            return (found.Select(f => new InspectedEvidence(f.Artifact.Digest.ToString())
            {
                ClaimedKeyIds = f.Evidence.KeyIds,
                ClaimedOriginUrl = f.Evidence.OriginUrl,
                ClaimedVerifiedAt = f.Evidence.VerifiedAt,
            }).ToList(), null);
        }
        catch (Exception e) when (e is ProvenanceFormatException or OciException)
        {
            return ([], Describe(e));
        }
    }

    private static string Describe(Exception e) => e switch
    {
        ProvenanceFormatException => $"{DiagnosticCodes.ProvenanceEvidenceInvalid}: {e.Message}",
        ProviderFailure failure => $"{failure.Code}: {failure.Message}",
        _ => $"{OciFailures.CodeOf(e)}: {e.Message}",
    };
}
