using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text.Json;
using Microsoft.VisualStudio.TestTools.UnitTesting;
using TofuMirror.Model.Restore;
using TofuMirror.Testing;

namespace TofuMirror.Build.Tests;

/// <summary>
/// The package's .props and .targets (from the source tree) evaluated by the real <c>dotnet msbuild</c> in a bare
/// project that imports them, without the SDK or a restore: what the targets compute before any task runs.
/// </summary>
[TestClass]
public sealed class TargetsTests
{
    [TestMethod]
    [DataRow("infra")]
    [DataRow("infra/")]
    [DataRow("infra\\")]
    public void A_module_is_named_after_its_folder_with_or_without_a_trailing_separator(string include)
    {
        using var temp = new TempFolder("tofu-targets");
        temp.WriteFile("infra/main.tf", "");

        var files = GeneratorInputs(temp, $"<TofuModule Include=\"{include}\" />");

        var main = files.Single(f => f.GetProperty("Filename").GetString() == "main");
        Assert.AreEqual("infra", main.GetProperty("TofuModule").GetString());
        Assert.AreEqual(temp.Combine("infra", "main.tf"), main.GetProperty("FullPath").GetString());
    }

    [TestMethod]
    public void Name_and_RepositoryTemplate_metadata_override_the_folder_name_and_the_property()
    {
        using var temp = new TempFolder("tofu-targets");
        temp.WriteFile("infra/main.tf", "");
        temp.WriteFile("net/main.tf", "");

        var files = GeneratorInputs(temp,
            "<TofuModule Include=\"infra/\" Name=\"Production\" RepositoryTemplate=\"oci-layout:m/${type}\" />\n<TofuModule Include=\"net\" />",
            "<TofuRepositoryTemplate>ghcr.io/acme/${namespace}/${type}</TofuRepositoryTemplate>");

        var byModule = files.Where(f => f.GetProperty("Filename").GetString() == "main")
            .ToDictionary(f => f.GetProperty("TofuModule").GetString()!, f => f.GetProperty("TofuRepositoryTemplate").GetString());
        Assert.AreEqual("oci-layout:m/${type}", byModule["Production"]);
        Assert.AreEqual("ghcr.io/acme/${namespace}/${type}", byModule["net"]);
    }

    [TestMethod]
    public void The_manifest_path_is_the_contract_file_name_in_the_providers_folder()
    {
        using var temp = new TempFolder("tofu-targets");
        var project = WriteProject(temp, "", "");

        var result = DotnetCli.Run(temp.Path, new Dictionary<string, string>(), "msbuild", project, "-nologo", "-getProperty:TofuManifestPath");

        Assert.AreEqual(0, result.ExitCode, result.ToString());
        Assert.AreEqual(Path.Combine(temp.Path, "tofu-providers", RestoreManifestFormat.FileName), result.Output.Trim());
    }

    private static List<JsonElement> GeneratorInputs(TempFolder temp, string items, string properties = "")
    {
        var project = WriteProject(temp, items, properties);
        var result = DotnetCli.Run(temp.Path, new Dictionary<string, string>(), "msbuild", project, "-nologo",
            "-t:_TofuAddGeneratorInputs", "-getItem:AdditionalFiles");
        Assert.AreEqual(0, result.ExitCode, result.ToString());
        using var json = JsonDocument.Parse(result.Output);
        return json.RootElement.GetProperty("Items").GetProperty("AdditionalFiles").EnumerateArray().Select(e => e.Clone()).ToList();
    }

    private static string WriteProject(TempFolder temp, string items, string properties)
    {
        var build = Path.Combine(RepoPaths.Root, "src", "TofuMirror.Build.Tasks", "build");
        return temp.WriteFile("p.proj", $"""
            <Project>
              <PropertyGroup>
                <BaseIntermediateOutputPath>{temp.Path}/</BaseIntermediateOutputPath>
                {properties}
              </PropertyGroup>
              <Import Project="{Path.Combine(build, "TofuMirror.Build.props")}" />
              <ItemGroup>
                {items}
              </ItemGroup>
              <Import Project="{Path.Combine(build, "TofuMirror.Build.targets")}" />
            </Project>
            """);
    }
}
