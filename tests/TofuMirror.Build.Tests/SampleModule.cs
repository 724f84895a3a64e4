using System;
using System.IO;
using Microsoft.VisualStudio.TestTools.UnitTesting;
using TofuMirror.Testing;

namespace TofuMirror.Build.Tests;

/// <summary>samples/infra (two providers) and the embedded sample mirror, for the task tests.</summary>
internal static class SampleModule
{
    public static string MirrorTemplate =>
        "oci-layout:" + Path.Combine(RepoPaths.Root, "samples", "oci-mirror").Replace('\\', '/') + "/${hostname}/${namespace}/${type}";

    /// <summary>Copies the module's main.tf and lock file into <c>infra/</c> of <paramref name="temp"/>; returns that folder.</summary>
    public static string CopyTo(TempFolder temp)
    {
        var module = temp.Combine("infra");
        Directory.CreateDirectory(module);
        foreach (var name in new[] { "main.tf", ".terraform.lock.hcl" })
            File.Copy(Path.Combine(RepoPaths.Root, "samples", "infra", name), Path.Combine(module, name));
        return module;
    }

    /// <summary>Replaces the locked version <paramref name="version"/> by <paramref name="invalid"/>; returns the 1-based line and column of the quoted value.</summary>
    public static (int Line, int Column) BreakLockedVersion(string lockFile, string version, string invalid)
    {
        var lines = File.ReadAllLines(lockFile);
        var index = Array.FindIndex(lines, l => l.Contains($"version     = \"{version}\""));
        Assert.IsTrue(index >= 0, $"the sample lock file no longer locks {version}");
        lines[index] = lines[index].Replace($"\"{version}\"", $"\"{invalid}\"");
        File.WriteAllLines(lockFile, lines);
        return (index + 1, lines[index].IndexOf('"') + 1);
    }
}
