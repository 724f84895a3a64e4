using System;
using System.Collections.Generic;
using System.IO;
using System.IO.Compression;
using System.Linq;
using System.Reflection.Metadata;
using System.Reflection.Metadata.Ecma335;
using System.Reflection.PortableExecutable;
using Microsoft.VisualStudio.TestTools.UnitTesting;

namespace TofuMirror.Build.Tests;

/// <summary>What the packed TofuMirror.Build package holds, read from the .nupkg the test project's build made.</summary>
[TestClass]
public sealed class PackageContentTests
{
    private static ZipArchive OpenPackage()
    {
        var feed = Path.Combine(AppContext.BaseDirectory, "tofumirror-feed");
        var package = Directory.GetFiles(feed, "TofuMirror.Build.*.nupkg").OrderByDescending(File.GetLastWriteTimeUtc).First();
        return ZipFile.OpenRead(package);
    }

    [TestMethod]
    public void The_package_carries_the_readme_with_the_quick_start_and_names_no_made_up_project_url()
    {
        using var package = OpenPackage();
        using var readme = new StreamReader(package.GetEntry("README.md")!.Open());
        var text = readme.ReadToEnd();
        StringAssert.Contains(text, "dotnet add package TofuMirror.Build");
        StringAssert.Contains(text, "<TofuModule Include=\"infra/\" />");

        using var nuspec = new StreamReader(package.Entries.Single(e => e.FullName.EndsWith(".nuspec", StringComparison.Ordinal)).Open());
        var manifest = nuspec.ReadToEnd();
        StringAssert.Contains(manifest, "<readme>README.md</readme>");
        Assert.DoesNotContain("<projectUrl>", manifest, "no TofuMirrorRepositoryUrl was given to this pack");
        Assert.DoesNotContain("example.invalid", manifest);
    }

    [TestMethod]
    public void The_net8_task_folder_can_run_as_a_program_and_ships_no_MSBuild_or_runtime_assembly()
    {
        using var package = OpenPackage();
        var net8 = package.Entries.Where(e => e.FullName.StartsWith("tasks/net8.0/", StringComparison.Ordinal)).Select(e => e.Name).ToList();

        CollectionAssert.Contains(net8, "TofuMirror.Build.Tasks.dll");
        CollectionAssert.Contains(net8, "TofuMirror.Build.Tasks.runtimeconfig.json");
        CollectionAssert.Contains(net8, "TofuMirror.Engine.dll");
        // System.IO.Hashing (CRC-32 of zip entries) comes from NuGet, not the shared framework: it must ship.
        CollectionAssert.Contains(net8, "System.IO.Hashing.dll");
        // OpenPGP signature checks (TofuRequireSignedProviders) need BouncyCastle beside the task.
        CollectionAssert.Contains(net8, "BouncyCastle.Cryptography.dll");
        Assert.IsFalse(net8.Any(n => n != "System.IO.Hashing.dll" && (n.StartsWith("Microsoft.Build", StringComparison.Ordinal) || n.StartsWith("System.", StringComparison.Ordinal))),
            "MSBuild and the runtime provide these; shipping them makes two versions meet: " + string.Join(", ", net8));
        using var runtimeConfig = new StreamReader(package.GetEntry("tasks/net8.0/TofuMirror.Build.Tasks.runtimeconfig.json")!.Open());
        StringAssert.Contains(runtimeConfig.ReadToEnd(), "\"rollForward\": \"Major\"");
    }

    [TestMethod]
    public void The_net472_task_is_a_single_NET_Framework_assembly_that_references_only_MSBuild_and_the_framework()
    {
        using var package = OpenPackage();
        var net472 = package.Entries.Where(e => e.FullName.StartsWith("tasks/net472/", StringComparison.Ordinal)).Select(e => e.Name).ToList();
        CollectionAssert.AreEqual(new[] { "TofuMirror.Build.Tasks.dll" }, net472);

        using var bytes = new MemoryStream();
        using (var entry = package.GetEntry("tasks/net472/TofuMirror.Build.Tasks.dll")!.Open()) entry.CopyTo(bytes);
        bytes.Position = 0;
        using var pe = new PEReader(bytes);
        var metadata = pe.GetMetadataReader();

        var references = metadata.AssemblyReferences.Select(r => metadata.GetString(metadata.GetAssemblyReference(r).Name)).ToList();
        // TofuMirror.Model is referenced at compile time for DiagnosticCodes' constants only, which are copied in.
        Assert.IsTrue(references.All(r => r is "mscorlib" or "netstandard" || r.StartsWith("System", StringComparison.Ordinal) || r.StartsWith("Microsoft.Build", StringComparison.Ordinal)),
            "Visual Studio's MSBuild would have to load: " + string.Join(", ", references));
        var strings = UserStrings(metadata);
        CollectionAssert.IsSubsetOf(new[] { "TOFU0009", "TOFU0000" }, strings, "the task's codes, compiled in from the catalogue");
        CollectionAssert.Contains(references, "mscorlib");
        Assert.AreEqual(".NETFramework,Version=v4.7.2", TargetFramework(metadata));
        var types = metadata.TypeDefinitions.Select(t => metadata.GetString(metadata.GetTypeDefinition(t).Name)).ToList();
        CollectionAssert.Contains(types, "TofuRestoreProvidersOutOfProcess");
    }

    private static List<string> UserStrings(MetadataReader metadata)
    {
        var strings = new List<string>();
        for (var handle = MetadataTokens.UserStringHandle(1); !handle.IsNil; handle = metadata.GetNextHandle(handle))
            strings.Add(metadata.GetUserString(handle));
        return strings;
    }

    private static string? TargetFramework(MetadataReader metadata)
    {
        foreach (var handle in metadata.GetAssemblyDefinition().GetCustomAttributes())
        {
            var attribute = metadata.GetCustomAttribute(handle);
            if (attribute.Constructor.Kind != HandleKind.MemberReference) continue;
            var type = metadata.GetTypeReference((TypeReferenceHandle)metadata.GetMemberReference((MemberReferenceHandle)attribute.Constructor).Parent);
            if (metadata.GetString(type.Name) != "TargetFrameworkAttribute") continue;
            var value = metadata.GetBlobReader(attribute.Value);
            value.ReadUInt16(); // prolog
            return value.ReadSerializedString();
        }
        return null;
    }
}
