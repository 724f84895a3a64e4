using System.CommandLine;

namespace TofuMirror.Cli.Commands;

/// <summary>Options shared by several commands, defined once so their names and help stay consistent.</summary>
internal static class CommonOptions
{
    public static Option<bool> Json() => new("--json") { Description = "Write the result as JSON on stdout (logs stay on stderr)." };

    public static Option<string> ChangeDirectory() => new("--chdir")
    {
        Description = "The root module folder (with the .tf files and .terraform.lock.hcl). Default: the current folder.",
        DefaultValueFactory = _ => ".",
    };

    public static Option<string?> CliConfigFile() => new("--config")
    {
        Description = "A CLI configuration file (tofu.rc / .tofurc). Default: OpenTofu's own discovery (TF_CLI_CONFIG_FILE, ~/.tofurc, …).",
    };
}
