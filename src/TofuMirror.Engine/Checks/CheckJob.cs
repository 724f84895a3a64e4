using System.Collections.Generic;
using System.Linq;
using TofuMirror.Model.Checks;
using TofuMirror.Engine.Modules;
using TofuMirror.Engine.Stores;
using TofuMirror.Model.Addresses;
using TofuMirror.Model.Versions;
using TofuMirror.Diagnostics;

namespace TofuMirror.Engine.Checks;

/// <summary>What to check: a root module folder, an optional explicit CLI config, and the environment for config discovery.</summary>
public sealed record CheckRequest(string ModuleDirectory, string? CliConfigFile, IReadOnlyDictionary<string, string?> Environment);

/// <summary>One provider as the check saw it.</summary>
public sealed record CheckedProvider(ProviderAddress Address, ProviderVersion? LockedVersion, string? Constraints);

/// <summary>The result of <see cref="CheckJob"/>: every problem, and the providers involved.</summary>
public sealed record CheckReport(string ModuleDirectory, IReadOnlyList<CheckedProvider> Providers, IReadOnlyList<Diagnostic> Diagnostics);

/// <summary>The <c>check</c> job: read the module, its lock file and the CLI configuration, and cross-check them.</summary>
public static class CheckJob
{
    public static CheckReport Run(CheckRequest request)
    {
        var module = ModuleLoader.Load(request.ModuleDirectory);
        var diagnostics = new List<Diagnostic>(module.Diagnostics);
        diagnostics.AddRange(CliConfigCheck.Run(request.CliConfigFile, Stores.ProcessCliEnvironment.Create(request.Environment, request.ModuleDirectory)));

        if (!module.HasErrors || module.LockFileExists)
            diagnostics.AddRange(LockConsistencyChecker.Check(module.Requirements, module.LockFile, module.LockFilePath, module.LockFileHasErrors));

        var providers = module.Requirements.Providers
            .Union(module.LockFile.Providers.Select(p => p.Address))
            .OrderBy(a => a)
            .Select(address =>
            {
                var constraints = module.Requirements.For(address).Select(r => r.Constraints?.ToNormalizedString())
                    .Where(c => !string.IsNullOrEmpty(c)).ToList();
                return new CheckedProvider(address, module.LockFile.Find(address)?.Version,
                    constraints.Count == 0 ? null : string.Join(", ", constraints));
            })
            .ToList();
        return new CheckReport(module.Directory, providers, diagnostics);
    }
}
