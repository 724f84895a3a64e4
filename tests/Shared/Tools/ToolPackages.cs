using System.IO;
using System.Linq;
using System.Text.RegularExpressions;
using Microsoft.VisualStudio.TestTools.UnitTesting;

namespace TofuMirror.Testing.Tools;

/// <summary>
/// What `dotnet pack` of the CLI writes: the tool package users install (TofuMirror.Cli.VERSION.nupkg), which names one
/// package per platform (TofuMirror.Cli.RID.VERSION.nupkg) that `dotnet tool install` then fetches.
/// </summary>
public static class ToolPackages
{
    private static readonly Regex PointerName = new(@"^TofuMirror\.Cli\.\d+\.\d+\.\d+.*\.nupkg$");

    public static readonly string[] PlatformRuntimeIdentifiers = ["linux-x64", "linux-arm64", "osx-x64", "osx-arm64", "any"];

    /// <summary>The tool package in <paramref name="feed"/> (the one without a platform in its name).</summary>
    public static string Pointer(string feed)
    {
        var pointers = Directory.GetFiles(feed, "TofuMirror.Cli.*.nupkg").Where(f => PointerName.IsMatch(Path.GetFileName(f))).ToList();
        Assert.AreEqual(1, pointers.Count, $"TofuMirror.Cli packages in {feed}: {string.Join(", ", Directory.GetFiles(feed).Select(Path.GetFileName))}");
        return pointers[0];
    }
}
