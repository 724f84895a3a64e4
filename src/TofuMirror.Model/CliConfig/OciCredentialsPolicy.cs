using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using TofuMirror.Model.Diagnostics;
using TofuMirror.Diagnostics;

namespace TofuMirror.Model.CliConfig;

/// <summary>
/// The OCI credentials policy: explicit <c>oci_credentials</c> blocks, the default helper and the
/// Docker-style files, combined with OpenTofu's precedence (oci-auth.md §2–§3). Pure: helpers are named,
/// not run.
/// </summary>
public sealed class OciCredentialsPolicy
{
    private readonly IReadOnlyList<OciCredentialsBlock> _blocks;
    private readonly string? _defaultHelper;

    private OciCredentialsPolicy(IReadOnlyList<OciCredentialsBlock> blocks, string? defaultHelper, IReadOnlyList<DockerAuthFile> files)
    {
        _blocks = blocks;
        _defaultHelper = defaultHelper;
        Files = files;
    }

    /// <summary>The Docker-style files in use, in precedence order.</summary>
    public IReadOnlyList<DockerAuthFile> Files { get; }

    /// <summary>
    /// Builds the policy of a loaded configuration. Ambient discovery problems become one warning (and all
    /// ambient files are dropped); problems with explicitly listed files are errors
    /// (<c>discovering ambient OCI registry credentials: failed to read Docker-style config files: …</c>).
    /// </summary>
    public static OciCredentialsPolicy Build(CliConfig config, CliConfigEnvironment environment, out IReadOnlyList<Diagnostic> diagnostics)
    {
        if (config is null) throw new ArgumentNullException(nameof(config));
        if (environment is null) throw new ArgumentNullException(nameof(environment));
        var list = new List<Diagnostic>();
        var defaults = config.OciDefaultCredentials;
        var files = new List<DockerAuthFile>();
        if (defaults is null || defaults.DiscoverAmbientCredentials)
        {
            if (defaults?.DockerStyleConfigFiles is { } explicitFiles)
            {
                var errors = new List<string>();
                foreach (var path in explicitFiles)
                {
                    if (TryLoad(environment, path, mustExist: true, out var file, out var error)) files.Add(file!);
                    else errors.Add(error!);
                }
                if (errors.Count > 0)
                {
                    list.Add(CliConfigDiagnostics.Error(
                        "discovering ambient OCI registry credentials: failed to read Docker-style config files: " + string.Join("\n", errors),
                        null, defaults.Range));
                }
            }
            else
            {
                var errors = new List<string>();
                var found = new List<DockerAuthFile>();
                string? previous = null;
                foreach (var path in AmbientSearchLocations(environment))
                {
                    if (path == previous) continue;
                    previous = path;
                    if (!TryLoad(environment, path, mustExist: false, out var file, out var error)) errors.Add(error!);
                    else if (file is not null) found.Add(file);
                }
                if (errors.Count > 0)
                {
                    list.Add(new Diagnostic(DiagnosticSeverity.Warning, "Problems during OCI registry ambient credentials discovery",
                        string.Join("\n", errors) + "\nNo ambient OCI credentials will be used.", null) { Code = DiagnosticCodes.InvalidCliConfig });
                }
                else
                {
                    files.AddRange(found);
                }
            }
        }
        diagnostics = list;
        return new OciCredentialsPolicy(config.OciCredentials, defaults?.DockerCredentialsHelper, files);
    }

    /// <summary>The Docker-style file locations searched when none are configured, in precedence order.</summary>
    public static IReadOnlyList<string> AmbientSearchLocations(CliConfigEnvironment environment)
    {
        if (environment is null) throw new ArgumentNullException(nameof(environment));
        var home = HomeDirectory(environment);
        var result = new List<string>();
        switch (environment.OperatingSystem)
        {
            case CliOperatingSystem.Linux:
                if (environment.Variable("XDG_RUNTIME_DIR") is { } run) result.Add(environment.Combine(run, "containers", "auth.json"));
                break;
            case CliOperatingSystem.MacOS:
            case CliOperatingSystem.Windows:
                result.Add(environment.Combine(home, ".config", "containers", "auth.json"));
                break;
        }
        var xdgConfig = environment.Variable("XDG_CONFIG_HOME") ?? environment.Combine(home, ".config");
        result.Add(environment.Combine(xdgConfig, "containers", "auth.json"));
        result.Add(environment.Combine(home, ".docker", "config.json"));
        result.Add(environment.Combine(home, ".dockercfg"));
        return result;
    }

    private static string HomeDirectory(CliConfigEnvironment environment) => environment.IsWindows
        ? environment.Variable("USERPROFILE") ?? environment.FallbackHomeDirectory ?? "nul:"
        : environment.Variable("HOME") ?? environment.FallbackHomeDirectory ?? "/";

    private static bool TryLoad(CliConfigEnvironment environment, string path, bool mustExist, out DockerAuthFile? file, out string? error)
    {
        file = null;
        error = null;
        string? text;
        try
        {
            text = environment.ReadFile(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            error = $"reading {path}: {e.Message}";
            return false;
        }
        if (text is null)
        {
            if (!mustExist) return true;
            error = $"reading {path}: open {path}: no such file or directory";
            return false;
        }
        if (!DockerAuthFile.TryParse(text, path, out var parsed, out var parseError))
        {
            error = $"parsing {path}: {parseError}";
            return false;
        }
        file = parsed;
        return true;
    }

    /// <summary>
    /// The credentials to use for <paramref name="repository"/> on <paramref name="registry"/> (<c>host[:port]</c>):
    /// the source with the strictly highest specificity, the earliest on ties (blocks, then the default
    /// helper, then files in order). A problem with any matching source fails the lookup.
    /// </summary>
    public OciCredentialsLookup Find(string registry, string repository)
    {
        if (registry is null) throw new ArgumentNullException(nameof(registry));
        repository ??= "";
        OciCredentialSource? best = null;
        var errors = new List<string>();
        void Consider(OciCredentialSource candidate)
        {
            if (best is null || candidate.Specificity > best.Specificity) best = candidate;
        }

        foreach (var block in _blocks)
        {
            var specificity = OciCredentialsSpecificity.Match(block.RepositoryPrefix, registry, repository);
            if (specificity == OciCredentialsSpecificity.None) continue;
            var origin = $"explicit oci_credentials \"{block.RepositoryPrefix}\" block";
            if (block.Username is not null) Consider(new OciBasicCredentials(block.Username, block.Password ?? "", specificity, origin));
            else if (block.AccessToken is not null) Consider(new OciOAuthCredentials(block.AccessToken, block.RefreshToken ?? "", specificity, origin));
            else if (block.DockerCredentialsHelper is not null) Consider(new OciCredentialHelper(block.DockerCredentialsHelper, "https://" + registry, specificity, origin));
        }
        if (_defaultHelper is not null)
        {
            Consider(new OciCredentialHelper(_defaultHelper, "https://" + registry, OciCredentialsSpecificity.Global, "oci_default_credentials block"));
        }
        foreach (var file in Files)
        {
            foreach (var entry in file.Auths)
            {
                var specificity = OciCredentialsSpecificity.Match(entry.Key, registry, repository);
                if (specificity == OciCredentialsSpecificity.None) continue;
                var colon = entry.DecodedAuth.IndexOf(':');
                if (colon < 0)
                {
                    errors.Add($"from {file.Path}: auth object for \"{entry.Key}\" in {file.Path} does not have base64-encoded username:password pair");
                    continue;
                }
                if (colon == 0)
                {
                    errors.Add($"from {file.Path}: auth object for \"{entry.Key}\" in {file.Path} has an empty username; write base64 of username:password");
                    continue;
                }
                Consider(new OciBasicCredentials(entry.DecodedAuth.Substring(0, colon), entry.DecodedAuth.Substring(colon + 1), specificity, file.Path));
            }
            if (file.CredHelpers.TryGetValue(registry, out var helper) && helper.Length > 0)
            {
                Consider(new OciCredentialHelper(helper, "https://" + registry, OciCredentialsSpecificity.Domain, file.Path));
            }
            if (file.CredsStore is { } store)
            {
                Consider(new OciCredentialHelper(store, "https://" + registry, OciCredentialsSpecificity.Global, file.Path));
            }
        }
        if (errors.Count > 0) return new OciCredentialsLookup(null, $"finding credentials for \"{registry}\": " + string.Join("\n", errors));
        return new OciCredentialsLookup(best, null);
    }
}
