using System.Collections.Generic;
using System.CommandLine;
using TofuMirror.Model.Platforms;

namespace TofuMirror.Cli.Commands;

/// <summary>Options shared by several commands, defined once so their names and help stay consistent.</summary>
internal static class CommonOptions
{
    public static Option<bool> Json() => new("--json") { Description = "Write the result as JSON on stdout (logs stay on stderr)." };

    public static Option<bool> NoProgress() => new("--no-progress")
    {
        Description = "Draw no live transfer progress (it is drawn only on an interactive terminal, never with --json or in Azure Pipelines).",
    };

    public static Option<string> ChangeDirectory() => new("--chdir")
    {
        Description = "The root module folder (with the .tf files and .terraform.lock.hcl). Default: the current folder.",
        DefaultValueFactory = _ => ".",
    };

    public static Option<string?> CliConfigFile() => new("--config")
    {
        Description = "A CLI configuration file (tofu.rc / .tofurc). Default: OpenTofu's own discovery (TF_CLI_CONFIG_FILE, ~/.tofurc, …).",
    };

    public static Option<string?> RepositoryTemplate() => new("--repository-template")
    {
        Description = "The OCI repository for each provider, as in oci_mirror, e.g. 'registry.example.com/providers/${hostname}/${namespace}/${type}' " +
                      "(${hostname} may be left out only when --include pins one registry host); " +
                      "or 'oci-layout:PATH/${hostname}/${namespace}/${type}' for OCI image-layout folders. Overrides the CLI configuration's oci_mirror blocks.",
    };

    public static Option<string[]> Platforms() => new("--platform")
    {
        Description = "A platform OS_ARCH (e.g. linux_amd64); repeat for several. Default: this machine's.",
        AllowMultipleArgumentsPerToken = false,
    };

    public static Option<string[]> Includes() => new("--include")
    {
        Description = "With --repository-template: a provider pattern (HOST/NAMESPACE/TYPE, * for whole segments) the mirror handles, " +
                      "as oci_mirror's include; repeat for several. A template may leave out ${hostname} (or ${namespace}, ${type}) " +
                      "when the patterns pin it, e.g. --include 'registry.opentofu.org/*/*'.",
    };

    public static Option<string[]> InsecureRegistries() => new("--insecure-registry", "--insecure-host")
    {
        Description = "A registry host[:port] that may be reached over plain HTTP (loopback registries always may); repeat for several.",
    };

    public static Option<string[]> TrustedKeys() => new("--trusted-keys")
    {
        Description = "A file of trust anchors: an armored OpenPGP keyring or a list of 40-hex key fingerprints; repeat for several. " +
                      "Also read: the files in TOFU_MIRROR_TRUSTED_KEYS. A signature counts only when made by an anchored key.",
        HelpName = "FILE",
    };

    public static Option<bool> RequireSigned(string what) => new("--require-signed")
    {
        Description = $"Require every provider version to have provenance evidence in the mirror signed by a trust anchor, {what}.",
    };

    public static Option<string?> CaFile() => new("--ca-file")
    {
        Description = "A PEM bundle of certificate authorities trusted for registries and token services, in addition to the system's. " +
                      "Default: TOFU_MIRROR_CA_FILE.",
    };

    public static Option<string?> ClientCertificate() => new("--client-cert")
    {
        Description = "A PEM client certificate (intermediates may follow it) sent to registries that ask for one (mutual TLS).",
    };

    public static Option<string?> ClientKey() => new("--client-key")
    {
        Description = "The unencrypted PEM private key of --client-cert. Default: the key in the --client-cert file.",
    };

    /// <summary>Parses <c>--platform</c> values (default: this machine); reports bad ones as usage errors.</summary>
    public static bool TryParsePlatforms(IReadOnlyList<string> values, CliConsole console, out IReadOnlyList<Platform> platforms)
    {
        var list = PlatformList.Parse(values, "--platform").OrCurrent();
        foreach (var error in list.Errors) console.Error.WriteLine($"error: {error}");
        platforms = list.Platforms;
        return list.Errors.Count == 0;
    }
}
