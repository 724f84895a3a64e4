using System.Diagnostics;
using System.IO;
using System.Linq;
using System.Text.RegularExpressions;
using Microsoft.VisualStudio.TestTools.UnitTesting;

namespace TofuMirror.Testing.Tools;

/// <summary>
/// What build/pack-tool.sh writes: the tool package users install (TofuMirror.Cli.VERSION.nupkg), which names one
/// package per platform (TofuMirror.Cli.RID.VERSION.nupkg) that `dotnet tool install` then fetches; the packing
/// machine's platform's package is a native executable.
/// </summary>
public static class ToolPackages
{
    private static readonly Regex PointerName = new(@"^TofuMirror\.Cli\.\d+\.\d+\.\d+.*\.nupkg$");

    public static readonly string[] PlatformRuntimeIdentifiers = ["linux-x64", "linux-arm64", "osx-x64", "osx-arm64", "any"];

    /// <summary>The platforms whose package is a native executable when packed on that platform.</summary>
    public static readonly string[] NativeRuntimeIdentifiers = ["linux-x64", "linux-arm64", "osx-x64", "osx-arm64"];

    /// <summary>Runs build/pack-tool.sh into <paramref name="feed"/>; fails the test with its output when it fails.</summary>
    public static void Pack(string feed, string artifacts, params string[] extraArguments)
    {
        var start = new ProcessStartInfo("bash") { RedirectStandardOutput = true, RedirectStandardError = true, WorkingDirectory = RepoPaths.Root };
        foreach (var argument in new[] { Path.Combine(RepoPaths.Root, "build", "pack-tool.sh"), feed, artifacts }.Concat(extraArguments))
            start.ArgumentList.Add(argument);
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var errors = process.StandardError.ReadToEnd();
        process.WaitForExit();
        Assert.AreEqual(0, process.ExitCode, $"build/pack-tool.sh failed:\n{output.Result}\n{errors}");
    }

    /// <summary>Whether the file is an ELF or Mach-O executable (not a managed assembly or a script).</summary>
    public static bool IsNativeExecutable(string path)
    {
        var magic = new byte[4];
        using (var file = File.OpenRead(path)) file.ReadExactly(magic);
        return magic.SequenceEqual(new byte[] { 0x7f, (byte)'E', (byte)'L', (byte)'F' })
            || magic.SequenceEqual(new byte[] { 0xcf, 0xfa, 0xed, 0xfe });
    }

    /// <summary>The tool package in <paramref name="feed"/> (the one without a platform in its name).</summary>
    public static string Pointer(string feed)
    {
        var pointers = Directory.GetFiles(feed, "TofuMirror.Cli.*.nupkg").Where(f => PointerName.IsMatch(Path.GetFileName(f))).ToList();
        Assert.AreEqual(1, pointers.Count, $"TofuMirror.Cli packages in {feed}: {string.Join(", ", Directory.GetFiles(feed).Select(Path.GetFileName))}");
        return pointers[0];
    }
}
