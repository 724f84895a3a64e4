using System.Collections.Generic;
using System.Linq;
using TofuMirror.Diagnostics;
using TofuMirror.Hcl.ConfigTree;
using TofuMirror.Model.Diagnostics;
using static TofuMirror.Model.CliConfig.Hcl1Decoding;

namespace TofuMirror.Model.CliConfig;

/// <summary>
/// Decodes the <c>host</c>, <c>credentials</c> and <c>credentials_helper</c> blocks of one file with OpenTofu's
/// hostname validation messages; a <c>credentials_helper</c> is recognised but never run (a warning says so).
/// </summary>
internal static class OriginHostsDecoder
{
    public sealed record Fragment(List<OriginHostBlock> Hosts, List<OriginCredentialsBlock> Credentials, List<SourceRange> Helpers);

    public static Fragment Decode(ConfigObject root, string path, List<Diagnostic> diagnostics)
    {
        var fragment = new Fragment(new List<OriginHostBlock>(), new List<OriginCredentialsBlock>(), new List<SourceRange>());
        foreach (var item in root.Items.Where(i => i.Keys.Count > 0))
        {
            switch (item.Keys[0].Value)
            {
                case "host":
                    if (LabelledBody(item, "host", path, diagnostics) is ({ } host, { } body))
                    {
                        var services = DecodeServices(body, host, item.Range, diagnostics);
                        if (services is not null) fragment.Hosts.Add(new OriginHostBlock(host, services, item.Range));
                    }
                    break;
                case "credentials":
                    if (LabelledBody(item, "credentials", path, diagnostics) is ({ } credHost, { } credBody))
                    {
                        if (!TryString(credBody, "token", out var token, out var error))
                            diagnostics.Add(CliConfigDiagnostics.Error($"Error parsing {path}: {error}", null, item.Range));
                        else fragment.Credentials.Add(new OriginCredentialsBlock(credHost, token, item.Range));
                    }
                    break;
                case "credentials_helper":
                    fragment.Helpers.Add(item.Range);
                    break;
            }
        }
        return fragment;
    }

    private static (string? Host, ConfigObject? Body) LabelledBody(ConfigItem item, string kind, string path, List<Diagnostic> diagnostics)
    {
        if (item.Keys.Count < 2 || item.Value is not ConfigObject body)
        {
            diagnostics.Add(CliConfigDiagnostics.Error($"Error parsing {path}: a {kind} block needs one label, the host name, and a body", null, item.Range));
            return (null, null);
        }
        // JSON nests further keys into the body; HCL 1 gives them as extra labels.
        var inner = item.Keys.Count > 2 ? WrapExtraKeys(item) : body;
        var label = item.Keys[1].Value;
        if (!ServiceHostName.TryNormalize(label, out var normalized, out var error))
        {
            diagnostics.Add(CliConfigDiagnostics.Error($"The {kind} \"{label}\" block has an invalid hostname: {error}", null, item.Range));
            return (null, null);
        }
        return (normalized, inner);
    }

    private static ConfigObject WrapExtraKeys(ConfigItem item)
    {
        var rest = item.Keys.Skip(2).ToList();
        return new ConfigObject(new[] { new ConfigItem(rest, item.EqualsRange, item.Value, item.Range) }, item.Range);
    }

    private static Dictionary<string, string>? DecodeServices(ConfigObject body, string host, SourceRange range, List<Diagnostic> diagnostics)
    {
        var services = new Dictionary<string, string>(System.StringComparer.Ordinal);
        var item = Find(body, "services");
        if (item is null) return services;
        if (item.Value is not ConfigObject map)
        {
            diagnostics.Add(CliConfigDiagnostics.Error($"The host \"{host}\" block's services must be a map of service IDs to URLs", null, item.Range));
            return null;
        }
        foreach (var entry in map.Items.Where(e => e.Keys.Count == 1))
        {
            if (!TryStringValue(entry.Value, "services." + entry.Keys[0].Value, out var url, out var error))
            {
                diagnostics.Add(CliConfigDiagnostics.Error($"The host \"{host}\" block has an invalid service: {error}", null, entry.Range));
                return null;
            }
            services[entry.Keys[0].Value] = url!;
        }
        return services;
    }

    /// <summary>Merges the files' blocks: a later file's block for the same host replaces an earlier one.</summary>
    public static OriginHostSettings Merge(IEnumerable<Fragment> fragments, List<Diagnostic> diagnostics)
    {
        var hosts = new Dictionary<string, OriginHostBlock>(System.StringComparer.Ordinal);
        var credentials = new Dictionary<string, OriginCredentialsBlock>(System.StringComparer.Ordinal);
        var helpers = new List<SourceRange>();
        foreach (var fragment in fragments)
        {
            foreach (var h in fragment.Hosts) hosts[h.Host] = h;
            foreach (var c in fragment.Credentials) credentials[c.Host] = c;
            helpers.AddRange(fragment.Helpers);
        }
        if (helpers.Count > 1)
            diagnostics.Add(CliConfigDiagnostics.Error("No more than one credentials_helper block may be specified", null, helpers[1]));
        if (helpers.Count > 0)
        {
            diagnostics.Add(new Diagnostic(DiagnosticSeverity.Warning, "credentials_helper is not run by tofu-mirror",
                "TofuMirror never starts OpenTofu credentials helpers. Give the origin's token in a credentials \"HOST\" block or a TF_TOKEN_<host> environment variable.",
                helpers[0]) { Code = DiagnosticCodes.CredentialsHelperIgnored });
        }
        return new OriginHostSettings(hosts, credentials, helpers.FirstOrDefault());
    }
}
