using System;
using System.IO;
using System.Threading.Tasks;
using Microsoft.VisualStudio.TestTools.UnitTesting;
using TofuMirror.Engine.Restore;
using TofuMirror.Engine.Tests.Support;

namespace TofuMirror.Engine.Tests.Restore;

/// <summary>What a hard-killed restore leaves behind is removed by the next one, but never what a live one is using.</summary>
[TestClass]
public sealed class LeftoverSweepTests
{
    [TestMethod]
    public async Task Restore_RemovesDeadLeftovers_AndKeepsOnesInUse()
    {
        using var scenario = new RestoreScenario();
        var zip = (await scenario.PublishAsync(RestoreScenario.Demo, "1.0.0", "linux_amd64"))["linux_amd64"];
        ModuleFiles.Write(scenario.Module, (RestoreScenario.Demo, "1.0.0", RestoreScenario.HashesOf([zip])));
        var tmp = Path.Combine(scenario.Output, ".tofumirror", "tmp");
        var staging = Directory.CreateDirectory(Path.Combine(tmp, Guid.NewGuid().ToString("N"))).FullName;
        File.WriteAllText(Path.Combine(staging, "terraform-provider-demo_v1.0.0"), "half");
        var old = Directory.CreateDirectory(Path.Combine(tmp, "old-" + Guid.NewGuid().ToString("N"))).FullName;
        var atomicTemp = Path.Combine(scenario.Output, ".tofumirror", $".lock.holder.{Guid.NewGuid():N}.tmp");
        File.WriteAllText(atomicTemp, "x");
        var blobs = Directory.CreateDirectory(Path.Combine(scenario.Cache, "blobs", "sha256")).FullName;
        var deadPart = Part(blobs, age: TimeSpan.FromHours(2));
        var freshPart = Part(blobs, age: TimeSpan.Zero);
        var heldPart = Part(blobs, age: TimeSpan.FromHours(2));

        using (new FileStream(heldPart, FileMode.Open, FileAccess.Write, FileShare.None))
            RestoreScenario.AssertSucceeded(await scenario.RestoreAsync("linux_amd64"));

        Assert.IsFalse(Directory.Exists(staging), "staging folder of a killed restore");
        Assert.IsFalse(Directory.Exists(old), "old install of a killed restore");
        Assert.IsFalse(File.Exists(atomicTemp), "temp file of an interrupted atomic write");
        Assert.IsFalse(File.Exists(deadPart), "part file of a killed download");
        Assert.IsTrue(File.Exists(freshPart), "a part file written just now may be a download in progress");
        Assert.IsTrue(File.Exists(heldPart), "a part file another process holds open is a download in progress");
    }

    private static string Part(string blobs, TimeSpan age)
    {
        var path = Path.Combine(blobs, new string('a', 64) + ".part-" + Guid.NewGuid().ToString("N"));
        File.WriteAllText(path, "partial");
        File.SetLastWriteTimeUtc(path, DateTime.UtcNow - age);
        return path;
    }
}
