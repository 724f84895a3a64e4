using System.Collections.Generic;
using System.IO;
using System.Linq;
using TofuMirror.Model.Locks;
using TofuMirror.Model.Modules;
using TofuMirror.Model.Diagnostics;
using TofuMirror.Diagnostics;

namespace TofuMirror.Engine.Modules;

/// <summary>
/// Reads a root module folder: its configuration files (<c>.tf</c>, <c>.tf.json</c>, <c>.tofu</c>, <c>.tofu.json</c>,
/// override files merged last, as <see cref="ConfigurationFileNames"/> says), those of the local child modules it
/// calls (<c>source = "./…"</c>), and <c>.terraform.lock.hcl</c>.
/// </summary>
public static class ModuleLoader
{
    public static LoadedModule Load(string directory)
    {
        directory = Path.GetFullPath(directory);
        var lockFilePath = Path.Combine(directory, LockFile.FileName);
        var diagnostics = new List<Diagnostic>();
        if (!Directory.Exists(directory))
        {
            diagnostics.Add(Diagnostic.Error("Module folder not found",
                $"The folder {directory} does not exist. Pass the root module folder with --chdir.",
                SourceRange.StartOf(directory)) with { Code = DiagnosticCodes.FileNotReadable });
            var empty = new ModuleRequirements([], [], []);
            return new LoadedModule(directory, empty, lockFilePath, LockFile.Empty, false, diagnostics);
        }

        var requirements = ReadModuleTree(directory, diagnostics);
        var lockFile = LockFile.Empty;
        var lockExists = File.Exists(lockFilePath);
        var lockHasErrors = false;
        if (lockExists)
        {
            var read = LockFileReader.Read(File.ReadAllText(lockFilePath), lockFilePath);
            diagnostics.AddRange(read.Diagnostics);
            lockFile = read.LockFile;
            lockHasErrors = read.HasErrors;
        }
        return new LoadedModule(directory, requirements, lockFilePath, lockFile, lockExists, diagnostics) { LockFileHasErrors = lockHasErrors };
    }

    /// <summary>Requirements of the root and of every local child module, each read on its own (local names are per module).</summary>
    private static ModuleRequirements ReadModuleTree(string root, List<Diagnostic> diagnostics)
    {
        var all = new List<ProviderRequirement>();
        var visited = new HashSet<string>(System.StringComparer.Ordinal);
        var pending = new Queue<string>();
        pending.Enqueue(root);
        while (pending.Count > 0)
        {
            var directory = pending.Dequeue();
            if (!visited.Add(directory) || !Directory.Exists(directory)) continue;
            var module = RequiredProvidersReader.Read(ReadConfigurationFiles(directory));
            all.AddRange(module.Requirements);
            diagnostics.AddRange(module.Diagnostics);
            foreach (var source in module.LocalModuleSources)
                pending.Enqueue(Path.GetFullPath(Path.Combine(directory, source)));
        }
        return new ModuleRequirements(all, [], []);
    }

    /// <summary>
    /// The files OpenTofu loads from <paramref name="directory"/>, in the order it merges them; read as UTF-8 only, a
    /// file in another encoding carries its error (<see cref="SourceFileDecoder"/>).
    /// </summary>
    public static IEnumerable<SourceFile> ReadConfigurationFiles(string directory) =>
        ConfigurationFileNames.Select(Directory.EnumerateFiles(directory))
            .Select(p => SourceFileDecoder.Decode(p, File.ReadAllBytes(p)));
}
