using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Threading.Tasks;
using Microsoft.VisualStudio.TestTools.UnitTesting;
using TofuMirror.Engine.Lock;
using TofuMirror.Engine.Progress;
using TofuMirror.Engine.Push;
using TofuMirror.Engine.Restore;
using TofuMirror.Engine.Stores;
using TofuMirror.Engine.Tests.Jobs;
using TofuMirror.Engine.Tests.Support;
using TofuMirror.Oci.Layout;
using TofuMirror.Testing.Registry;
using Platform = TofuMirror.Model.Platforms.Platform;
using TofuMirror.Model.Addresses;
using TofuMirror.Model.Platforms;
using TofuMirror.Model.Versions;

namespace TofuMirror.Engine.Tests.Progress;

/// <summary>Restore, push and lock report each package's bytes to a progress sink while they move.</summary>
[TestClass]
public sealed class TransferEventTests
{
    private static readonly ProviderAddress Demo = RestoreScenario.Demo;

    /// <summary>Records events synchronously, in the order the job reports them (unlike <see cref="Progress{T}"/>, which posts).</summary>
    private sealed class RecordingSink : IProgress<TransferEvent>
    {
        private readonly ConcurrentQueue<TransferEvent> _events = new();

        public void Report(TransferEvent value) => _events.Enqueue(value);

        public IReadOnlyList<TransferEvent> Of(string platform) =>
            _events.Where(e => e.Package.Platform.ToString() == platform).ToList();

        public int Count => _events.Count;
    }

    /// <summary>A provider zip of about <paramref name="payloadBytes"/> (random, so it does not compress): several transfer chunks.</summary>
    private static string LargeZip(RestoreScenario scenario, string platform, int payloadBytes)
    {
        var directory = scenario.Temp.CreateDirectory("zips");
        var zip = Path.Combine(directory, $"terraform-provider-demo_1.0.0_{platform}.zip");
        var payload = new byte[payloadBytes];
        new Random(42).NextBytes(payload);
        ProviderZips.Write(zip,
            ZipFileEntry.Text("terraform-provider-demo_v1.0.0", "#!/bin/sh\necho demo\n", ProviderZips.ExecutableMode),
            new ZipFileEntry("payload.bin", payload));
        return zip;
    }

    /// <summary>Started with the package size, Advanced with growing byte counts up to it, then Completed.</summary>
    private static void AssertWholeTransfer(IReadOnlyList<TransferEvent> events, TransferDirection direction, long size, int minimumSteps)
    {
        Assert.IsTrue(events.Count >= 2, $"{events.Count} events");
        Assert.AreEqual(TransferStage.Started, events[0].Stage);
        Assert.AreEqual(TransferStage.Completed, events[^1].Stage);
        Assert.IsTrue(events.All(e => e.Direction == direction && e.TotalBytes == size), string.Join("\n", events));
        var advanced = events.Where(e => e.Stage == TransferStage.Advanced).Select(e => e.BytesDone).ToList();
        Assert.IsTrue(advanced.Count >= minimumSteps, $"only {advanced.Count} byte events for {size} bytes");
        CollectionAssert.AreEqual(advanced.OrderBy(b => b).ToList(), advanced, "byte counts only grow");
        Assert.IsTrue(advanced[0] > 0 && advanced[0] < size, $"first step {advanced[0]} of {size}");
        Assert.AreEqual(size, advanced[^1]);
        Assert.AreEqual(size, events[^1].BytesDone);
    }

    [TestMethod]
    [DataRow(OutputLayout.Unpacked)]
    [DataRow(OutputLayout.Packed)]
    public async Task RestoreFromLayoutFolder_ReportsEachDownloadsBytes_AndNothingWhenUpToDate(OutputLayout layout)
    {
        using var scenario = new RestoreScenario();
        var amd64 = LargeZip(scenario, "linux_amd64", 700_000);
        var arm64 = LargeZip(scenario, "darwin_arm64", 300_000);
        await scenario.Mirror.PushZipsAsync(Demo, amd64, arm64);
        ModuleFiles.Write(scenario.Module, (Demo, "1.0.0", RestoreScenario.HashesOf([amd64, arm64])));
        var sink = new RecordingSink();

        var report = await new RestoreJob(transfers: sink).RunAsync(scenario.Request(layout, "linux_amd64", "darwin_arm64"), default);

        RestoreScenario.AssertSucceeded(report);
        // The layout store copies in 128 KiB chunks.
        AssertWholeTransfer(sink.Of("linux_amd64"), TransferDirection.Download, new FileInfo(amd64).Length, minimumSteps: 5);
        AssertWholeTransfer(sink.Of("darwin_arm64"), TransferDirection.Download, new FileInfo(arm64).Length, minimumSteps: 2);

        var again = new RecordingSink();
        RestoreScenario.AssertSucceeded(await new RestoreJob(transfers: again).RunAsync(scenario.Request(layout, "linux_amd64", "darwin_arm64"), default));
        Assert.AreEqual(0, again.Count, "an up-to-date restore transfers nothing");
    }

    [TestMethod]
    public async Task FailedDownload_EndsWithFailed()
    {
        using var scenario = new RestoreScenario();
        var zip = LargeZip(scenario, "linux_amd64", 300_000);
        await scenario.Mirror.PushZipsAsync(Demo, zip);
        ModuleFiles.Write(scenario.Module, (Demo, "1.0.0", RestoreScenario.HashesOf([zip])));
        // Damage the blob in the layout folder: same size, wrong bytes, so the digest check fails at the end.
        var blob = Path.Combine(scenario.Mirror.FolderOf(Demo), "blobs", "sha256", ProviderZips.Zh(zip).Value);
        var bytes = File.ReadAllBytes(blob);
        bytes[^100] ^= 0xFF;
        File.WriteAllBytes(blob, bytes);
        var sink = new RecordingSink();

        var report = await new RestoreJob(transfers: sink).RunAsync(scenario.Request(OutputLayout.Packed, "linux_amd64"), default);

        Assert.IsFalse(report.Succeeded);
        var events = sink.Of("linux_amd64");
        Assert.AreEqual(TransferStage.Started, events[0].Stage);
        Assert.AreEqual(TransferStage.Failed, events[^1].Stage);
        Assert.AreEqual(1, events.Count(e => e.Stage is TransferStage.Failed or TransferStage.Completed));
    }

    [TestMethod]
    public async Task PushToLayoutFolder_ReportsEachUploadsBytes_AndACompletedSkipForABlobAlreadyThere()
    {
        using var scenario = new RestoreScenario();
        var zip = LargeZip(scenario, "linux_amd64", 500_000);
        var packages = PushSourceReader.Read([zip], Demo, []);
        var sink = new RecordingSink();

        await new PushJob(transfers: sink).RunAsync(new PushRequest(packages, scenario.Mirror.Stores), default);

        AssertWholeTransfer(sink.Of("linux_amd64"), TransferDirection.Upload, new FileInfo(zip).Length, minimumSteps: 2);

        var again = new RecordingSink();
        await new PushJob(transfers: again).RunAsync(new PushRequest(packages, scenario.Mirror.Stores), default);
        var events = again.Of("linux_amd64");
        CollectionAssert.AreEqual(new[] { TransferStage.Started, TransferStage.Completed }, events.Select(e => e.Stage).ToList());
        Assert.AreEqual(0, events[^1].BytesDone, "the blob was there: nothing sent");
    }

    [TestMethod]
    public async Task RestoreFromTheRegistry_ReportsBytesAsTheyArrive()
    {
        RegistryProcess.RequireBinary();
        using var registry = RegistryProcess.Start();
        using var scenario = new RestoreScenario();
        var zip = LargeZip(scenario, "linux_amd64", 1_200_000);
        var home = scenario.Temp.CreateDirectory("home");
        File.WriteAllText(Path.Combine(home, "tofu.rc"), "");
        using var mirror = MirrorSource.Load(
            new MirrorSourceOptions(registry.Host + "/providers/${hostname}/${namespace}/${type}", Path.Combine(home, "tofu.rc"), home),
            ProcessCliEnvironment.Create(new Dictionary<string, string?> { ["HOME"] = home }, home));
        var stores = mirror.Stores!;
        await new PushJob().RunAsync(new PushRequest(PushSourceReader.Read([zip], Demo, []), stores), default);
        ModuleFiles.Write(scenario.Module, (Demo, "1.0.0", RestoreScenario.HashesOf([zip])));
        var sink = new RecordingSink();

        var request = scenario.Request(OutputLayout.Unpacked, "linux_amd64") with { Stores = stores };
        var report = await new RestoreJob(transfers: sink).RunAsync(request, default);

        RestoreScenario.AssertSucceeded(report);
        AssertWholeTransfer(sink.Of("linux_amd64"), TransferDirection.Download, new FileInfo(zip).Length, minimumSteps: 2);
    }

    [TestMethod]
    public async Task Lock_ReportsTheDownloadOfAPackageWithoutH1Annotation_AndNoneForAnAnnotatedOne()
    {
        using var scenario = new RestoreScenario();
        var unannotated = LargeZip(scenario, "linux_amd64", 400_000);
        var annotated = LargeZip(scenario, "darwin_arm64", 10_000);
        var store = new OciLayoutStore(scenario.Mirror.FolderOf(Demo));
        await scenario.Mirror.PushZipsAsync(Demo, annotated);
        await HandMadeArtifacts.PushWithoutAnnotationAsync(store, ProviderVersion.Parse("1.0.0"), Platform.Parse("linux_amd64"), unannotated);
        ModuleFiles.WriteMainTf(scenario.Module, (Demo, "1.0.0"));
        var sink = new RecordingSink();

        var report = await new LockJob(transfers: sink).RunAsync(
            new LockRequest(scenario.Module, scenario.Mirror.Stores, [Platform.Parse("linux_amd64")], scenario.Cache), default);

        Assert.IsTrue(report.Succeeded, string.Join("\n", report.Diagnostics));
        AssertWholeTransfer(sink.Of("linux_amd64"), TransferDirection.Download, new FileInfo(unannotated).Length, minimumSteps: 3);

        var annotatedOnly = new RecordingSink();
        await new LockJob(transfers: annotatedOnly).RunAsync(
            new LockRequest(scenario.Module, scenario.Mirror.Stores, [Platform.Parse("darwin_arm64")], scenario.Cache), default);
        Assert.AreEqual(0, annotatedOnly.Count, "the h1 annotation spares the download");
    }
}
