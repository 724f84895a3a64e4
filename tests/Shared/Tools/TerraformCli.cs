using System.Collections.Generic;

namespace TofuMirror.Testing.Tools;

/// <summary>Runs the real <c>terraform</c> in a module folder, isolated from the developer's own setup.</summary>
internal static class TerraformCli
{
    public const string Path = "/usr/local/bin/terraform";

    /// <summary>Skips the calling test when terraform is absent.</summary>
    public static void Require() => ExternalTool.Require(Path, "terraform");

    /// <summary>
    /// terraform with only <paramref name="cliConfig"/> (or none): no plugin cache, <paramref name="home"/> as HOME,
    /// no checkpoint calls.
    /// </summary>
    public static (int Code, string Stdout, string Stderr) Run(string module, string home, string? cliConfig, params string[] arguments)
    {
        var environment = new Dictionary<string, string?>
        {
            ["TF_CLI_CONFIG_FILE"] = cliConfig,
            ["TF_PLUGIN_CACHE_DIR"] = null,
            ["TF_DATA_DIR"] = null,
            ["HOME"] = home,
            ["CHECKPOINT_DISABLE"] = "1",
            ["TF_IN_AUTOMATION"] = "1",
        };
        return ExternalTool.Run(Path, arguments, module, environment);
    }
}
