using System;
using System.IO;
using System.Linq;
using Microsoft.VisualStudio.TestTools.UnitTesting;
using TofuMirror.Model.CliConfig;
using TofuMirror.Engine.Restore;
using TofuMirror.Engine.Tests.Support;
using TofuMirror.Testing;

namespace TofuMirror.Engine.Tests.Restore;

[TestClass]
public sealed class CliConfigFileWriterTests
{
    private static CliConfigEnvironment Environment(string directory) =>
        new(CliOperatingSystem.Linux, _ => null, "/nonexistent-home", _ => null, _ => null, directory);

    [TestMethod]
    public void RendersAFilesystemMirrorAtTheFolder()
    {
        if (OperatingSystem.IsWindows()) Assert.Inconclusive("Unix paths");
        Assert.AreEqual(
            "# Written by tofu-mirror restore. Use with: TF_CLI_CONFIG_FILE=/work/out/tofu.rc\n" +
            "provider_installation {\n" +
            "  filesystem_mirror {\n" +
            "    path = \"/work/out\"\n" +
            "  }\n" +
            "}\n",
            CliConfigFileWriter.Render("/work/out"));
    }

    [TestMethod]
    public void RelativeFolderBecomesAbsolute()
    {
        var text = CliConfigFileWriter.Render("out");
        StringAssert.Contains(text, "path = \"" + Path.GetFullPath("out").Replace('\\', '/') + "\"");
    }

    [TestMethod]
    [DataRow("plain")]
    [DataRow("with space")]
    [DataRow("with \"quote\"")]
    [DataRow("back\\slash")]
    public void OurCliConfigLoaderReadsThePathBack(string folderName)
    {
        using var temp = new TempFolder();
        var folder = temp.CreateDirectory(folderName);
        var config = CliConfigLoader.LoadText(CliConfigFileWriter.Render(folder), "tofu.rc", Environment(temp.Path));

        Assert.IsFalse(config.HasErrors, string.Join("\n", config.Diagnostics));
        var method = config.ProviderInstallation!.Methods.Single();
        Assert.IsInstanceOfType<FilesystemMirrorMethod>(method);
        Assert.AreEqual(Path.GetFullPath(folder).Replace('\\', '/'), ((FilesystemMirrorMethod)method).Path);
    }

    [TestMethod]
    public void WriteLeavesAnUnchangedFileAlone()
    {
        using var temp = new TempFolder();
        var path = CliConfigFileWriter.Write(temp.Path);
        Assert.AreEqual(Path.Combine(temp.Path, "tofu.rc"), path);
        Assert.AreEqual(CliConfigFileWriter.Render(temp.Path), File.ReadAllText(path));
        var old = new DateTime(2001, 1, 1, 0, 0, 0, DateTimeKind.Utc);
        File.SetLastWriteTimeUtc(path, old);

        CliConfigFileWriter.Write(temp.Path);

        Assert.AreEqual(old, File.GetLastWriteTimeUtc(path));
        Assert.AreEqual(1, Directory.GetFiles(temp.Path).Length, "no temp file left beside tofu.rc");
    }

    [TestMethod]
    public void WriteReplacesADifferentFile()
    {
        using var temp = new TempFolder();
        File.WriteAllText(Path.Combine(temp.Path, "tofu.rc"), "stale");
        CliConfigFileWriter.Write(temp.Path);
        Assert.AreEqual(CliConfigFileWriter.Render(temp.Path), File.ReadAllText(Path.Combine(temp.Path, "tofu.rc")));
    }
}
