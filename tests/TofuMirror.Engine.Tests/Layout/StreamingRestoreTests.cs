using System;
using System.IO;
using System.IO.Compression;
using System.Linq;
using System.Security.Cryptography;
using System.Text;
using System.Threading.Tasks;
using Microsoft.VisualStudio.TestTools.UnitTesting;
using TofuMirror.Testing;
using TofuMirror.Engine.Restore;
using TofuMirror.Engine.Tests.Support;
using TofuMirror.Oci;
using TofuMirror.Oci.Content;
using TofuMirror.Oci.Layout;
using TofuMirror.Model.Addresses;
using TofuMirror.Model.Diagnostics;
using TofuMirror.Model.Platforms;

namespace TofuMirror.Engine.Tests.Layout;

/// <summary>
/// A package the cache lacks is extracted while it downloads, into a private staging folder: nothing of it may
/// show in the output before the digest and the lock are checked, and every failure leaves the previous install.
/// </summary>
[TestClass]
public sealed class StreamingRestoreTests
{
    private static readonly ProviderAddress Demo = RestoreScenario.Demo;
    private const string Binary = "terraform-provider-demo_v1.0.0";

    private static RestoreRequest Request(RestoreScenario scenario, InterceptingStore store) =>
        new(scenario.Module, new FixedStores(store), [TofuMirror.Model.Platforms.Platform.Parse("linux_amd64")], scenario.Output, OutputLayout.Unpacked, scenario.Cache);

    private static InterceptingStore StoreOf(RestoreScenario scenario) => new(new OciLayoutStore(scenario.Mirror.FolderOf(Demo)));

    /// <summary>Pushes <paramref name="entries"/> as demo 1.0.0 for linux_amd64 and locks its hashes; returns the zip.</summary>
    private static async Task<string> PublishAsync(RestoreScenario scenario, params ZipFileEntry[] entries)
    {
        var zip = Path.Combine(scenario.Temp.CreateDirectory("zips"), "terraform-provider-demo_1.0.0_linux_amd64.zip");
        ProviderZips.Write(zip, entries);
        await scenario.Mirror.PushZipsAsync(Demo, zip);
        ModuleFiles.Write(scenario.Module, (Demo, "1.0.0", RestoreScenario.HashesOf([zip])));
        return zip;
    }

    /// <summary>Forgets the install stamp and the cache, so the next restore downloads and installs the same package again.</summary>
    private static void ForceDownload(RestoreScenario scenario)
    {
        Directory.Delete(scenario.Cache, recursive: true);
        Directory.Delete(Path.Combine(scenario.Output, ".tofumirror", "installed"), recursive: true);
    }

    private static string Snapshot(string output) =>
        string.Join("\n", RestoreScenario.VisibleFiles(output).Select(f =>
        {
            var full = Path.Combine(output, f);
            return File.Exists(full) ? f + " " + Convert.ToHexString(SHA256.HashData(File.ReadAllBytes(full))) : f + "/";
        }));

    private static int CacheFileCount(RestoreScenario scenario) =>
        Directory.Exists(scenario.Cache) ? Directory.GetFiles(scenario.Cache, "*", SearchOption.AllDirectories).Length : 0;

    [TestMethod]
    public async Task TamperedBlobExtractedDuringTheDownloadLeavesNoTrace()
    {
        using var scenario = new RestoreScenario();
        // A stored entry, so the tampered bytes below still extract cleanly: only the digest (checked when the
        // download ends) tells.
        var zip = Path.Combine(scenario.Temp.CreateDirectory("zips"), "terraform-provider-demo_1.0.0_linux_amd64.zip");
        using (var archive = ZipFile.Open(zip, ZipArchiveMode.Create))
        {
            var entry = archive.CreateEntry(Binary, CompressionLevel.NoCompression);
            entry.ExternalAttributes = (0x8000 | ProviderZips.ExecutableMode) << 16;
            using var stream = entry.Open();
            stream.Write(Encoding.UTF8.GetBytes("#!/bin/sh\necho genuine\n"));
        }
        Assert.AreEqual(0, File.ReadAllBytes(zip)[8], "the entry should be stored");
        await scenario.Mirror.PushZipsAsync(Demo, zip);
        ModuleFiles.Write(scenario.Module, (Demo, "1.0.0", RestoreScenario.HashesOf([zip])));
        RestoreScenario.AssertSucceeded(await scenario.RestoreAsync("linux_amd64"));
        var before = Snapshot(scenario.Output);
        ForceDownload(scenario);
        var blob = new OciLayoutStore(scenario.Mirror.FolderOf(Demo)).BlobPath(Digest.Parse("sha256:" + ProviderZips.Zh(zip).Value));
        var bytes = File.ReadAllBytes(blob);
        var at = Encoding.ASCII.GetString(bytes).IndexOf("genuine", StringComparison.Ordinal);
        Encoding.ASCII.GetBytes("TAMPERD").CopyTo(bytes, at);
        File.WriteAllBytes(blob, bytes);

        var staged = false;
        var store = StoreOf(scenario);
        store.ReplaceBlobStream = async (descriptor, destination, token) =>
        {
            var inner = new OciLayoutStore(scenario.Mirror.FolderOf(Demo));
            try
            {
                await inner.FetchBlobAsync(descriptor, destination, token);
            }
            catch (OciDigestMismatchException)
            {
                // The extractor has the tampered file in its staging folder by now; it must not be visible.
                staged = await EventuallyAsync(() => Directory.EnumerateFiles(Path.Combine(scenario.Output, ".tofumirror", "tmp"), Binary, SearchOption.AllDirectories)
                    .Any(f => File.ReadAllText(f).Contains("TAMPERD", StringComparison.Ordinal)));
                Assert.AreEqual(before, Snapshot(scenario.Output));
                throw;
            }
        };

        var report = await new RestoreJob().RunAsync(Request(scenario, store), default);

        Assert.IsTrue(staged, "the tampered package was not extracted while downloading, so this test proves nothing");
        Assert.AreEqual(DiagnosticCodes.DigestMismatch, RestoreScenario.Single(report).Error?.Code);
        Assert.AreEqual(before, Snapshot(scenario.Output));
        scenario.AssertNoTempLeftovers();
        Assert.AreEqual(0, CacheFileCount(scenario), "a blob that failed its digest reached the cache");
    }

    [TestMethod]
    public async Task InterruptedDownloadLeavesThePreviousInstallIntact()
    {
        using var scenario = new RestoreScenario();
        var zip = await PublishAsync(scenario, ProviderZips.Entries("demo", "1.0.0", "linux_amd64"));
        RestoreScenario.AssertSucceeded(await scenario.RestoreAsync("linux_amd64"));
        var before = Snapshot(scenario.Output);
        ForceDownload(scenario);
        var store = StoreOf(scenario);
        store.ReplaceBlobStream = async (_, destination, token) =>
        {
            var bytes = File.ReadAllBytes(zip);
            await destination.WriteAsync(bytes.AsMemory(0, bytes.Length / 2), token);
            throw new OciUnavailableException("the connection was reset");
        };

        var report = await new RestoreJob().RunAsync(Request(scenario, store), default);

        Assert.AreEqual(DiagnosticCodes.RegistryUnavailable, RestoreScenario.Single(report).Error?.Code);
        Assert.AreEqual(before, Snapshot(scenario.Output));
        scenario.AssertNoTempLeftovers();
        Assert.AreEqual(0, CacheFileCount(scenario), "a partial download was left in the cache");

        RestoreScenario.AssertSucceeded(await new RestoreJob().RunAsync(Request(scenario, StoreOf(scenario)), default));
        Assert.AreEqual(before, Snapshot(scenario.Output));
    }

    [TestMethod]
    public async Task DownloadedBlobEndsUpInTheCacheForOfflineInstalls()
    {
        using var scenario = new RestoreScenario();
        var zip = await PublishAsync(scenario, ProviderZips.Entries("demo", "1.0.0", "linux_amd64"));

        var item = RestoreScenario.Single(await scenario.RestoreAsync("linux_amd64"));

        Assert.IsTrue(item.Downloaded);
        CollectionAssert.AreEqual(File.ReadAllBytes(zip), File.ReadAllBytes(scenario.CachePath(zip)));
        RestoreScenario.AssertInstalled(item, ProviderZips.H1(zip));
        Assert.AreEqual(1, Directory.GetFiles(scenario.Cache, "*", SearchOption.AllDirectories).Count(f => f.Contains("blobs", StringComparison.Ordinal)));
        if (!OperatingSystem.IsWindows())
        {
            var mode = File.GetUnixFileMode(Path.Combine(scenario.UnpackedDirectory(Demo, "1.0.0", "linux_amd64"), Binary));
            Assert.IsTrue(mode.HasFlag(UnixFileMode.UserExecute), mode.ToString());
        }
    }

    [TestMethod]
    public async Task ZipWithDataDescriptorsFromALayoutIsInstalled()
    {
        using var scenario = new RestoreScenario();
        var zip = Path.Combine(scenario.Temp.CreateDirectory("zips"), "terraform-provider-demo_1.0.0_linux_amd64.zip");
        using (var file = File.Create(zip))
        using (var archive = new ZipArchive(new WriteOnlyStream(file), ZipArchiveMode.Create))
        {
            var entry = archive.CreateEntry(Binary);
            entry.ExternalAttributes = (0x8000 | ProviderZips.ExecutableMode) << 16;
            using var stream = entry.Open();
            stream.Write(Encoding.UTF8.GetBytes("#!/bin/sh\necho streamed by its writer\n"));
        }
        Assert.AreEqual(0x08, File.ReadAllBytes(zip)[6] & 0x08, "the zip should have data descriptors");
        await scenario.Mirror.PushZipsAsync(Demo, zip);
        ModuleFiles.Write(scenario.Module, (Demo, "1.0.0", RestoreScenario.HashesOf([zip])));

        var report = await scenario.RestoreAsync("linux_amd64");

        RestoreScenario.AssertSucceeded(report);
        var installed = Path.Combine(scenario.UnpackedDirectory(Demo, "1.0.0", "linux_amd64"), Binary);
        Assert.AreEqual("#!/bin/sh\necho streamed by its writer\n", File.ReadAllText(installed));
        RestoreScenario.AssertInstalled(RestoreScenario.Single(report), ProviderZips.H1(zip));
        scenario.AssertNoTempLeftovers();
    }

    [TestMethod]
    public async Task CentralDirectoryDisagreeingWithTheLocalHeadersIsRefused()
    {
        using var scenario = new RestoreScenario();
        var zip = Path.Combine(scenario.Temp.CreateDirectory("zips"), "terraform-provider-demo_1.0.0_linux_amd64.zip");
        ProviderZips.Write(zip,
            ZipFileEntry.Text(Binary, "#!/bin/sh\n", ProviderZips.ExecutableMode),
            ZipFileEntry.Text("LICENSE.txt", "licence\n"));
        // The central directory (what a seekable reader trusts) names the second file differently from its local header.
        var bytes = File.ReadAllBytes(zip);
        var central = LastIndexOf(bytes, Encoding.ASCII.GetBytes("LICENSE.txt"));
        Encoding.ASCII.GetBytes("LICENSE.exe").CopyTo(bytes, central);
        File.WriteAllBytes(zip, bytes);
        await scenario.Mirror.PushZipsAsync(Demo, zip);
        ModuleFiles.Write(scenario.Module, (Demo, "1.0.0", RestoreScenario.HashesOf([zip])));

        var item = RestoreScenario.Single(await scenario.RestoreAsync("linux_amd64"));

        Assert.AreEqual(DiagnosticCodes.InvalidPackage, item.Error?.Code, item.Error?.Detail);
        StringAssert.Contains(item.Error!.Detail, "contradict");
        Assert.IsFalse(Directory.Exists(scenario.UnpackedDirectory(Demo, "1.0.0", "linux_amd64")));
        scenario.AssertNoTempLeftovers();
    }

    private static int LastIndexOf(byte[] haystack, byte[] needle)
    {
        for (var i = haystack.Length - needle.Length; i >= 0; i--)
        {
            if (haystack.AsSpan(i, needle.Length).SequenceEqual(needle)) return i;
        }
        throw new InvalidOperationException("not found");
    }

    [TestMethod]
    public async Task DeflateBombUnderAWrongDigestIsRefusedBeforeItFillsTheStagingFolder()
    {
        using var scenario = new RestoreScenario();
        await PublishAsync(scenario, ProviderZips.Entries("demo", "1.0.0", "linux_amd64"));
        var bomb = TofuMirror.Engine.Tests.Zip.ExtractionBudgetTests.ZerosZip((Binary, 256 << 20));
        var staging = Path.Combine(scenario.Output, ".tofumirror", "tmp");
        long largestStaging = 0;
        var store = StoreOf(scenario);
        store.ReplaceBlobStream = async (descriptor, destination, token) =>
        {
            try
            {
                for (var at = 0; at < bomb.Length; at += 16 * 1024)
                {
                    await destination.WriteAsync(bomb.AsMemory(at, Math.Min(16 * 1024, bomb.Length - at)), token);
                    largestStaging = Math.Max(largestStaging, BytesUnder(staging));
                }
                await Task.Delay(500, token); // the extractor catches up with the last chunks
            }
            finally
            {
                largestStaging = Math.Max(largestStaging, BytesUnder(staging));
            }
            throw new OciDigestMismatchException("the blob does not match its digest", descriptor.Digest.ToString(), null);
        };

        var report = await new RestoreJob().RunAsync(Request(scenario, store), default);

        var error = RestoreScenario.Single(report).Error;
        Assert.AreEqual(DiagnosticCodes.InvalidPackage, error?.Code, error?.Detail);
        StringAssert.Contains(error!.Detail, "refused before extracting it filled the disk");
        Assert.IsTrue(largestStaging < 1 << 20, $"the staging folder grew to {largestStaging} bytes");
        scenario.AssertNoTempLeftovers();
        Assert.AreEqual(0, CacheFileCount(scenario), "a refused blob reached the cache");
    }

    private static long BytesUnder(string directory)
    {
        try
        {
            return Directory.Exists(directory) ? Directory.EnumerateFiles(directory, "*", SearchOption.AllDirectories).Sum(f => new FileInfo(f).Length) : 0;
        }
        catch (IOException)
        {
            return 0; // a file went away while listing
        }
    }

    private static async Task<bool> EventuallyAsync(Func<bool> condition)
    {
        for (var i = 0; i < 100; i++)
        {
            if (condition()) return true;
            await Task.Delay(50);
        }
        return false;
    }
}
