using System.Text;
using TofuMirror.Generators.Model;
using TofuMirror.Model.Platforms;

namespace TofuMirror.Generators.Emitting;

/// <summary>
/// Emits <c>TofuProviderDescriptor</c>, the type every generated provider member returns. Written in
/// C# 7.3 (no records, no init) so it compiles for net472 projects; nullable annotations only when the
/// language version has them.
/// </summary>
internal static class DescriptorTypeEmitter
{
    public const string HintName = "TofuProviderDescriptor.g.cs";

    public static string Emit(GeneratorOptions options)
    {
        var q = options.NullableAnnotations ? "?" : "";
        var text = new StringBuilder();
        text.Append(ModuleEmitter.Header(options));
        text.Append($$"""
namespace {{options.Namespace}}
{
    /// <summary>
    /// A provider locked by an OpenTofu module's <c>.terraform.lock.hcl</c>, as the build saw it: address,
    /// locked version, constraints, hashes and the platforms the project targets.
    /// </summary>
    [global::System.CodeDom.Compiler.GeneratedCode("TofuMirror.Generators", "1.0")]
    internal sealed class TofuProviderDescriptor
    {
        /// <summary>Creates a descriptor. Generated code calls this; user code reads the generated members instead.</summary>
        /// <param name="source">The normalized source address.</param>
        /// <param name="hostname">The registry hostname.</param>
        /// <param name="namespace">The provider namespace.</param>
        /// <param name="type">The provider type.</param>
        /// <param name="version">The locked version.</param>
        /// <param name="constraints">The normalized constraints recorded in the lock file, or null when none are recorded.</param>
        /// <param name="hashes">The recorded package hashes.</param>
        /// <param name="platforms">The platforms the project targets (<c>TofuPlatforms</c>).</param>
        /// <param name="repository">The OCI repository the provider restores from, or null when unknown.</param>
        /// <param name="tag">The OCI tag of the version, or null when unknown.</param>
        /// <param name="indexDigest">The OCI digest of the provider's index, or null when unknown.</param>
        /// <param name="packages">The restored platform packages (empty when unknown).</param>
        public TofuProviderDescriptor(string source, string hostname, string @namespace, string type, string version,
            string{{q}} constraints, string[] hashes, string[] platforms, string{{q}} repository, string{{q}} tag, string{{q}} indexDigest,
            TofuProviderPackage[] packages)
        {
            Source = source;
            Hostname = hostname;
            Namespace = @namespace;
            Type = type;
            Version = version;
            Constraints = constraints;
            Hashes = new global::System.Collections.ObjectModel.ReadOnlyCollection<string>(hashes);
            var h1 = new global::System.Collections.Generic.List<string>();
            var zh = new global::System.Collections.Generic.List<string>();
            foreach (var hash in hashes)
            {
                if (hash.StartsWith("h1:", global::System.StringComparison.Ordinal)) h1.Add(hash);
                else if (hash.StartsWith("zh:", global::System.StringComparison.Ordinal)) zh.Add(hash);
            }
            H1Hashes = h1.AsReadOnly();
            ZipHashes = zh.AsReadOnly();
            Platforms = new global::System.Collections.ObjectModel.ReadOnlyCollection<string>(platforms);
            Repository = repository;
            Tag = tag;
            IndexDigest = indexDigest;
            Packages = new global::System.Collections.ObjectModel.ReadOnlyCollection<TofuProviderPackage>(packages);
        }

        /// <summary>The normalized source address, like <c>registry.opentofu.org/hashicorp/aws</c>.</summary>
        public string Source { get; }

        /// <summary>The registry hostname of the source address.</summary>
        public string Hostname { get; }

        /// <summary>The namespace of the source address.</summary>
        public string Namespace { get; }

        /// <summary>The type of the source address.</summary>
        public string Type { get; }

        /// <summary>The version the lock file selects.</summary>
        public string Version { get; }

        /// <summary>The normalized version constraints the lock file records, or null when it records none.</summary>
        public string{{q}} Constraints { get; }

        /// <summary>Every hash the lock file records, in its order.</summary>
        public global::System.Collections.Generic.IReadOnlyList<string> Hashes { get; }

        /// <summary>The <c>h1:</c> hashes (of unpacked package contents).</summary>
        public global::System.Collections.Generic.IReadOnlyList<string> H1Hashes { get; }

        /// <summary>The <c>zh:</c> hashes (of release zip files).</summary>
        public global::System.Collections.Generic.IReadOnlyList<string> ZipHashes { get; }

        /// <summary>The platforms the project targets, from the <c>TofuPlatforms</c> build property (<c>os_arch</c>).</summary>
        public global::System.Collections.Generic.IReadOnlyList<string> Platforms { get; }

        /// <summary>
        /// The OCI repository (<c>registry/name</c>) this provider restores from: as the build's restore recorded it, else
        /// the module's repository template expanded for the provider; null when neither tells (no restore manifest
        /// entry and no usable template).
        /// </summary>
        public string{{q}} Repository { get; }

        /// <summary>The OCI tag of <see cref="Version"/> in <see cref="Repository"/>, or null when unknown.</summary>
        public string{{q}} Tag { get; }

        /// <summary>The OCI digest of the provider's index in the mirror, or null when unknown (no restore manifest at build time).</summary>
        public string{{q}} IndexDigest { get; }

        /// <summary>The platform packages the build restored, in platform order; empty when unknown.</summary>
        public global::System.Collections.Generic.IReadOnlyList<TofuProviderPackage> Packages { get; }

        /// <summary>True when the OCI digests are known.</summary>
        public bool DigestsKnown
        {
            get { return IndexDigest != null; }
        }

        /// <summary>The restored package for <paramref name="platform"/>, or null when none is known.</summary>
        /// <param name="platform">A platform like <c>linux_amd64</c>.</param>
        /// <returns>The package, or null.</returns>
        public TofuProviderPackage{{q}} FindPackage(string platform)
        {
            foreach (var package in Packages)
            {
                if (string.Equals(package.Platform, platform, global::System.StringComparison.Ordinal)) return package;
            }
            return null;
        }

        /// <summary>
        /// The relative path of this provider's folder for <paramref name="platform"/> in a restored (unpacked)
        /// mirror: <c>HOSTNAME/NAMESPACE/TYPE/VERSION/OS_ARCH</c>, with forward slashes.
        /// </summary>
        /// <param name="platform">A platform like <c>linux_amd64</c>.</param>
        /// <returns>The relative folder path.</returns>
        public string GetPackageFolder(string platform)
        {
            return Hostname + "/" + Namespace + "/" + Type + "/" + Version + "/" + platform;
        }

        /// <summary>The source address and locked version, like <c>registry.opentofu.org/hashicorp/aws 5.31.0</c>.</summary>
        /// <returns>The address and version.</returns>
        public override string ToString()
        {
            return Source + " " + Version;
        }
    }

    /// <summary>One platform's package of a provider as the build restored it: its OCI manifest and zip layer digests.</summary>
    [global::System.CodeDom.Compiler.GeneratedCode("TofuMirror.Generators", "1.0")]
    internal sealed class TofuProviderPackage
    {
        /// <summary>Creates a package description. Generated code calls this.</summary>
        /// <param name="platform">The platform, like <c>linux_amd64</c>.</param>
        /// <param name="manifestDigest">The digest of the platform's OCI manifest, or null when unknown.</param>
        /// <param name="layerDigest">The digest of the zip layer, or null when unknown.</param>
        /// <param name="signingKeyId">The key ID of the trust anchor that signed the package's checksums, or null when it was not verified signed.</param>
        public TofuProviderPackage(string platform, string{{q}} manifestDigest, string{{q}} layerDigest, string{{q}} signingKeyId = null)
        {
            Platform = platform;
            ManifestDigest = manifestDigest;
            LayerDigest = layerDigest;
            SigningKeyId = signingKeyId;
        }

        /// <summary>The platform, like <c>linux_amd64</c>.</summary>
        public string Platform { get; }

        /// <summary>The digest of the platform's OCI manifest, or null when unknown.</summary>
        public string{{q}} ManifestDigest { get; }

        /// <summary>The digest of the zip layer (the SHA-256 that the <c>zh:</c> hash also records), or null when unknown.</summary>
        public string{{q}} LayerDigest { get; }

        /// <summary>
        /// The key ID (16 hex digits) of the trust anchor that signed this version's SHA256SUMS, which lists this zip; null
        /// when the restore did not verify it signed (see TofuRequireSignedProviders).
        /// </summary>
        public string{{q}} SigningKeyId { get; }

        /// <summary>The platform and manifest digest.</summary>
        /// <returns>Text for logs.</returns>
        public override string ToString()
        {
            return Platform + " " + (ManifestDigest ?? "(digest unknown)");
        }
    }
}

""");
        return text.ToString();
    }
}
