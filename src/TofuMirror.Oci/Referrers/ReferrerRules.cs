using System;
using System.Collections.Generic;
using System.Linq;
using TofuMirror.Oci.Content;

namespace TofuMirror.Oci.Referrers;

/// <summary>What every referrer store shares: the bounds on a (possibly hostile) answer, the fallback tag, and how a referrer is listed.</summary>
public static class ReferrerRules
{
    /// <summary>The most referrers of one subject we read; more is refused as a flood.</summary>
    public const int MaxReferrers = 10_000;

    /// <summary>The most pages of the referrers API we follow.</summary>
    public const int MaxPages = 100;

    /// <summary>The tag of the referrers tag schema for <paramref name="subject"/>: <c>ALGORITHM-HEX</c>.</summary>
    public static string FallbackTag(Digest subject) => subject.Algorithm + "-" + subject.Hex;

    /// <summary>The index entry that lists a referrer: its media type, digest, size, <c>artifactType</c> and annotations.</summary>
    public static Descriptor EntryFor(ReadOnlyMemory<byte> manifest, string mediaType)
    {
        var digest = Digest.Compute(manifest.Span);
        var (_, kind) = OciJsonReader.Sniff(manifest);
        string? artifactType;
        IReadOnlyDictionary<string, string>? annotations;
        Descriptor? subject;
        if (kind == OciJsonReader.ManifestKind.Index)
        {
            var index = OciJsonReader.ParseIndex(manifest);
            (artifactType, annotations, subject) = (index.ArtifactType, index.Annotations, index.Subject);
        }
        else if (kind == OciJsonReader.ManifestKind.ImageManifest)
        {
            var image = OciJsonReader.ParseImageManifest(manifest);
            // OCI 1.1: an image manifest without artifactType is listed with its config's media type.
            (artifactType, annotations, subject) = (image.ArtifactType ?? image.Config.MediaType, image.Annotations, image.Subject);
        }
        else
        {
            throw new OciProtocolException($"manifest {digest} is neither an image manifest nor an index: it cannot be a referrer");
        }

        if (subject is null) throw new ArgumentException($"manifest {digest} has no subject: it refers to nothing", nameof(manifest));
        return new Descriptor(mediaType, digest, manifest.Length) { ArtifactType = artifactType, Annotations = annotations };
    }

    /// <summary>The subject digest a referrer manifest names.</summary>
    public static Digest SubjectOf(ReadOnlyMemory<byte> manifest)
    {
        var (_, kind) = OciJsonReader.Sniff(manifest);
        var subject = kind switch
        {
            OciJsonReader.ManifestKind.Index => OciJsonReader.ParseIndex(manifest).Subject,
            OciJsonReader.ManifestKind.ImageManifest => OciJsonReader.ParseImageManifest(manifest).Subject,
            _ => null,
        };
        return subject?.Digest ?? throw new ArgumentException("the manifest has no subject: it refers to nothing", nameof(manifest));
    }

    /// <summary>Keeps the entries of <paramref name="artifactType"/> (all when null), refusing more than <see cref="MaxReferrers"/>.</summary>
    public static IReadOnlyList<Descriptor> Filter(IEnumerable<Descriptor> entries, string? artifactType, string where)
    {
        var list = entries.Where(d => artifactType is null || d.ArtifactType == artifactType).ToList();
        if (list.Count > MaxReferrers)
            throw new OciSizeLimitException($"{where} lists more than {MaxReferrers} referrers; refusing to read them");
        return list;
    }
}
