using System.Collections.Generic;
using System.Linq;
using TofuMirror.Model.Addresses;
using TofuMirror.Model.Versions;

namespace TofuMirror.Engine.Copy;

/// <summary>One provider version copied (or found already there, or, on a dry run, to be copied).</summary>
public sealed record CopiedVersion(ProviderAddress Provider, ProviderVersion Version, string Source, string Target)
{
    public string SourceIndexDigest { get; init; } = "";

    /// <summary>The index the target's version tag names: the source's, or the rewritten one when platforms were dropped.</summary>
    public string TargetIndexDigest { get; init; } = "";

    /// <summary>True when the target already tagged this exact index; then only missing evidence is copied.</summary>
    public bool AlreadyTagged { get; init; }

    public IReadOnlyList<string> Platforms { get; init; } = [];

    /// <summary>Platforms the source has that <c>--platform</c> left out (the target's index is rewritten without them).</summary>
    public IReadOnlyList<string> DroppedPlatforms { get; init; } = [];

    public int BlobsCopied { get; init; }

    public long BytesCopied { get; init; }

    public int BlobsPresent { get; init; }

    public int ManifestsCopied { get; init; }

    public int EvidenceCopied { get; init; }

    public int EvidencePresent { get; init; }

    /// <summary>Nothing was (or, on a dry run, would be) written to the target.</summary>
    public bool NothingToDo => BlobsCopied == 0 && ManifestsCopied == 0 && EvidenceCopied == 0 && AlreadyTagged;
}

/// <summary>A version (or, with no version, a whole selection) that could not be copied; <see cref="Code"/> is a TOFU code.</summary>
public sealed record CopyFailure(ProviderAddress Provider, ProviderVersion? Version, string Code, string Message);

/// <summary>The result of <see cref="CopyJob"/>.</summary>
public sealed record CopyReport(IReadOnlyList<CopiedVersion> Versions, IReadOnlyList<CopyFailure> Failures, bool DryRun)
{
    public bool Succeeded => Failures.Count == 0;

    public int BlobsCopied => Versions.Sum(v => v.BlobsCopied);

    public long BytesCopied => Versions.Sum(v => v.BytesCopied);
}
