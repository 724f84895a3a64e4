using System.IO;
using System.Linq;
using Microsoft.VisualStudio.TestTools.UnitTesting;
using TofuMirror.Model.Modules;
using TofuMirror.Testing;

namespace TofuMirror.Model.Tests.Modules;

[TestClass]
public sealed class ConfigurationFileNamesTests
{
    private static string[] SelectedNames(string fixture) =>
        ConfigurationFileNames.Select(Directory.EnumerateFiles(Path.Combine(RepoPaths.Conformance, "configs", fixture)))
            .Select(Path.GetFileName)
            .ToArray()!;

    [TestMethod]
    public void TofuAndTfFiles_TofuTwinsShadowTfFiles_OverridesLast()
    {
        CollectionAssert.AreEqual(
            new[]
            {
                "more-resources.tf", "more-resources.tf.json", "resources.tofu", "resources.tofu.json", "variables.tf", "variables.tf.json",
                "variables_override.tofu", "variables_override.tofu.json",
            },
            SelectedNames("tofu-and-tf-files"));
    }

    [TestMethod]
    public void TofuOnlyFiles_AreAllConfiguration()
    {
        CollectionAssert.AreEqual(
            new[] { "resources.tofu", "resources.tofu.json", "variables.tofu", "variables.tofu.json", "variables_override.tofu", "variables_override.tofu.json" },
            SelectedNames("tofu-only-files"));
    }

    [TestMethod]
    public void Shadowing_IsPerSyntax_NotAcross()
    {
        // main.tofu shadows main.tf only; main.tf.json needs main.tofu.json to be shadowed.
        var selected = ConfigurationFileNames.Select(["m/main.tf", "m/main.tf.json", "m/main.tofu", "m/other.tf.json", "m/other.tofu"]);
        CollectionAssert.AreEqual(new[] { "m/main.tf.json", "m/main.tofu", "m/other.tf.json", "m/other.tofu" }, selected.ToArray());
    }

    [TestMethod]
    [DataRow("override.tf", true)]
    [DataRow("override.tf.json", true)]
    [DataRow("override.tofu", true)]
    [DataRow("override.tofu.json", true)]
    [DataRow("bar_provider_override.tf", true)]
    [DataRow("x_override.tofu.json", true)]
    [DataRow("overrides.tf", false)]
    [DataRow("myoverride.tf", false)]
    [DataRow("override_x.tf", false)]
    [DataRow("override.tftest.hcl", false)]
    public void OverrideNames(string name, bool isOverride) =>
        Assert.AreEqual(isOverride, ConfigurationFileNames.IsOverride("dir/" + name));

    [TestMethod]
    [DataRow("main.tf", true)]
    [DataRow("main.tofu.json", true)]
    [DataRow("#main.tf", true)] // only #name# (emacs) is a back-up
    [DataRow("#main.tf#", false)]
    [DataRow(".main.tf", false)]
    [DataRow("main.tf~", false)]
    [DataRow("main.TF", false)]
    [DataRow("main.tftest.hcl", false)]
    [DataRow("main.tofutest.hcl", false)]
    [DataRow("main.tfvars", false)]
    public void ConfigurationFiles(string name, bool isConfiguration) =>
        Assert.AreEqual(isConfiguration, ConfigurationFileNames.IsConfigurationFile("dir/" + name));
}
