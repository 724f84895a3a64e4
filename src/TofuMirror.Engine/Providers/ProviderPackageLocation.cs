using TofuMirror.Oci;
using TofuMirror.Oci.Content;
using Platform = TofuMirror.Model.Platforms.Platform;
using TofuMirror.Model.Addresses;
using TofuMirror.Model.Hashing;
using TofuMirror.Model.Platforms;
using TofuMirror.Model.Versions;

namespace TofuMirror.Engine.Providers;

/// <summary>Where one provider package (version + platform) is in an OCI store, with the descriptors that vouch for it.</summary>
public sealed record ProviderPackageLocation(
    IOciRepositoryStore Store,
    ProviderAddress Provider,
    ProviderVersion Version,
    Platform Platform,
    Descriptor Index,
    Descriptor Manifest,
    Descriptor Layer)
{
    /// <summary>The <c>zh:</c> hash of the zip, known from the layer digest without downloading.</summary>
    public PackageHash Zh => ProviderArtifactRules.ZipHashOf(Layer);

    /// <summary>The <c>h1:</c> hash TofuMirror's push recorded on the platform manifest, if any (unverified until installed).</summary>
    public PackageHash? AnnotatedH1 { get; init; }
}
