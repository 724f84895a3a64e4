using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Security.Cryptography;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.VisualStudio.TestTools.UnitTesting;
using TofuMirror.Engine.Push;
using TofuMirror.Engine.Restore;
using TofuMirror.Engine.Stores;
using TofuMirror.Engine.Tests.Support;
using TofuMirror.Engine.Verify;
using TofuMirror.Oci;
using TofuMirror.Oci.Content;
using TofuMirror.Testing;
using TofuMirror.Testing.Registry;
using TofuMirror.Model.Addresses;
using TofuMirror.Model.Diagnostics;
using TofuMirror.Model.Hashing;
using Platform = TofuMirror.Model.Platforms.Platform;

namespace TofuMirror.Engine.Tests.Registry;

/// <summary>
/// Release zips as Go writes them (deflated, data descriptors), pushed as-is to the real registry, are extracted while
/// they download, with their central directory read first by a ranged request; every guarantee of the slower path holds:
/// nothing unverified is ever visible, the directory read first is only a hint, and hashes stay checkable.
/// </summary>
[TestClass]
public sealed class GoStyleZipRestoreTests
{
    private static readonly ProviderAddress Demo = RestoreScenario.Demo;
    private const string Binary = "terraform-provider-demo_v1.0.0";
    private static readonly ClassRegistry s_registry = new();

    [ClassCleanup]
    public static void Stop() => s_registry.Dispose();

    private static RegistryProcess Registry => s_registry.Process;

    /// <summary>A binary that deflates like a real one (text-like runs between random stretches), big enough for many chunks.</summary>
    private static byte[] BinaryContent(int seed)
    {
        var random = new Random(seed);
        var bytes = new byte[3 << 20];
        for (var at = 0; at < bytes.Length; at += 4096)
        {
            var block = bytes.AsSpan(at, Math.Min(4096, bytes.Length - at));
            if (random.Next(4) == 0) random.NextBytes(block);
            else for (var i = 0; i < block.Length; i++) block[i] = (byte)"provider code "[(i + at / 4096) % 14];
        }
        return bytes;
    }

    private sealed record Published(string Zip, InterceptingStore Store, FixedStores Stores, MirrorSource Source) : IDisposable
    {
        public void Dispose() => Source.Dispose();
    }

    /// <summary>Pushes a Go-style zip of demo 1.0.0 (linux_amd64) to the registry and locks its hashes (h1: and zh:).</summary>
    /// <remarks>Each test passes its own <paramref name="seed"/>: the registry is shared, and one test tampers with its blob.</remarks>
    private static async Task<Published> PublishAsync(RestoreScenario scenario, int seed)
    {
        var zip = Path.Combine(scenario.Temp.CreateDirectory("zips-" + seed), "terraform-provider-demo_1.0.0_linux_amd64.zip");
        ProviderZips.WriteGoStyle(zip,
            new ZipFileEntry(Binary, BinaryContent(seed), ProviderZips.ExecutableMode),
            ZipFileEntry.Text("LICENSE.txt", "Test licence.\n"));
        var source = Load(scenario, Registry.Host);
        await new PushJob().RunAsync(new PushRequest(PushSourceReader.Read([zip], Demo, []), source.Stores!), default);
        ModuleFiles.Write(scenario.Module, (Demo, "1.0.0", RestoreScenario.HashesOf([zip])));
        var store = new InterceptingStore(source.Stores!.Resolve(Demo)[0]);
        return new Published(zip, store, new FixedStores(store), source);
    }

    private static MirrorSource Load(RestoreScenario scenario, string host)
    {
        var home = scenario.Temp.CreateDirectory("home-" + Guid.NewGuid().ToString("N"));
        var source = MirrorSource.Load(new MirrorSourceOptions(host + "/go-style/${hostname}/${namespace}/${type}", null, scenario.Temp.Path),
            ProcessCliEnvironment.Create(new Dictionary<string, string?> { ["HOME"] = home }, home));
        Assert.IsNotNull(source.Stores, string.Join("\n", source.Diagnostics));
        return source;
    }

    private static RestoreRequest Request(RestoreScenario scenario, IProviderStoreResolver stores) =>
        new(scenario.Module, stores, [Platform.Parse("linux_amd64")], scenario.Output, OutputLayout.Unpacked, scenario.Cache);

    private static string Staging(RestoreScenario scenario) => Path.Combine(scenario.Output, ".tofumirror", "tmp");

    private static string BlobInRegistry(string zip)
    {
        var hex = ProviderZips.Zh(zip).Value;
        return Path.Combine(Registry.Folder, "storage", "docker", "registry", "v2", "blobs", "sha256", hex[..2], hex, "data");
    }

    /// <summary>Where the zip's central directory starts (from its end record).</summary>
    private static int DirectoryOffset(byte[] zip) => BitConverter.ToInt32(zip, zip.Length - 22 + 16);

    [TestMethod]
    public async Task IsExtractedWhileDownloading_WithItsCentralDirectoryReadFirst()
    {
        using var scenario = new RestoreScenario();
        using var published = await PublishAsync(scenario, 1);
        var expected = ZipBytesOf(published.Zip, Binary);
        var extractedBeforeTheEnd = false;
        published.Store.ReplaceBlobStream = async (descriptor, destination, token) =>
        {
            // The registry's bytes, held back from the central directory on until the binary is out in the staging folder.
            var blob = new MemoryStream();
            await published.Store.Inner.FetchBlobAsync(descriptor, blob, token);
            var bytes = blob.ToArray();
            var directory = DirectoryOffset(bytes);
            await destination.WriteAsync(bytes.AsMemory(0, directory), token);
            extractedBeforeTheEnd = await EventuallyAsync(() => Directory.EnumerateFiles(Staging(scenario), Binary, SearchOption.AllDirectories)
                .Any(f => new FileInfo(f).Length == expected.Length && SHA256.HashData(File.ReadAllBytes(f)).SequenceEqual(SHA256.HashData(expected))));
            await destination.WriteAsync(bytes.AsMemory(directory), token);
        };

        var report = await new RestoreJob().RunAsync(Request(scenario, published.Stores), default);

        RestoreScenario.AssertSucceeded(report);
        Assert.IsTrue(extractedBeforeTheEnd, "the binary was not extracted before the zip's central directory arrived");
        Assert.AreEqual(1, published.Store.TailRequests, "the central directory is read first with one ranged request");
        var installed = Path.Combine(scenario.UnpackedDirectory(Demo, "1.0.0", "linux_amd64"), Binary);
        CollectionAssert.AreEqual(expected, File.ReadAllBytes(installed));
        if (!OperatingSystem.IsWindows()) Assert.IsTrue((File.GetUnixFileMode(installed) & UnixFileMode.UserExecute) != 0, "execute bit from the central directory");
        RestoreScenario.AssertInstalled(RestoreScenario.Single(report), ProviderZips.H1(published.Zip));
        Assert.IsTrue(File.Exists(scenario.CachePath(published.Zip)));
        scenario.AssertNoTempLeftovers();
    }

    [TestMethod]
    public async Task ZipWhoseBytesDifferFromTheLockedZh_IsRefusedWithNothingVisible()
    {
        using var scenario = new RestoreScenario();
        using var published = await PublishAsync(scenario, 2);
        // Tamper with the registry's stored blob: it now serves other bytes under the digest the lock's zh: names.
        var blobPath = BlobInRegistry(published.Zip);
        var bytes = File.ReadAllBytes(blobPath);
        bytes[bytes.Length / 2] ^= 0x55;
        File.WriteAllBytes(blobPath, bytes);
        var visibleWhenTheDigestFailed = (string[]?)null;
        published.Store.ReplaceBlobStream = async (descriptor, destination, token) =>
        {
            try
            {
                await published.Store.Inner.FetchBlobAsync(descriptor, destination, token);
            }
            catch (OciDigestMismatchException)
            {
                visibleWhenTheDigestFailed = RestoreScenario.VisibleFiles(scenario.Output);
                throw;
            }
        };

        var report = await new RestoreJob().RunAsync(Request(scenario, published.Stores), default);

        var item = RestoreScenario.Single(report);
        Assert.AreEqual(DiagnosticCodes.DigestMismatch, item.Error?.Code, item.Error?.Detail);
        Assert.IsNotNull(visibleWhenTheDigestFailed, "the download did not fail on its digest");
        Assert.AreEqual(0, visibleWhenTheDigestFailed.Length, string.Join("\n", visibleWhenTheDigestFailed));
        Assert.IsFalse(Directory.Exists(Path.Combine(scenario.Output, "registry.opentofu.org")), "no package is visible");
        Assert.IsFalse(File.Exists(scenario.CachePath(published.Zip)), "a blob that failed its digest reached the cache");
        scenario.AssertNoTempLeftovers();
    }

    [TestMethod]
    public async Task ACentralDirectoryReadFirstThatLies_OnlyCostsTheFastPath()
    {
        using var scenario = new RestoreScenario();
        using var published = await PublishAsync(scenario, 3);
        // A registry whose ranged answer gives the binary a wrong CRC and size: the verified download decides.
        published.Store.ReplaceBlobTail = async (descriptor, length, token) =>
        {
            var tail = (await published.Store.Inner.FetchBlobTailAsync(descriptor, length, token))!;
            var zip = File.ReadAllBytes(published.Zip);
            var entryInTail = DirectoryOffset(zip) - (zip.Length - tail.Length);
            tail[entryInTail + 16] ^= 0xFF; // CRC-32
            tail[entryInTail + 24] ^= 0x01; // uncompressed size
            return tail;
        };

        var report = await new RestoreJob().RunAsync(Request(scenario, published.Stores), default);

        RestoreScenario.AssertSucceeded(report);
        Assert.AreEqual(1, published.Store.TailRequests);
        AssertPublishedZipInstalled(scenario, published, report);
        scenario.AssertNoTempLeftovers();
    }

    [TestMethod]
    public async Task ARegistryThatIgnoresRanges_StillGetsThePackageInstalled()
    {
        using var scenario = new RestoreScenario();
        using var published = await PublishAsync(scenario, 6);
        await using var proxy = await RegistryProxy.StartAsync(Registry.Host);
        var rangesDropped = 0;
        proxy.Intercept = context =>
        {
            if (context.Request.Headers.Range.Count > 0 && context.Request.Path.Value!.Contains("/blobs/", StringComparison.Ordinal))
            {
                Interlocked.Increment(ref rangesDropped);
                context.Request.Headers.Remove("Range"); // the whole blob comes back, with 200
            }
            return Task.FromResult(false);
        };
        using var proxied = Load(scenario, proxy.Host);

        var report = await new RestoreJob().RunAsync(Request(scenario, proxied.Stores!), default);

        RestoreScenario.AssertSucceeded(report);
        Assert.AreEqual(1, rangesDropped, "the central directory was asked for with one ranged request");
        AssertPublishedZipInstalled(scenario, published, report);
        scenario.AssertNoTempLeftovers();
    }

    [TestMethod]
    public async Task ALockWithOnlyH1_IsCheckedAgainstTheStreamedPackagesH1()
    {
        using var scenario = new RestoreScenario();
        using var published = await PublishAsync(scenario, 4);
        RestoreScenario.AssertSucceeded(await new RestoreJob().RunAsync(Request(scenario, published.Stores), default));
        // As `tofu init` from a filesystem mirror or `terraform providers lock -fs-mirror` would lock it.
        ModuleFiles.Write(scenario.Module, (Demo, "1.0.0", [ProviderZips.H1(published.Zip)]));

        var upToDate = await new RestoreJob().RunAsync(Request(scenario, published.Stores), default);

        Assert.AreEqual(RestoreStatus.UpToDate, RestoreScenario.Single(upToDate).Status, "the installed package's h1: is the locked one");

        ModuleFiles.Write(scenario.Module, (Demo, "1.0.0", [ProviderZips.H1(ProviderZips.Create(scenario.Temp.CreateDirectory("other"), "demo", "1.0.0", "linux_amd64"))]));

        var otherH1 = await new RestoreJob().RunAsync(Request(scenario, published.Stores), default);

        var item = RestoreScenario.Single(otherH1);
        Assert.AreEqual(RestoreStatus.Failed, item.Status, "a package whose h1: the lock does not have is never up to date");
        Assert.AreEqual(DiagnosticCodes.ChecksumMismatch, item.Error?.Code, item.Error?.Detail);
    }

    [TestMethod]
    public async Task Verify_FindsATamperedFileOfAStreamedPackage()
    {
        using var scenario = new RestoreScenario();
        using var published = await PublishAsync(scenario, 5);
        RestoreScenario.AssertSucceeded(await new RestoreJob().RunAsync(Request(scenario, published.Stores), default));
        var verifyRequest = new VerifyRequest(scenario.Module, scenario.Output, [Platform.Parse("linux_amd64")]);
        Assert.AreEqual(VerifyStatus.Ok, (await VerifyJob.RunAsync(verifyRequest, default)).Packages.Single().Status);
        var installed = Path.Combine(scenario.UnpackedDirectory(Demo, "1.0.0", "linux_amd64"), Binary);
        var bytes = File.ReadAllBytes(installed);
        bytes[12345] ^= 0x01; // same size, one bit
        File.WriteAllBytes(installed, bytes);

        var verified = (await VerifyJob.RunAsync(verifyRequest, default)).Packages.Single();

        Assert.AreEqual(VerifyStatus.Mismatch, verified.Status, verified.Problem);
        StringAssert.Contains(verified.Problem, "matches none of the hashes the lock file records");
        Assert.AreEqual("no-h1", verified.StampStatus, "the lock's zh: proved the zip, so restore did not hash the files");
    }

    /// <summary>The binary on disk is the published zip's, and the installed package hashes to that zip's <c>h1:</c>.</summary>
    private static void AssertPublishedZipInstalled(RestoreScenario scenario, Published published, RestoreReport report)
    {
        var installed = Path.Combine(scenario.UnpackedDirectory(Demo, "1.0.0", "linux_amd64"), Binary);
        CollectionAssert.AreEqual(ZipBytesOf(published.Zip, Binary), File.ReadAllBytes(installed));
        RestoreScenario.AssertInstalled(RestoreScenario.Single(report), ProviderZips.H1(published.Zip));
    }

    private static byte[] ZipBytesOf(string zip, string entryName)
    {
        using var archive = System.IO.Compression.ZipFile.OpenRead(zip);
        using var entry = archive.GetEntry(entryName)!.Open();
        var copy = new MemoryStream();
        entry.CopyTo(copy);
        return copy.ToArray();
    }

    private static async Task<bool> EventuallyAsync(Func<bool> condition)
    {
        for (var i = 0; i < 200; i++)
        {
            try
            {
                if (condition()) return true;
            }
            catch (IOException)
            {
                // a staging file still being written or already moved
            }
            catch (UnauthorizedAccessException)
            {
            }
            await Task.Delay(25);
        }
        return false;
    }
}
