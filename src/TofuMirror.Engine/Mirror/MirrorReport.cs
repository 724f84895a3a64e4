using System.Collections.Generic;
using System.Linq;
using TofuMirror.Diagnostics;
using TofuMirror.Model.Addresses;
using TofuMirror.Model.Platforms;
using TofuMirror.Model.Versions;

namespace TofuMirror.Engine.Mirror;

/// <summary>What happened to one platform's package (with a dry run: what would happen).</summary>
public enum MirrorStatus
{
    /// <summary>Downloaded from the origin, checked and pushed (dry run: would be).</summary>
    Fetched,

    /// <summary>The mirror already holds this exact package (same digest): nothing downloaded or pushed.</summary>
    Skipped,

    /// <summary>Not pushed: this package or another platform of its version failed (see the version's error).</summary>
    Failed,
}

/// <summary>
/// One platform of a mirrored version. <see cref="Digest"/> is the zip's <c>sha256:</c> (the layer digest, the
/// official <c>zh:</c>) when known; <see cref="SigningKeyId"/> is the key that signed its checksums (null when unsigned).
/// </summary>
public sealed record MirroredPlatform(Platform Platform, MirrorStatus Status, string? Digest, long? Size, string? SigningKeyId, string? SourceUrl);

/// <summary>One provider version: its platforms, the tag written (or kept), and the error that stopped it.</summary>
public sealed record MirroredVersion(
    ProviderAddress Provider,
    ProviderVersion? Version,
    string? Repository,
    string? Tag,
    string? IndexDigest,
    IReadOnlyList<MirroredPlatform> Platforms,
    Diagnostic? Error)
{
    public bool Failed => Error is not null;
}

/// <summary>The result of a mirror run.</summary>
public sealed record MirrorReport(IReadOnlyList<MirroredVersion> Versions, IReadOnlyList<Diagnostic> Diagnostics, bool DryRun)
{
    public IReadOnlyList<string> Warnings { get; init; } = [];

    public bool Succeeded => Diagnostics.All(d => d.Severity != DiagnosticSeverity.Error) && Versions.All(v => !v.Failed);
}
