using System.Collections.Generic;
using TofuMirror.Model.Addresses;
using TofuMirror.Diagnostics;

namespace TofuMirror.Model.CliConfig;

/// <summary>
/// The merged CLI configuration (the parts TofuMirror needs): plugin cache, provider installation methods
/// and OCI credentials, with every problem found while loading.
/// </summary>
public sealed class CliConfig
{
    internal CliConfig(
        string? pluginCacheDir,
        bool pluginCacheMayBreakDependencyLockFile,
        ProviderInstallation? providerInstallation,
        OciDefaultCredentials? ociDefaultCredentials,
        IReadOnlyList<OciCredentialsBlock> ociCredentials,
        IReadOnlyList<string> files,
        IReadOnlyList<Diagnostic> diagnostics)
    {
        PluginCacheDir = pluginCacheDir;
        PluginCacheMayBreakDependencyLockFile = pluginCacheMayBreakDependencyLockFile;
        ProviderInstallation = providerInstallation;
        OciDefaultCredentials = ociDefaultCredentials;
        OciCredentials = ociCredentials;
        Files = files;
        Diagnostics = diagnostics;
    }

    /// <summary><c>plugin_cache_dir</c> (environment-expanded; <c>TF_PLUGIN_CACHE_DIR</c> wins), or null.</summary>
    public string? PluginCacheDir { get; }

    /// <summary><c>plugin_cache_may_break_dependency_lock_file</c> (or the environment variable).</summary>
    public bool PluginCacheMayBreakDependencyLockFile { get; }

    /// <summary>The one <c>provider_installation</c> block, or null when there is none (implicit installation).</summary>
    public ProviderInstallation? ProviderInstallation { get; }

    /// <summary>The one <c>oci_default_credentials</c> block, or null (defaults apply).</summary>
    public OciDefaultCredentials? OciDefaultCredentials { get; }

    /// <summary>Every valid <c>oci_credentials</c> block, in configuration order.</summary>
    public IReadOnlyList<OciCredentialsBlock> OciCredentials { get; }

    /// <summary>The <c>host</c>, <c>credentials</c> and <c>credentials_helper</c> blocks (origin registries).</summary>
    public OriginHostSettings OriginHosts { get; internal init; } = OriginHostSettings.Empty;

    /// <summary>The files that were read, in merge order.</summary>
    public IReadOnlyList<string> Files { get; }

    /// <summary>Problems found (errors and warnings).</summary>
    public IReadOnlyList<Diagnostic> Diagnostics { get; }

    /// <summary>True when any diagnostic is an error.</summary>
    public bool HasErrors
    {
        get
        {
            foreach (var d in Diagnostics)
            {
                if (d.Severity == DiagnosticSeverity.Error) return true;
            }
            return false;
        }
    }
}

/// <summary>A <c>provider_installation</c> block: ordered methods plus development overrides.</summary>
public sealed class ProviderInstallation
{
    internal ProviderInstallation(IReadOnlyList<ProviderInstallationMethod> methods,
        IReadOnlyDictionary<ProviderAddress, string> devOverrides, SourceRange range)
    {
        Methods = methods;
        DevOverrides = devOverrides;
        Range = range;
    }

    /// <summary>The installation methods in configuration order.</summary>
    public IReadOnlyList<ProviderInstallationMethod> Methods { get; }

    /// <summary><c>dev_overrides</c>: provider → cleaned local directory.</summary>
    public IReadOnlyDictionary<ProviderAddress, string> DevOverrides { get; }

    /// <summary>Where the block is.</summary>
    public SourceRange Range { get; }
}
