using System.Collections.Generic;
using System.Linq;
using TofuMirror.Hcl.Legacy;
using TofuMirror.Diagnostics;
using static TofuMirror.Model.CliConfig.Hcl1Decoding;
using TofuMirror.Hcl.ConfigTree;

namespace TofuMirror.Model.CliConfig;

/// <summary>Decodes <c>oci_default_credentials</c> and <c>oci_credentials</c> blocks of one file (oci-auth.md §1).</summary>
internal static class OciCredentialsDecoder
{
    private const string DefaultSummary = "Invalid oci_default_credentials block";
    private const string BlockSummary = "Invalid oci_credentials block";

    public static List<OciDefaultCredentials> DecodeDefaults(ConfigObject root, bool isJson, string fileName,
        CliConfigEnvironment environment, List<Diagnostic> diagnostics)
    {
        var result = new List<OciDefaultCredentials>();
        foreach (var block in root.Items.Where(i => i.Keys[0].Value == "oci_default_credentials"))
        {
            var at = At(block.Position);
            if (block.EqualsRange is not null && !isJson)
            {
                diagnostics.Add(CliConfigDiagnostics.Error(DefaultSummary, $"The oci_default_credentials block at {at} must not be introduced with an equals sign.", block.Range));
                continue;
            }
            if (block.Keys.Count > 1 && !isJson)
            {
                diagnostics.Add(CliConfigDiagnostics.Error(DefaultSummary, $"The oci_default_credentials block at {at} must not have any labels.", block.Range));
                continue;
            }
            if (block.Value is not ConfigObject body)
            {
                diagnostics.Add(CliConfigDiagnostics.Error(DefaultSummary, $"The oci_default_credentials block at {at} must be represented by a JSON object.", block.Range));
                continue;
            }
            var decoded = DecodeDefaultsBody(body, block.Range, fileName, environment, diagnostics);
            if (decoded is not null) result.Add(decoded);
        }
        return result;
    }

    private static OciDefaultCredentials? DecodeDefaultsBody(ConfigObject body, SourceRange range, string fileName,
        CliConfigEnvironment environment, List<Diagnostic> diagnostics)
    {
        var at = At(body.Range.Start);
        if (!TryBool(body, "discover_ambient_credentials", out var discover, out var error) ||
            !TryStringList(body, "docker_style_config_files", out var files, out error) ||
            !TryString(body, "docker_credentials_helper", out var helper, out error))
        {
            diagnostics.Add(CliConfigDiagnostics.Error(DefaultSummary, $"Invalid oci_default_credentials block at {at}: {error}.", range));
            return null;
        }
        var windows = environment.IsWindows;
        IReadOnlyList<string>? absoluteFiles = null;
        if (files is not null)
        {
            var baseDir = CliPaths.Directory(windows, fileName);
            absoluteFiles = files.Select(f =>
            {
                var path = CliPaths.IsAbsolute(windows, f) ? f : CliPaths.Join(windows, baseDir, f);
                return CliPaths.IsAbsolute(windows, path) ? CliPaths.Clean(windows, path) : CliPaths.Join(windows, environment.CurrentDirectory, path);
            }).ToArray();
        }
        var before = diagnostics.Count;
        if (helper is not null && !IsValidHelperName(helper, windows))
        {
            diagnostics.Add(CliConfigDiagnostics.Error(DefaultSummary,
                $"The oci_default_credentials block at {at} specifies the invalid Docker credential helper name \"{helper}\". Must be a non-empty string that could be used as part of an executable filename.", range));
        }
        var discoverValue = discover ?? true;
        if (!discoverValue && absoluteFiles is not null)
        {
            diagnostics.Add(CliConfigDiagnostics.Error(DefaultSummary,
                $"The oci_default_credentials block at {at} disables discovery of ambient credentials, but also sets docker_style_config_files which is relevant only when ambient credentials discovery is enabled.", range));
        }
        return new OciDefaultCredentials(discoverValue, absoluteFiles, string.IsNullOrEmpty(helper) ? null : helper, range);
    }

    public static List<OciCredentialsBlock> DecodeBlocks(ConfigObject root, bool isJson, bool windows, List<Diagnostic> diagnostics)
    {
        var result = new List<OciCredentialsBlock>();
        foreach (var original in root.Items.Where(i => i.Keys[0].Value == "oci_credentials"))
        {
            var block = isJson ? UnwrapJsonKeys(original, 2) : original;
            var at = At(block.Position);
            if (block.Keys.Count != 2)
            {
                diagnostics.Add(CliConfigDiagnostics.Error(BlockSummary, $"The oci_credentials block at {at} must have one label, giving an OCI repository address prefix.", block.Range));
                continue;
            }
            if (block.EqualsRange is not null && !isJson)
            {
                diagnostics.Add(CliConfigDiagnostics.Error(BlockSummary, $"The oci_credentials block at {at} must not be introduced with an equals sign.", block.Range));
                continue;
            }
            if (block.Value is not ConfigObject body)
            {
                diagnostics.Add(CliConfigDiagnostics.Error(BlockSummary, $"The oci_credentials block at {at} must be represented by a JSON object.", block.Range));
                continue;
            }
            var decoded = DecodeBlockBody(block.Keys[1].Value, body, block.Range, windows, diagnostics);
            if (decoded is not null) result.Add(decoded);
        }
        return result;
    }

    private static OciCredentialsBlock? DecodeBlockBody(string label, ConfigObject body, SourceRange range, bool windows, List<Diagnostic> diagnostics)
    {
        var at = At(body.Range.Start);
        Diagnostic Err(string detail) => CliConfigDiagnostics.Error(BlockSummary, $"The oci_credentials block at {at} {detail}", range);
        if (!OciRepositoryAddress.TryParse(label, out var address, out var labelError))
        {
            diagnostics.Add(Err($"has an invalid block label: {labelError}."));
            return null;
        }
        string? username = null, password = null, access = null, refresh = null, helper = null;
        var error = "";
        if (!TryString(body, "username", out username, out error) || !TryString(body, "password", out password, out error) ||
            !TryString(body, "access_token", out access, out error) || !TryString(body, "refresh_token", out refresh, out error) ||
            !TryString(body, "docker_credentials_helper", out helper, out error))
        {
            diagnostics.Add(CliConfigDiagnostics.Error(BlockSummary, $"Invalid oci_credentials block at {at}: {error}.", range));
            return null;
        }
        var basic = username is not null || password is not null;
        var oauth = access is not null || refresh is not null;
        var helperStyle = helper is not null;
        var styles = (basic ? 1 : 0) + (oauth ? 1 : 0) + (helperStyle ? 1 : 0);
        if (styles == 0)
        {
            diagnostics.Add(Err("must set either username+password, access_token+refresh_token, or docker_credentials_helper."));
            return null;
        }
        if (styles > 1)
        {
            diagnostics.Add(Err("must set only one group out of username+password, access_token+refresh_token, or docker_credentials_helper."));
            return null;
        }
        if (basic && (username is null || password is null))
        {
            diagnostics.Add(Err("must set both username and password together when using static credentials."));
            return null;
        }
        if (oauth && (access is null || refresh is null))
        {
            diagnostics.Add(Err("must set both access_token and refresh_token together when using OAuth-style credentials."));
            return null;
        }
        if (helperStyle)
        {
            var failed = false;
            if (!address.IsRegistryOnly)
            {
                diagnostics.Add(Err("cannot set docker_credentials_helper with a repository path: credential helpers only support credentials for whole domains."));
                failed = true;
            }
            if (!IsValidHelperName(helper!, windows))
            {
                diagnostics.Add(Err($"specifies the invalid Docker credential helper name \"{helper}\". Must be a non-empty string that could be used as part of an executable filename."));
                failed = true;
            }
            if (failed) return null;
        }
        return new OciCredentialsBlock(label, address.Registry, address.Repository, username, password, access, refresh, helper, range);
    }

    /// <summary>A helper name is non-empty and has no path separator.</summary>
    internal static bool IsValidHelperName(string name, bool windows)
    {
        if (name.Length == 0) return false;
        var slashed = windows ? name.Replace('\\', '/') : name;
        return slashed.IndexOf('/') < 0;
    }

    /// <summary>
    /// Undoes HCL 1's JSON flattening beyond <paramref name="depth"/> keys: extra keys go back into nested
    /// objects, so <c>{"oci_credentials": {"a": {"b": {}}}}</c> still has exactly one label.
    /// </summary>
    private static ConfigItem UnwrapJsonKeys(ConfigItem item, int depth)
    {
        if (item.Keys.Count <= depth) return item;
        var keys = item.Keys.ToList();
        var value = item.Value;
        while (keys.Count > depth)
        {
            var last = keys[keys.Count - 1];
            keys.RemoveAt(keys.Count - 1);
            value = new ConfigObject(new[] { new ConfigItem(new[] { last }, null, value, last.Range.Through(value.Range)) }, value.Range);
        }
        return new ConfigItem(keys, item.EqualsRange, value, item.Range);
    }
}
