using System;
using System.Collections.Generic;
using TofuMirror.Hcl.Legacy;
using static TofuMirror.Model.CliConfig.Hcl1Decoding;
using TofuMirror.Model.Addresses;
using TofuMirror.Diagnostics;
using TofuMirror.Hcl.ConfigTree;

namespace TofuMirror.Model.CliConfig;

/// <summary>Decodes the <c>provider_installation</c> blocks of one file (cli-config.md §3, §5).</summary>
internal static class ProviderInstallationDecoder
{
    private const string BlockSummary = "Invalid provider_installation block";
    private const string MethodSummary = "Invalid provider_installation method block";

    public static List<ProviderInstallation> Decode(ConfigObject root, bool isJson, List<Diagnostic> diagnostics, bool windows)
    {
        var result = new List<ProviderInstallation>();
        foreach (var block in root.Items)
        {
            if (block.Keys[0].Value != "provider_installation") continue;
            var at = At(block.Position);
            if (block.EqualsRange is not null && !isJson)
            {
                diagnostics.Add(CliConfigDiagnostics.Error(BlockSummary, $"The provider_installation block at {at} must not be introduced with an equals sign.", block.Range));
                continue;
            }
            if (block.Keys.Count > 1 && !isJson)
            {
                diagnostics.Add(CliConfigDiagnostics.Error(BlockSummary, $"The provider_installation block at {at} must not have any labels.", block.Range));
            }
            if (block.Value is not ConfigObject body)
            {
                diagnostics.Add(CliConfigDiagnostics.Error(BlockSummary, $"The provider_installation block at {at} must not be introduced with an equals sign.", block.Range));
                continue;
            }

            var methods = new List<ProviderInstallationMethod>();
            var devOverrides = new Dictionary<ProviderAddress, string>();
            foreach (var methodBlock in body.Items)
            {
                DecodeMethod(methodBlock, at, isJson, methods, devOverrides, diagnostics, windows);
            }
            result.Add(new ProviderInstallation(methods, devOverrides, block.Range));
        }
        return result;
    }

    private static void DecodeMethod(ConfigItem methodBlock, string at, bool isJson, List<ProviderInstallationMethod> methods,
        Dictionary<ProviderAddress, string> devOverrides, List<Diagnostic> diagnostics, bool windows)
    {
        if (methodBlock.EqualsRange is not null && !isJson)
        {
            diagnostics.Add(CliConfigDiagnostics.Error(MethodSummary, $"The items inside the provider_installation block at {at} must all be blocks.", methodBlock.Range));
            return;
        }
        if (methodBlock.Keys.Count > 1 && !isJson)
        {
            diagnostics.Add(CliConfigDiagnostics.Error(MethodSummary, $"The blocks inside the provider_installation block at {at} may not have any labels.", methodBlock.Range));
        }
        if (methodBlock.Value is not ConfigObject body)
        {
            diagnostics.Add(CliConfigDiagnostics.Error(MethodSummary, $"The items inside the provider_installation block at {at} must all be blocks.", methodBlock.Range));
            return;
        }

        var kind = methodBlock.Keys[0].Value;
        var range = methodBlock.Range;
        bool Fail(string message)
        {
            diagnostics.Add(CliConfigDiagnostics.Error(MethodSummary, $"Invalid {kind} block at {at}: {message}.", range));
            return false;
        }
        bool Patterns(out IReadOnlyList<string> include, out IReadOnlyList<string> exclude)
        {
            include = Array.Empty<string>();
            exclude = Array.Empty<string>();
            if (!TryStringList(body, "include", out var inc, out var error)) return Fail(error);
            if (!TryStringList(body, "exclude", out var exc, out error)) return Fail(error);
            include = inc ?? Array.Empty<string>();
            exclude = exc ?? Array.Empty<string>();
            return true;
        }

        switch (kind)
        {
            case "direct":
                {
                    if (!Patterns(out var include, out var exclude)) return;
                    if (!TryInt(body, "download_retry_count", out var retries, out var error)) { Fail(error); return; }
                    methods.Add(new DirectMethod(include, exclude, retries, range));
                    return;
                }
            case "filesystem_mirror":
                {
                    if (!TryString(body, "path", out var path, out var error)) { Fail(error); return; }
                    if (!Patterns(out var include, out var exclude)) return;
                    if (string.IsNullOrEmpty(path)) { Fail("\"path\" argument is required"); return; }
                    methods.Add(new FilesystemMirrorMethod(path!, include, exclude, range));
                    return;
                }
            case "network_mirror":
                {
                    if (!TryString(body, "url", out var url, out var error)) { Fail(error); return; }
                    if (!Patterns(out var include, out var exclude)) return;
                    if (!TryInt(body, "download_retry_count", out var retries, out error)) { Fail(error); return; }
                    if (!TryBool(body, "trust_all_hashes", out var trust, out error)) { Fail(error); return; }
                    if (string.IsNullOrEmpty(url)) { Fail("\"url\" argument is required"); return; }
                    methods.Add(new NetworkMirrorMethod(url!, include, exclude, retries, trust ?? false, range));
                    return;
                }
            case "oci_mirror":
                DecodeOciMirror(body, range, methods, diagnostics);
                return;
            case "dev_overrides":
                DecodeDevOverrides(methodBlock, body, at, methods.Count, devOverrides, diagnostics, windows);
                return;
            default:
                diagnostics.Add(CliConfigDiagnostics.Error(MethodSummary, $"Unknown provider installation method \"{kind}\" at {At(methodBlock.Position)}.", range));
                return;
        }
    }

    private static void DecodeOciMirror(ConfigObject body, SourceRange range, List<ProviderInstallationMethod> methods, List<Diagnostic> diagnostics)
    {
        // OpenTofu names the body's opening brace for oci_mirror problems.
        var at = At(body.Range.Start);
        bool Fail(string message)
        {
            diagnostics.Add(CliConfigDiagnostics.Error(MethodSummary, $"Invalid oci_mirror block at {at}: {message}.", range));
            return false;
        }
        if (!TryString(body, "repository_template", out var text, out var error)) { Fail(error); return; }
        if (!TryStringList(body, "include", out var include, out error)) { Fail(error); return; }
        if (!TryStringList(body, "exclude", out var exclude, out error)) { Fail(error); return; }
        if (string.IsNullOrEmpty(text)) { Fail("\"repository_template\" argument is required"); return; }
        var subject = Find(body, "repository_template")?.Range ?? range;
        var template = OciRepositoryTemplate.Load(text!, include ?? Array.Empty<string>(), at, subject, diagnostics);
        if (template is null) return;
        methods.Add(new OciMirrorMethod(template, include ?? Array.Empty<string>(), exclude ?? Array.Empty<string>(), range));
    }

    private static void DecodeDevOverrides(ConfigItem methodBlock, ConfigObject body, string at, int methodsSoFar,
        Dictionary<ProviderAddress, string> devOverrides, List<Diagnostic> diagnostics, bool windows)
    {
        if (methodsSoFar > 0)
        {
            diagnostics.Add(CliConfigDiagnostics.Error(MethodSummary,
                $"The dev_overrides block at at {At(methodBlock.Position)} must appear before all other installation methods, because development overrides always have the highest priority.",
                methodBlock.Range));
            return;
        }
        var entries = new List<(string Key, string Path, SourceRange Range)>();
        foreach (var item in body.Items)
        {
            if (!TryStringValue(item.Value, "root." + item.Keys[0].Value, out var path, out var error))
            {
                diagnostics.Add(CliConfigDiagnostics.Error(MethodSummary, $"Invalid dev_overrides block at {at}: {error}.", item.Range));
                return;
            }
            entries.Add((item.Keys[0].Value, path!, item.Range));
        }
        foreach (var (key, path, range) in entries)
        {
            if (!ProviderAddress.TryParse(key, out var address, out var addressError))
            {
                diagnostics.Add(CliConfigDiagnostics.Error("Invalid provider installation dev overrides",
                    $"The entry \"{key}\" in {at} is not a valid provider source string.\n\n{addressError}", range));
                continue;
            }
            devOverrides[address] = CliPaths.Clean(windows, path);
        }
    }
}
