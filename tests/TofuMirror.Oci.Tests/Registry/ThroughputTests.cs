using System;
using System.Diagnostics;
using System.IO;
using System.Threading.Tasks;
using Microsoft.VisualStudio.TestTools.UnitTesting;
using TofuMirror.Oci.Content;
using TofuMirror.Oci.Transport;
using TofuMirror.Testing.Registry;

namespace TofuMirror.Oci.Tests.Registry;

/// <summary>
/// Push and pull of a large blob, streamed from and to disk. Size from TOFUMIRROR_THROUGHPUT_MB
/// (default 24 so the suite stays fast; set 200 for the measurement).
/// </summary>
[TestClass]
public sealed class ThroughputTests
{
    [TestMethod]
    public async Task LargeBlobStreamsWithBoundedMemory()
    {
        RegistryProcess.RequireBinary();
        var mb = int.TryParse(Environment.GetEnvironmentVariable("TOFUMIRROR_THROUGHPUT_MB"), out var m) ? m : 24;
        using var registry = RegistryProcess.Start();
        var source = Path.Combine(registry.Folder, "big.zip");
        await using (var file = File.Create(source))
        {
            var chunk = new byte[1024 * 1024];
            var random = new Random(40);
            for (var i = 0; i < mb; i++)
            {
                random.NextBytes(chunk);
                await file.WriteAsync(chunk);
            }
        }

        Descriptor descriptor;
        await using (var file = File.OpenRead(source))
        {
            descriptor = new Descriptor(MediaTypes.ZipArchive, await Digest.ComputeAsync(file, default), file.Length);
        }

        using var factory = new OciClientFactory(TestContent.FastOptions with { ChunkedUploadThreshold = 16L * 1024 * 1024, UploadChunkSize = 8 * 1024 * 1024 });
        var repo = factory.CreateRepository(registry.Host, "throughput/provider");
        GC.Collect();
        var before = GC.GetTotalMemory(true);
        var push = Stopwatch.StartNew();
        await using (var file = File.OpenRead(source))
        {
            Assert.AreEqual(BlobPushResult.Uploaded, await repo.PushBlobAsync(descriptor, file, default));
        }

        push.Stop();
        var pull = Stopwatch.StartNew();
        var target = Path.Combine(registry.Folder, "back.zip");
        await repo.FetchBlobToFileAsync(descriptor, target, default);
        pull.Stop();
        Assert.AreEqual(descriptor.Size, new FileInfo(target).Length);
        var peakWorkingSet = Process.GetCurrentProcess().PeakWorkingSet64;
        var heapGrowth = GC.GetTotalMemory(false) - before;
        Console.WriteLine($"throughput {mb} MB: push {mb / push.Elapsed.TotalSeconds:0.0} MB/s ({push.ElapsedMilliseconds} ms), pull {mb / pull.Elapsed.TotalSeconds:0.0} MB/s ({pull.ElapsedMilliseconds} ms), peak working set {peakWorkingSet / (1024 * 1024)} MB, managed heap growth {heapGrowth / (1024 * 1024)} MB");
        Assert.IsTrue(heapGrowth < 64L * 1024 * 1024, $"heap grew by {heapGrowth} bytes");
    }
}
