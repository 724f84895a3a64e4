using System.Collections.Generic;
using TofuMirror.Hcl;

namespace TofuMirror.Engine.Checks;

/// <summary>Loads the CLI configuration the way OpenTofu would and returns its problems.</summary>
internal static class CliConfigCheck
{
    public static IReadOnlyList<Diagnostic> Run(string? explicitFile, IReadOnlyDictionary<string, string?> environment)
    {
        // Filled in once the CLI configuration loader lands (TofuMirror.Core.CliConfig).
        return [];
    }
}
