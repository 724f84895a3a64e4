using System.Collections.Generic;
using TofuMirror.Core.CliConfig;

namespace TofuMirror.Engine.Stores;

/// <summary>A <see cref="CliConfigEnvironment"/> over the real disk, with the variables and working folder the caller gives (so a CLI run or a build can pass its own).</summary>
public static class ProcessCliEnvironment
{
    public static CliConfigEnvironment Create(IReadOnlyDictionary<string, string?> variables, string currentDirectory) =>
        CliConfigEnvironment.FromProcess(name => variables.TryGetValue(name, out var value) ? value : null, currentDirectory);
}
