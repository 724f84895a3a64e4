using System.IO;
using Microsoft.VisualStudio.TestTools.UnitTesting;

namespace TofuMirror.Build.Tests;

/// <summary><c>.tofu</c> and override files are module files for the packed targets: the restore and the generator see an edit.</summary>
[TestClass]
public sealed class TofuFileBuildTests
{
    private static string EchoOverride(string constraint) =>
        "terraform {\n" +
        "  required_providers {\n" +
        "    echo = {\n" +
        "      source  = \"example.com/tofumirror/echo\"\n" +
        "      version = \"" + constraint + "\"\n" +
        "    }\n" +
        "  }\n" +
        "}\n";

    [TestMethod]
    public void An_override_tofu_file_reruns_the_restore_and_the_generator_checks_its_constraint()
    {
        using var app = new SampleApp();
        var first = app.Dotnet("build");
        Assert.AreEqual(0, first.ExitCode, first.ToString());
        var overrideFile = Path.Combine(app.AppDirectory, "infra", "main_override.tofu");

        File.WriteAllText(overrideFile, EchoOverride(">= 0.2.0, < 0.3.0"));
        var second = app.Dotnet("build", "--no-restore");
        Assert.AreEqual(0, second.ExitCode, second.ToString());
        StringAssert.Contains(second.Output, "TofuMirror: 0 provider package(s) installed (0 downloaded), 2 up to date.", "a new .tofu file must re-run the restore: " + second);

        // The lock has echo 0.2.0: the override's constraint, not main.tf's, now refuses it. The generator alone
        // (restore off) reports it, so the .tofu file reached it as an additional file.
        File.WriteAllText(overrideFile, EchoOverride(">= 0.3.0"));
        var generatorOnly = app.Dotnet("build", "--no-restore", "-p:TofuRestoreEnabled=false");
        Assert.AreNotEqual(0, generatorOnly.ExitCode, generatorOnly.ToString());
        StringAssert.Contains(generatorOnly.Output, overrideFile + "(5,17): error TOFU1003", generatorOnly.ToString());
    }
}
