using System.Collections.Generic;
using System.Linq;
using System.Threading;
using TofuMirror.Model.Checks;
using TofuMirror.Model.Locks;
using TofuMirror.Model.Modules;
using TofuMirror.Generators.Model;
using TofuMirror.Model.Diagnostics;
using TofuMirror.Diagnostics;

namespace TofuMirror.Generators.Parsing;

/// <summary>
/// Parser stage: reads one module's lock file and configuration files with Core's readers (which skip shadowed
/// <c>.tf</c> files and merge override files as OpenTofu does) and produces the
/// spec to emit (locked providers) and the diagnostics to report (Core's checks, under the TOFU1xxx codes the diagnostic catalogue gives their conditions).
/// </summary>
internal static class ModuleParser
{
    private static readonly HashSet<string> ReservedMemberNames = new(IdentifierNames.ObjectMembers, System.StringComparer.Ordinal)
    {
        "ModuleName", "All", "CliConfigPath", "ProvidersDirectory",
    };

    public static ModuleAnalysis Parse(ModuleInput module, CancellationToken cancellationToken)
    {
        var mapper = new LocationMapper(module.Files);
        var diagnostics = new List<DiagnosticInfo>();

        var lockFiles = module.Files.Where(f => f.Kind == ModuleFileKind.LockFile).ToList();
        var lockFile = LockFile.Empty;
        var lockPath = LockFile.FileName;
        var lockHasErrors = false;
        if (lockFiles.Count > 0)
        {
            lockPath = lockFiles[0].Path;
            var read = LockFileReader.Read(lockFiles[0].Text, lockFiles[0].Path);
            lockFile = read.LockFile;
            lockHasErrors = read.Diagnostics.Any(d => d.Severity == DiagnosticSeverity.Error);
            diagnostics.AddRange(read.Diagnostics.Select(d => Convert(d, DiagnosticOrigin.LockFile, mapper)));
            foreach (var extra in lockFiles.Skip(1))
            {
                var where = Diagnostic.Error("More than one lock file",
                    $"Module \"{module.Name}\" already has the lock file {lockPath}; this one is ignored. Give each module folder its own TofuModule name.",
                    SourceRange.StartOf(extra.Path));
                diagnostics.Add(Convert(where, DiagnosticCodes.Generator.LockFileInvalid, mapper));
            }
        }
        cancellationToken.ThrowIfCancellationRequested();

        var configFiles = module.Files
            .Where(f => f.Kind != ModuleFileKind.LockFile)
            .Select(f => new SourceFile(f.Path, f.Text) { EncodingError = f.EncodingError })
            .ToList();
        if (configFiles.Count > 0)
        {
            var requirements = RequiredProvidersReader.Read(configFiles);
            diagnostics.AddRange(requirements.Diagnostics.Select(d => Convert(d, DiagnosticOrigin.Configuration, mapper)));
            // Consistency is judged on clean inputs only: a block skipped for a syntax error would look missing.
            if (!lockHasErrors && !requirements.HasErrors)
            {
                var checks = LockConsistencyChecker.Check(requirements, lockFile, System.IO.Path.GetFileName(lockPath));
                diagnostics.AddRange(checks.Select(d => Convert(d, DiagnosticOrigin.LockAgainstConfiguration, mapper)));
            }
        }
        cancellationToken.ThrowIfCancellationRequested();

        var directory = RestoreManifestParser.NormalizeDirectory(
            System.IO.Path.GetDirectoryName(lockFiles.Count > 0 ? lockPath : module.Files[0].Path) ?? "");
        return new ModuleAnalysis(
            BuildSpec(module.Name, module.ClassName, directory, lockFile),
            diagnostics.ToEquatableArray(),
            BuildLocks(directory, lockFile, mapper));
    }

    private static ModuleLocks BuildLocks(string directory, LockFile lockFile, LocationMapper mapper) =>
        new(directory, lockFile.Providers
            .Select(p => new LockedProviderHashes(
                p.Address.ToString(),
                p.Version.ToString(),
                p.Hashes.Select(h => h.ToString()).ToEquatableArray(),
                mapper.Map(p.Range)))
            .ToEquatableArray());

    private static ModuleSpec BuildSpec(string moduleName, string className, string directory, LockFile lockFile)
    {
        var providers = lockFile.Providers;
        // A member may not be named like its class (CS0542).
        var reserved = new HashSet<string>(ReservedMemberNames, System.StringComparer.Ordinal) { className };
        var names = IdentifierNames.ForProviders(
            providers.Select(p => (p.Address.Hostname, p.Address.Namespace, p.Address.Type)).ToList(), reserved);
        var specs = providers.Select((p, i) => new ProviderSpec(
            names[i],
            p.Address.ToString(),
            p.Address.Hostname,
            p.Address.Namespace,
            p.Address.Type,
            p.Version.ToString(),
            p.Constraints?.ToNormalizedString(),
            p.Hashes.Select(h => h.ToString()).ToEquatableArray()));
        return new ModuleSpec(moduleName, className, directory, specs.ToEquatableArray());
    }

    /// <summary>The generator's code for a Model diagnostic: the one the catalogue gives its condition, where it was found.</summary>
    private static DiagnosticInfo Convert(Diagnostic diagnostic, DiagnosticOrigin origin, LocationMapper mapper)
    {
        var code = DiagnosticCatalogue.GeneratorCodeFor(diagnostic.ConditionCode ?? diagnostic.Code, origin)
            ?? (origin == DiagnosticOrigin.LockFile ? DiagnosticCodes.Generator.LockFileInvalid : DiagnosticCodes.Generator.ModuleConfigInvalid);
        return Convert(diagnostic, code, mapper);
    }

    private static DiagnosticInfo Convert(Diagnostic diagnostic, string id, LocationMapper mapper)
    {
        var message = string.IsNullOrEmpty(diagnostic.Detail) ? diagnostic.Summary : diagnostic.Summary + ": " + diagnostic.Detail;
        return new DiagnosticInfo(id, diagnostic.Severity == DiagnosticSeverity.Warning, message, mapper.Map(diagnostic.Subject));
    }
}
