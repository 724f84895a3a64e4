namespace TofuMirror.Model.Restore;

/// <summary>
/// The restore manifest's contract (docs/msbuild.md): its file name, format version and field names, shared by the
/// MSBuild restore that writes it and the source generator that reads it.
/// </summary>
public static class RestoreManifestFormat
{
    /// <summary>The manifest's file name, beside <c>tofu.rc</c> in the providers folder.</summary>
    public const string FileName = "tofu-providers.json";

    /// <summary>The format version written; a reader refuses any other.</summary>
    public const int Version = 1;

    /// <summary>The JSON property names.</summary>
    public static class Fields
    {
        public const string FormatVersion = "formatVersion";
        public const string OutputDirectory = "outputDirectory";
        public const string CliConfigPath = "cliConfigPath";
        public const string Packages = "packages";

        // Per package:
        public const string Module = "module";
        public const string Provider = "provider";
        public const string Version = "version";
        public const string Platform = "platform";
        public const string Repository = "repository";
        public const string Tag = "tag";
        public const string IndexDigest = "indexDigest";
        public const string ManifestDigest = "manifestDigest";
        public const string LayerDigest = "layerDigest";
        public const string Size = "size";
        public const string H1 = "h1";
        public const string Zh = "zh";
        public const string Path = "path";

        /// <summary>The key ID of the trust anchor that signed the package's checksums; null (or absent, in manifests of older restores) when not verified signed.</summary>
        public const string SigningKeyId = "signingKeyId";
    }
}
