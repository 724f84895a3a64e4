using System;
using System.Diagnostics;
using System.IO;
using Microsoft.VisualStudio.TestTools.UnitTesting;
using TofuMirror.Testing;

namespace TofuMirror.Model.Tests.Structure;

/// <summary>A file-system call added to the pure project fails its build (BannedApiAnalyzers, RS0030).</summary>
[TestClass]
public sealed class PurityBuildTests
{
    [TestMethod]
    [Timeout(300_000, CooperativeCancellation = true)]
    public void ReadingAFileInTheModelFailsTheBuild()
    {
        using var temp = new TempFolder("tofumirror-purity");
        foreach (var file in new[] { "Directory.Build.props", "Directory.Packages.props", "global.json", ".editorconfig", Path.Combine("src", "Directory.Build.props") })
        {
            var source = Path.Combine(RepoPaths.Root, file);
            if (!File.Exists(source)) continue;
            Directory.CreateDirectory(Path.GetDirectoryName(temp.Combine(file))!);
            File.Copy(source, temp.Combine(file));
        }
        TempFolder.CopyTree(Path.Combine(RepoPaths.Root, "src", "TofuMirror.Hcl"), temp.Combine("src", "TofuMirror.Hcl"));
        TempFolder.CopyTree(Path.Combine(RepoPaths.Root, "src", "TofuMirror.Model"), temp.Combine("src", "TofuMirror.Model"));
        File.WriteAllText(temp.Combine("src", "TofuMirror.Model", "PurityProbe.cs"),
            "namespace TofuMirror.Model;\ninternal static class PurityProbe\n{\n    public static string Read() => System.IO.File.ReadAllText(\"x\");\n}\n");

        var start = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = temp.Path,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        foreach (var argument in new[] { "build", Path.Combine("src", "TofuMirror.Model", "TofuMirror.Model.csproj"), "-f", "net8.0", "-nologo", "-p:DisableGitVersionTask=true" })
            start.ArgumentList.Add(argument);
        using var process = Process.Start(start)!;
        var error = process.StandardError.ReadToEndAsync();
        var output = process.StandardOutput.ReadToEnd();
        process.WaitForExit();

        Assert.AreNotEqual(0, process.ExitCode, output);
        StringAssert.Contains(output, "PurityProbe.cs(4,");
        StringAssert.Contains(output, "RS0030");
        StringAssert.Contains(output, "The model does no I/O");
        GC.KeepAlive(error);
    }
}
