using System;
using System.IO;
using System.Linq;
using System.Reflection;

namespace TofuMirror.Testing;

/// <summary>Where the repository, the shared spec and the conformance fixtures are.</summary>
internal static class RepoPaths
{
    public static string Root { get; } = Path.GetFullPath(
        typeof(RepoPaths).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>()
            .First(a => a.Key == "RepositoryRoot").Value!);

    /// <summary>The shared folder beside the repository (spec and fixtures); CI lays a copy there too.</summary>
    public static string Shared
    {
        get
        {
            var beside = Path.GetFullPath(Path.Combine(Root, "..", "shared"));
            if (Directory.Exists(beside)) return beside;
            throw new DirectoryNotFoundException($"The shared folder was not found at {beside}.");
        }
    }

    public static string Conformance => Path.Combine(Shared, "conformance");
    public static string SpecExamples => Path.Combine(Shared, "spec", "examples");
    public static string TestData(string project) => Path.Combine(Root, "tests", project, "TestData");
}
