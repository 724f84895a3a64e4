using System.Collections.Generic;
using TofuMirror.Oci;
using TofuMirror.Model.Addresses;
using TofuMirror.Model.Hashing;
using TofuMirror.Model.Platforms;
using TofuMirror.Model.Versions;

namespace TofuMirror.Engine.Push;

/// <summary>One platform of a pushed version.</summary>
public sealed record PushedPlatform(Platform Platform, string ManifestDigest, string LayerDigest, long Size, PackageHash H1, BlobPushResult? Blob);

/// <summary>One provider version pushed (or, with dry run, that would be).</summary>
public sealed record PushedVersion(
    ProviderAddress Provider,
    ProviderVersion Version,
    string Repository,
    string Tag,
    string IndexDigest,
    IReadOnlyList<PushedPlatform> Platforms,
    IReadOnlyList<Platform> KeptPlatforms);

/// <summary>Everything a push did.</summary>
public sealed record PushReport(IReadOnlyList<PushedVersion> Versions, IReadOnlyList<string> Warnings, bool DryRun);
