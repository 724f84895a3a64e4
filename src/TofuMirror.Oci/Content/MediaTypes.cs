namespace TofuMirror.Oci.Content;

/// <summary>Media types and artifact types used by OCI registries and by OpenTofu provider mirrors.</summary>
public static class MediaTypes
{
    public const string ImageIndex = "application/vnd.oci.image.index.v1+json";
    public const string ImageManifest = "application/vnd.oci.image.manifest.v1+json";
    public const string ImageConfig = "application/vnd.oci.image.config.v1+json";
    public const string Descriptor = "application/vnd.oci.descriptor.v1+json";
    public const string ArtifactManifest = "application/vnd.oci.artifact.manifest.v1+json";
    public const string Empty = "application/vnd.oci.empty.v1+json";
    public const string ImageLayout = "application/vnd.oci.layout.header.v1+json";
    public const string DockerManifest = "application/vnd.docker.distribution.manifest.v2+json";
    public const string DockerManifestList = "application/vnd.docker.distribution.manifest.list.v2+json";

    /// <summary>Artifact type of a provider version's multi-platform index.</summary>
    public const string OpenTofuProvider = "application/vnd.opentofu.provider";

    /// <summary>Artifact type of one platform's image manifest.</summary>
    public const string OpenTofuProviderTarget = "application/vnd.opentofu.provider-target";

    /// <summary>Artifact type of an OpenTofu module package.</summary>
    public const string OpenTofuModulePackage = "application/vnd.opentofu.modulepkg";

    /// <summary>Layer media type of a provider release zip.</summary>
    public const string ZipArchive = "archive/zip";

    /// <summary>The Accept list ORAS sends for manifests, in the same order.</summary>
    public static readonly string[] ManifestAccept =
    {
        DockerManifest, DockerManifestList, ImageManifest, ImageIndex, ArtifactManifest,
    };

    /// <summary>Well-known annotation names.</summary>
    public static class Annotations
    {
        public const string Title = "org.opencontainers.image.title";
        public const string RefName = "org.opencontainers.image.ref.name";
        public const string Created = "org.opencontainers.image.created";
    }
}
