using System.Collections.Generic;
using TofuMirror.Model;
using TofuMirror.Engine.Stores;

namespace TofuMirror.Engine.Restore;

/// <summary>Everything <see cref="RestoreJob"/> needs, parsed once by the CLI or the MSBuild task.</summary>
public sealed record RestoreRequest(
    string ModuleDirectory,
    IProviderStoreResolver Stores,
    IReadOnlyList<Platform> Platforms,
    string OutputDirectory,
    OutputLayout Layout,
    string CacheDirectory)
{
    /// <summary>How many packages download and install at once.</summary>
    public int Parallelism { get; init; } = 4;

    /// <summary>The default output folder for a module: <c>MODULE/.terraform/providers-mirror</c>.</summary>
    public static string DefaultOutputDirectory(string moduleDirectory) =>
        System.IO.Path.Combine(moduleDirectory, ".terraform", "providers-mirror");
}
