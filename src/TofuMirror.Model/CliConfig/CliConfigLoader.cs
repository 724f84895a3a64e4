using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using TofuMirror.Hcl.Json;
using TofuMirror.Hcl.Legacy;
using TofuMirror.Model.Diagnostics;
using TofuMirror.Diagnostics;

namespace TofuMirror.Model.CliConfig;

/// <summary>
/// Loads and merges CLI configuration files with OpenTofu's acceptance rules and messages
/// (cli-config.md §2–§5, oci-auth.md §1). Every file is read through <see cref="CliConfigEnvironment"/>.
/// </summary>
public static class CliConfigLoader
{
    /// <summary>Locates the files as OpenTofu does, then loads them, then applies the environment variables.</summary>
    public static CliConfig Load(CliConfigEnvironment environment)
    {
        if (environment is null) throw new ArgumentNullException(nameof(environment));
        var location = CliConfigLocator.Locate(environment);
        return LoadFiles(location.Files, environment, location.Diagnostics);
    }

    /// <summary>Loads the given files in order (the first ones take precedence for single values), then applies the environment.</summary>
    public static CliConfig LoadFiles(IEnumerable<string> paths, CliConfigEnvironment environment, IEnumerable<Diagnostic>? earlierDiagnostics = null)
    {
        if (paths is null) throw new ArgumentNullException(nameof(paths));
        if (environment is null) throw new ArgumentNullException(nameof(environment));
        var diagnostics = new List<Diagnostic>(earlierDiagnostics ?? Enumerable.Empty<Diagnostic>());
        var fragments = new List<FileFragment>();
        var files = new List<string>();
        foreach (var path in paths)
        {
            files.Add(path);
            string? text;
            try
            {
                text = environment.ReadFile(path);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                diagnostics.Add(new Diagnostic(DiagnosticSeverity.Error, $"Error reading {path}: {e.Message}", null, SourceRange.StartOf(path)) { Code = DiagnosticCodes.FileNotReadable });
                continue;
            }
            if (text is null)
            {
                diagnostics.Add(new Diagnostic(DiagnosticSeverity.Error, $"Error reading {path}: open {path}: no such file or directory", null, SourceRange.StartOf(path)) { Code = DiagnosticCodes.FileNotReadable });
                continue;
            }
            fragments.Add(DecodeFile(text, path, environment, diagnostics));
        }
        return Merge(fragments, files, environment, diagnostics);
    }

    /// <summary>Loads one configuration text (as if it were the only file), then applies the environment.</summary>
    public static CliConfig LoadText(string text, string fileName, CliConfigEnvironment environment)
    {
        if (text is null) throw new ArgumentNullException(nameof(text));
        var diagnostics = new List<Diagnostic>();
        var fragment = DecodeFile(text, fileName, environment, diagnostics);
        return Merge(new[] { fragment }, new[] { fileName }, environment, diagnostics);
    }

    private static FileFragment DecodeFile(string text, string path, CliConfigEnvironment environment, List<Diagnostic> diagnostics)
    {
        // Like HCL 1's Parse, a file whose first non-blank character is '{' is read as JSON.
        var isJson = text.TrimStart().StartsWith("{", StringComparison.Ordinal);
        var parsed = isJson ? JsonParser.ParseConfig(text, path) : Hcl1Parser.Parse(text, path);
        if (parsed.HasErrors)
        {
            foreach (var d in parsed.Diagnostics)
            {
                var at = d.Subject is { } s ? $"At {s.Start.Line}:{s.Start.Column}: " : "";
                diagnostics.Add(CliConfigDiagnostics.Syntax($"Error parsing {path}: {at}{d.Detail ?? d.Summary}", d.Subject));
            }
            return FileFragment.Empty;
        }
        var root = isJson ? Hcl1JsonFlattener.Flatten(parsed.Root) : parsed.Root;

        string? cacheDir = null;
        bool? mayBreak = null;
        if (!Hcl1Decoding.TryString(root, "plugin_cache_dir", out cacheDir, out var error) ||
            !Hcl1Decoding.TryBool(root, "plugin_cache_may_break_dependency_lock_file", out mayBreak, out error))
        {
            diagnostics.Add(CliConfigDiagnostics.Error($"Error parsing {path}: {error}", null, SourceRange.StartOf(path)));
            return FileFragment.Empty;
        }
        if (!string.IsNullOrEmpty(cacheDir)) cacheDir = EnvironmentExpander.Expand(cacheDir!, environment);

        var windows = environment.IsWindows;
        return new FileFragment(
            cacheDir,
            mayBreak ?? false,
            ProviderInstallationDecoder.Decode(root, isJson, diagnostics, windows),
            OciCredentialsDecoder.DecodeDefaults(root, isJson, path, environment, diagnostics),
            OciCredentialsDecoder.DecodeBlocks(root, isJson, windows, diagnostics),
            OriginHostsDecoder.Decode(root, path, diagnostics));
    }

    private static CliConfig Merge(IReadOnlyList<FileFragment> fragments, IReadOnlyList<string> files,
        CliConfigEnvironment environment, List<Diagnostic> diagnostics)
    {
        var cacheDir = environment.Variable("TF_PLUGIN_CACHE_DIR")
            ?? fragments.Select(f => f.PluginCacheDir).FirstOrDefault(d => !string.IsNullOrEmpty(d));
        var mayBreakVariable = environment.Variable("TF_PLUGIN_CACHE_MAY_BREAK_DEPENDENCY_LOCK_FILE");
        var mayBreak = (mayBreakVariable is not null && mayBreakVariable != "0") || fragments.Any(f => f.PluginCacheMayBreak);

        var installations = fragments.SelectMany(f => f.ProviderInstallations).ToList();
        if (installations.Count > 1)
        {
            diagnostics.Add(CliConfigDiagnostics.Error("No more than one provider_installation block may be specified", null, installations[1].Range));
        }
        var defaults = fragments.SelectMany(f => f.OciDefaults).ToList();
        if (defaults.Count > 1)
        {
            diagnostics.Add(CliConfigDiagnostics.Error("No more than one oci_default_credentials block may be specified", null, defaults[1].Range));
        }
        var blocks = new List<OciCredentialsBlock>();
        var seen = new Dictionary<string, OciCredentialsBlock>(StringComparer.Ordinal);
        foreach (var block in fragments.SelectMany(f => f.OciCredentials))
        {
            if (seen.TryGetValue(block.RepositoryPrefix, out var first))
            {
                diagnostics.Add(new Diagnostic(DiagnosticSeverity.Error, $"Duplicate oci_credentials block for \"{block.RepositoryPrefix}\"",
                    $"The first oci_credentials block for this repository prefix is at {first.Range}.", block.Range, first.Range)
                { Code = DiagnosticCodes.InvalidCliConfig });
                continue;
            }
            seen.Add(block.RepositoryPrefix, block);
            blocks.Add(block);
        }

        var originHosts = OriginHostsDecoder.Merge(fragments.Select(f => f.OriginHosts), diagnostics);
        return new CliConfig(cacheDir, mayBreak, installations.FirstOrDefault(), defaults.FirstOrDefault(), blocks, files, diagnostics)
        {
            OriginHosts = originHosts,
        };
    }

    /// <summary>
    /// OpenTofu's check that <c>plugin_cache_dir</c> exists, made when the cache is about to be used:
    /// an error diagnostic, or null when the directory exists (or none is configured).
    /// </summary>
    public static Diagnostic? CheckPluginCacheDir(CliConfig config, CliConfigEnvironment environment)
    {
        if (config is null) throw new ArgumentNullException(nameof(config));
        if (environment is null) throw new ArgumentNullException(nameof(environment));
        if (string.IsNullOrEmpty(config.PluginCacheDir) || environment.ListDirectory(config.PluginCacheDir!) is not null) return null;
        return CliConfigDiagnostics.Error(
            $"The specified plugin cache dir {config.PluginCacheDir} cannot be opened: stat {config.PluginCacheDir}: no such file or directory",
            null, null);
    }

    private sealed class FileFragment
    {
        public static readonly FileFragment Empty = new(null, false, new List<ProviderInstallation>(),
            new List<OciDefaultCredentials>(), new List<OciCredentialsBlock>(),
            new OriginHostsDecoder.Fragment(new(), new(), new()));

        public FileFragment(string? pluginCacheDir, bool pluginCacheMayBreak, List<ProviderInstallation> providerInstallations,
            List<OciDefaultCredentials> ociDefaults, List<OciCredentialsBlock> ociCredentials, OriginHostsDecoder.Fragment originHosts)
        {
            OriginHosts = originHosts;
            PluginCacheDir = pluginCacheDir;
            PluginCacheMayBreak = pluginCacheMayBreak;
            ProviderInstallations = providerInstallations;
            OciDefaults = ociDefaults;
            OciCredentials = ociCredentials;
        }

        public string? PluginCacheDir { get; }
        public bool PluginCacheMayBreak { get; }
        public List<ProviderInstallation> ProviderInstallations { get; }
        public List<OciDefaultCredentials> OciDefaults { get; }
        public List<OciCredentialsBlock> OciCredentials { get; }
        public OriginHostsDecoder.Fragment OriginHosts { get; }
    }
}
