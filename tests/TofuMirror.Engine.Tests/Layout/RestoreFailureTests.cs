using System;
using System.IO;
using System.Linq;
using System.Text;
using System.Threading.Tasks;
using Microsoft.VisualStudio.TestTools.UnitTesting;
using TofuMirror.Engine.Restore;
using TofuMirror.Engine.Tests.Support;
using TofuMirror.Oci.Content;
using TofuMirror.Oci.Layout;
using TofuMirror.Model.Addresses;
using TofuMirror.Model.Diagnostics;
using TofuMirror.Model.Hashing;

namespace TofuMirror.Engine.Tests.Layout;

/// <summary>Every failure gives its code, installs nothing half-way and leaves what was in the output folder intact.</summary>
[TestClass]
public sealed class RestoreFailureTests
{
    private static readonly ProviderAddress Demo = RestoreScenario.Demo;
    private static readonly PackageHash WrongZh = PackageHash.Parse("zh:" + new string('a', 64));
    private static readonly PackageHash WrongH1 = PackageHash.Parse("h1:AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=");

    private static RestoreItemResult Failed(RestoreReport report, string code)
    {
        Assert.IsFalse(report.Succeeded);
        var item = RestoreScenario.Single(report);
        Assert.AreEqual(RestoreStatus.Failed, item.Status);
        Assert.IsNotNull(item.Error);
        Assert.AreEqual(code, item.Error.Code, item.Error.Detail);
        return item;
    }

    /// <summary>Installs demo 1.0.0 for linux_amd64 with a correct lock; returns the zip and the folder's files with contents.</summary>
    private static async Task<(string Zip, string Snapshot)> InstallGoodAsync(RestoreScenario scenario)
    {
        var zip = (await scenario.PublishAsync(Demo, "1.0.0", "linux_amd64"))["linux_amd64"];
        ModuleFiles.Write(scenario.Module, (Demo, "1.0.0", RestoreScenario.HashesOf([zip])));
        RestoreScenario.AssertSucceeded(await scenario.RestoreAsync("linux_amd64"));
        return (zip, Snapshot(scenario.Output));
    }

    /// <summary>The visible files of the output with their contents, to compare before and after.</summary>
    private static string Snapshot(string output) =>
        string.Join("\n", RestoreScenario.VisibleFiles(output).Select(f =>
        {
            var full = Path.Combine(output, f);
            return File.Exists(full) ? f + " " + Convert.ToHexString(System.Security.Cryptography.SHA256.HashData(File.ReadAllBytes(full))) : f + "/";
        }));

    [TestMethod]
    public async Task ZhNotInLockFailsBeforeDownloadAndKeepsTheInstalledPackage()
    {
        using var scenario = new RestoreScenario();
        var (zip, before) = await InstallGoodAsync(scenario);
        Directory.Delete(scenario.Cache, recursive: true);
        ModuleFiles.Write(scenario.Module, (Demo, "1.0.0", new[] { WrongZh, WrongH1 }));

        var item = Failed(await scenario.RestoreAsync("linux_amd64"), DiagnosticCodes.ChecksumMismatch);

        StringAssert.Contains(item.Error!.Detail, "doesn't match any of the checksums previously recorded in the dependency lock file");
        StringAssert.Contains(item.Error.Summary, "tofumirror/demo 1.0.0");
        Assert.IsFalse(item.Downloaded);
        Assert.IsFalse(File.Exists(scenario.CachePath(zip)), "the blob was downloaded although the lock refused its zh:");
        Assert.AreEqual(before, Snapshot(scenario.Output));
        scenario.AssertNoTempLeftovers();
    }

    [TestMethod]
    public async Task WrongH1OnlyFailsBeforeDownloadAsOpenTofuDoes()
    {
        // oci-mirror §2.6: with lock hashes for the version, zh:<digest> must be literally among them, so an
        // h1:-only lock blocks an OCI install before any blob request.
        using var scenario = new RestoreScenario();
        var (zip, before) = await InstallGoodAsync(scenario);
        Directory.Delete(scenario.Cache, recursive: true);
        ModuleFiles.Write(scenario.Module, (Demo, "1.0.0", new[] { WrongH1 }));

        Failed(await scenario.RestoreAsync("linux_amd64"), DiagnosticCodes.ChecksumMismatch);

        Assert.IsFalse(File.Exists(scenario.CachePath(zip)));
        Assert.AreEqual(before, Snapshot(scenario.Output));
        scenario.AssertNoTempLeftovers();
    }

    [TestMethod]
    public async Task CorruptBlobFailsAfterDownloadAndKeepsTheInstalledPackage()
    {
        using var scenario = new RestoreScenario();
        var (zip, before) = await InstallGoodAsync(scenario);
        Directory.Delete(scenario.Cache, recursive: true);
        // Force a re-install of the same package (no stamp), then serve bytes that do not match the digest.
        Directory.Delete(Path.Combine(scenario.Output, ".tofumirror", "installed"), recursive: true);
        var blob = new OciLayoutStore(scenario.Mirror.FolderOf(Demo)).BlobPath(Digest.Parse("sha256:" + ProviderZips.Zh(zip).Value));
        var bytes = File.ReadAllBytes(blob);
        bytes[bytes.Length / 2] ^= 0xFF;
        File.WriteAllBytes(blob, bytes);

        Failed(await scenario.RestoreAsync("linux_amd64"), DiagnosticCodes.DigestMismatch);

        Assert.AreEqual(before, Snapshot(scenario.Output));
        scenario.AssertNoTempLeftovers();
        Assert.AreEqual(0, Directory.Exists(scenario.Cache) ? Directory.GetFiles(scenario.Cache, "*", SearchOption.AllDirectories).Length : 0,
            "a failed download left a file in the cache");
    }

    [TestMethod]
    public async Task PlatformMissingFromTheIndexIsPlatformNotSupported()
    {
        using var scenario = new RestoreScenario();
        var zips = await scenario.PublishAsync(Demo, "1.0.0", "linux_amd64", "darwin_arm64");
        ModuleFiles.Write(scenario.Module, (Demo, "1.0.0", RestoreScenario.HashesOf(zips.Values)));

        var item = Failed(await scenario.RestoreAsync("windows_amd64"), DiagnosticCodes.PlatformNotSupported);

        StringAssert.Contains(item.Error!.Detail, "windows_amd64");
        StringAssert.Contains(item.Error.Summary, "windows_amd64");
        Assert.AreEqual(0, RestoreScenario.VisibleFiles(scenario.Output).Count(f => f.StartsWith("registry.opentofu.org", StringComparison.Ordinal)));
    }

    [TestMethod]
    public async Task VersionWithoutTagIsNotInMirror()
    {
        using var scenario = new RestoreScenario();
        await scenario.PublishAsync(Demo, "1.0.0", "linux_amd64");
        ModuleFiles.Write(scenario.Module, (Demo, "1.0.1", new[] { WrongZh }));

        var item = Failed(await scenario.RestoreAsync("linux_amd64"), DiagnosticCodes.ProviderNotInMirror);

        StringAssert.Contains(item.Error!.Detail, "no tag \"1.0.1\"");
        Assert.IsNotNull(item.Error.Subject, "the error should point at the lock file");
        Assert.AreEqual(Path.Combine(scenario.Module, ".terraform.lock.hcl"), item.Error.Subject.Value.FileName);
    }

    [TestMethod]
    public async Task MissingLayoutFolderIsNotInMirror()
    {
        using var scenario = new RestoreScenario();
        ModuleFiles.Write(scenario.Module, (Demo, "1.0.0", new[] { WrongZh }));
        Failed(await scenario.RestoreAsync("linux_amd64"), DiagnosticCodes.ProviderNotInMirror);
    }

    [TestMethod]
    [DataRow("../evil")]
    [DataRow("sub/../../evil")]
    [DataRow("/evil-absolute")]
    public async Task ZipEntryEscapingTheFolderIsRejectedAndNothingIsWritten(string entryName)
    {
        using var scenario = new RestoreScenario();
        var zip = Path.Combine(scenario.Temp.CreateDirectory("zips"), "terraform-provider-demo_1.0.0_linux_amd64.zip");
        ProviderZips.Write(zip,
            ZipFileEntry.Text("terraform-provider-demo_v1.0.0", "#!/bin/sh\n", ProviderZips.ExecutableMode),
            ZipFileEntry.Text(entryName, "pwned\n"));
        // `push` refuses such a zip; a pusher with another tool is not stopped.
        await TofuMirror.Testing.Pushers.ForeignPusher.PushZipAsync(scenario.Mirror.Stores.Resolve(Demo).Single(), "1.0.0", "linux_amd64", zip);
        ModuleFiles.Write(scenario.Module, (Demo, "1.0.0", RestoreScenario.HashesOf([zip])));

        var item = Failed(await scenario.RestoreAsync("linux_amd64"), DiagnosticCodes.InvalidPackage);

        StringAssert.Contains(item.Error!.Detail, "unsafe entry");
        Assert.AreEqual(0, Directory.EnumerateFiles(scenario.Temp.Path, "evil*", SearchOption.AllDirectories).Count());
        Assert.IsFalse(File.Exists("/evil-absolute"));
        Assert.IsFalse(Directory.Exists(scenario.UnpackedDirectory(Demo, "1.0.0", "linux_amd64")));
        scenario.AssertNoTempLeftovers();
    }

    [TestMethod]
    public async Task RequiredProviderMissingFromLockFailsWithoutOutput()
    {
        using var scenario = new RestoreScenario();
        var zips = await scenario.PublishAsync(Demo, "1.0.0", "linux_amd64");
        ModuleFiles.WriteMainTf(scenario.Module, (Demo, "1.0.0"), (RestoreScenario.Other, "0.3.1"));
        ModuleFiles.WriteLock(scenario.Module, ModuleFiles.Lock(Demo, "1.0.0", RestoreScenario.HashesOf(zips.Values)));

        var report = await scenario.RestoreAsync("linux_amd64");

        Assert.IsFalse(report.Succeeded);
        Assert.AreEqual(0, report.Items.Count);
        var error = report.Diagnostics.Single(d => d.Severity == TofuMirror.Diagnostics.DiagnosticSeverity.Error);
        Assert.AreEqual(DiagnosticCodes.ProviderNotLocked, error.Code);
        StringAssert.Contains(error.Detail, "example.com/acme/other");
        StringAssert.Contains(error.Detail, "tofu-mirror lock");
        Assert.AreEqual(Path.Combine(scenario.Module, "main.tf"), error.Subject!.Value.FileName);
        Assert.IsFalse(Directory.Exists(scenario.Output), "restore wrote output although it refused to start");
        Assert.IsNull(report.CliConfigPath);
    }

    [TestMethod]
    public async Task LockEntryWithATypoFailsWithTheLockFileErrorAlone()
    {
        using var scenario = new RestoreScenario();
        var zips = await scenario.PublishAsync(Demo, "1.0.0", "linux_amd64");
        ModuleFiles.Write(scenario.Module, (Demo, "1.0.0", RestoreScenario.HashesOf(zips.Values)));
        var lockPath = Path.Combine(scenario.Module, ".terraform.lock.hcl");
        File.WriteAllText(lockPath, File.ReadAllText(lockPath).Replace("version     = \"1.0.0\"", "version     = \"1.0.O\""));

        var report = await scenario.RestoreAsync("linux_amd64");

        var error = report.Diagnostics.Single(d => d.Severity == TofuMirror.Diagnostics.DiagnosticSeverity.Error);
        Assert.AreEqual(DiagnosticCodes.InvalidLockFile, error.Code, error.Detail);
        StringAssert.Contains(error.Detail, "1.0.O");
        Assert.AreEqual(lockPath, error.Subject!.Value.FileName);
        Assert.IsFalse(Directory.Exists(scenario.Output), "restore wrote output although it refused to start");
    }

    [TestMethod]
    public async Task MissingLockFileFailsWithoutOutput()
    {
        using var scenario = new RestoreScenario();
        ModuleFiles.WriteMainTf(scenario.Module, (Demo, "1.0.0"));

        var report = await scenario.RestoreAsync("linux_amd64");

        Assert.AreEqual(DiagnosticCodes.ProviderNotLocked, report.Diagnostics.Single().Code);
        Assert.IsFalse(Directory.Exists(scenario.Output));
    }

    [TestMethod]
    public async Task ManifestAtTheSizeLimitIsRefused()
    {
        // Case 26 end to end: an index entry claiming 5 MiB is refused before the manifest is read.
        using var scenario = new RestoreScenario();
        var zip = (await scenario.PublishAsync(Demo, "1.0.0", "linux_amd64"))["linux_amd64"];
        var store = new OciLayoutStore(scenario.Mirror.FolderOf(Demo));
        var index = OciJsonReader.ParseIndex(await store.FetchManifestAsync(await store.ResolveAsync("1.0.0", default), default));
        var oversized = index with { Manifests = [index.Manifests[0] with { Size = 5_242_880 }] };
        await store.PushManifestAsync(OciJsonWriter.Serialize(oversized), MediaTypes.ImageIndex, "1.0.0", default);
        ModuleFiles.Write(scenario.Module, (Demo, "1.0.0", RestoreScenario.HashesOf([zip])));

        var item = Failed(await scenario.RestoreAsync("linux_amd64"), DiagnosticCodes.InvalidProviderArtifact);

        StringAssert.Contains(item.Error!.Detail, "exceeds OpenTofu's size limit of 4 MiB");
    }

    [TestMethod]
    public async Task ManifestBytesNotMatchingTheirDigestAreRefused()
    {
        // Case 27: one byte of the platform manifest changed in the store.
        using var scenario = new RestoreScenario();
        var zip = (await scenario.PublishAsync(Demo, "1.0.0", "linux_amd64"))["linux_amd64"];
        var store = new OciLayoutStore(scenario.Mirror.FolderOf(Demo));
        var index = OciJsonReader.ParseIndex(await store.FetchManifestAsync(await store.ResolveAsync("1.0.0", default), default));
        var path = store.BlobPath(index.Manifests[0].Digest);
        var text = File.ReadAllText(path);
        File.WriteAllText(path, text.Replace("\"schemaVersion\": 2", "\"schemaVersion\": 3"), new UTF8Encoding(false));
        ModuleFiles.Write(scenario.Module, (Demo, "1.0.0", RestoreScenario.HashesOf([zip])));

        var item = Failed(await scenario.RestoreAsync("linux_amd64"), DiagnosticCodes.DigestMismatch);

        StringAssert.Contains(item.Error!.Detail, "manifest content does not match digest " + index.Manifests[0].Digest);
    }

    [TestMethod]
    public async Task OneFailedProviderDoesNotStopTheOthers()
    {
        using var scenario = new RestoreScenario();
        var demo = await scenario.PublishAsync(Demo, "1.0.0", "linux_amd64");
        ModuleFiles.Write(scenario.Module,
            (Demo, "1.0.0", RestoreScenario.HashesOf(demo.Values)),
            (RestoreScenario.Other, "0.3.1", new[] { WrongZh }));

        var report = await scenario.RestoreAsync("linux_amd64");

        Assert.IsFalse(report.Succeeded);
        Assert.AreEqual(RestoreStatus.Installed, report.Items.Single(i => i.Provider == Demo).Status);
        Assert.AreEqual(DiagnosticCodes.ProviderNotInMirror, report.Items.Single(i => i.Provider == RestoreScenario.Other).Error!.Code);
        Assert.IsTrue(File.Exists(Path.Combine(scenario.Output, "tofu.rc")));
    }
}
