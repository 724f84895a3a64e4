using System.Collections.Generic;
using System.Linq;
using TofuMirror.Model.CliConfig;
using TofuMirror.Model.Diagnostics;
using TofuMirror.Diagnostics;

namespace TofuMirror.Engine.Checks;

/// <summary>Loads the CLI configuration the way OpenTofu would (an explicit file, or its discovery) and returns its problems.</summary>
internal static class CliConfigCheck
{
    public static IReadOnlyList<Diagnostic> Run(string? explicitFile, CliConfigEnvironment environment)
    {
        var config = explicitFile is null ? CliConfigLoader.Load(environment) : CliConfigLoader.LoadFiles([explicitFile], environment);
        var diagnostics = config.Diagnostics.ToList();
        OciCredentialsPolicy.Build(config, environment, out var policyDiagnostics);
        diagnostics.AddRange(policyDiagnostics);
        return diagnostics.Select(d => d.Code is null ? d with { Code = DiagnosticCodes.InvalidCliConfig } : d).ToList();
    }
}
