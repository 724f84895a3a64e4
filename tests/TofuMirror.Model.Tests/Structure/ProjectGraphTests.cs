using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Xml.Linq;
using Microsoft.VisualStudio.TestTools.UnitTesting;
using TofuMirror.Testing;

namespace TofuMirror.Model.Tests.Structure;

/// <summary>The references between projects are the ones docs/architecture.md draws, and no others.</summary>
[TestClass]
public sealed class ProjectGraphTests
{
    private static readonly Dictionary<string, string[]> Allowed = new()
    {
        ["TofuMirror.Hcl"] = [],
        ["TofuMirror.Model"] = ["TofuMirror.Hcl"],
        ["TofuMirror.Oci"] = [],
        ["TofuMirror.Engine"] = ["TofuMirror.Model", "TofuMirror.Oci"],
        ["TofuMirror.Cli"] = ["TofuMirror.Engine"],
        ["TofuMirror.Build.Tasks"] = ["TofuMirror.Engine", "TofuMirror.Model", "TofuMirror.Generators"],
        ["TofuMirror.Generators"] = [],
    };

    private static string ProjectFile(string name) => Path.Combine(RepoPaths.Root, "src", name, name + ".csproj");

    private static IEnumerable<XElement> Items(string name, string itemType) =>
        XDocument.Load(ProjectFile(name)).Descendants(itemType);

    [TestMethod]
    public void EveryProjectUnderSrcIsInTheGraph()
    {
        var projects = Directory.GetDirectories(Path.Combine(RepoPaths.Root, "src"))
            .Where(d => File.Exists(Path.Combine(d, Path.GetFileName(d) + ".csproj")))
            .Select(Path.GetFileName).OrderBy(n => n, StringComparer.Ordinal).ToList();
        CollectionAssert.AreEquivalent(Allowed.Keys.ToList(), projects);
    }

    [TestMethod]
    public void ProjectsReferenceOnlyWhatTheArchitectureAllows()
    {
        foreach (var (project, allowed) in Allowed)
        {
            var referenced = Items(project, "ProjectReference")
                .Select(r => (string)r.Attribute("Include")!)
                .Select(include => include == "$(GeneratorProject)" ? "TofuMirror.Generators" : Path.GetFileNameWithoutExtension(include.Replace('\\', '/')))
                .ToList();
            var forbidden = referenced.Except(allowed).ToList();
            Assert.IsEmpty(forbidden, $"{project} references {string.Join(", ", forbidden)}, which docs/architecture.md does not allow");
        }
    }

    [TestMethod]
    public void NoProjectCompilesAnotherProjectsFilesExceptTheGeneratorTheWholePureProjects()
    {
        foreach (var project in Allowed.Keys)
        {
            var linked = Items(project, "Compile")
                .Select(c => (string?)c.Attribute("Include") ?? "")
                .Where(include => include.Contains(".."))
                .ToList();
            if (project == "TofuMirror.Generators")
            {
                Assert.HasCount(1, linked, "the generator compiles Hcl and Model whole in one item");
                StringAssert.Contains(linked[0], @"..\TofuMirror.Hcl\**\*.cs");
                StringAssert.Contains(linked[0], @"..\TofuMirror.Model\**\*.cs");
            }
            else
            {
                Assert.IsEmpty(linked, $"{project} compiles files of another project by path: {string.Join(", ", linked)}");
            }
        }
    }

    [TestMethod]
    public void ThePureProjectBansInputOutputApis()
    {
        var model = ProjectFile("TofuMirror.Model");
        Assert.IsTrue(Items("TofuMirror.Model", "PackageReference").Any(p => (string?)p.Attribute("Include") == "Microsoft.CodeAnalysis.BannedApiAnalyzers"), model);
        var banned = File.ReadAllLines(Path.Combine(Path.GetDirectoryName(model)!, "BannedSymbols.txt"));
        foreach (var symbol in new[] { "T:System.IO.File", "T:System.IO.Directory", "T:System.Diagnostics.Process", "T:System.Net.Http.HttpClient", "M:System.Environment.GetEnvironmentVariable(System.String)" })
            Assert.IsTrue(banned.Any(line => line.StartsWith(symbol + ";", StringComparison.Ordinal)), symbol);
    }
}
