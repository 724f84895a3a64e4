using System;
using System.IO;
using System.Linq;
using System.Reflection;

namespace TofuMirror.Testing;

/// <summary>Where the repository and the test fixtures it ships are.</summary>
internal static class RepoPaths
{
    public static string Root { get; } = Path.GetFullPath(
        typeof(RepoPaths).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>()
            .First(a => a.Key == "RepositoryRoot").Value!);

    /// <summary>OpenTofu's own test fixtures, copied into the repository (see its NOTICE).</summary>
    public static string Conformance => Path.Combine(Root, "tests", "TestData", "opentofu");

    /// <summary>Byte-exact index and manifest JSON of the OCI mirror worked example.</summary>
    public static string SpecExamples => Path.Combine(Root, "tests", "TestData", "oci-examples");

    public static string TestData(string project) => Path.Combine(Root, "tests", project, "TestData");
}
