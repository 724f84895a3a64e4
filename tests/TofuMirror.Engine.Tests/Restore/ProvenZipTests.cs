using System;
using System.IO;
using System.Linq;
using System.Text;
using System.Threading.Tasks;
using Microsoft.VisualStudio.TestTools.UnitTesting;
using TofuMirror.Engine.Hashing;
using TofuMirror.Engine.Providers;
using TofuMirror.Engine.Restore;
using TofuMirror.Engine.Tests.Hashing;
using TofuMirror.Engine.Tests.Support;
using TofuMirror.Engine.Tests.Zip;
using TofuMirror.Engine.Zip;
using TofuMirror.Model.Diagnostics;
using TofuMirror.Model.Hashing;
using TofuMirror.Testing;

namespace TofuMirror.Engine.Tests.Restore;

/// <summary>
/// A zip whose verified digest is a <c>zh:</c> the lock records is proven byte for byte, so restore installs it without
/// hashing its files again (no <c>h1:</c> in the stamp, no CRC-32 pass); a lock with only <c>h1:</c> hashes still gets
/// every file hashed and checked, CRC-32 included, exactly as before.
/// </summary>
[TestClass]
public sealed class ProvenZipTests
{
    private static readonly Model.Addresses.ProviderAddress Demo = RestoreScenario.Demo;

    /// <summary>A stored zip of one file whose data no longer matches the CRC-32 its headers give.</summary>
    private static byte[] ZipWithABadCrc()
    {
        var zip = new TestZipWriter().Add("terraform-provider-demo_v1.0.0", "genuine provider\n").ToBytes();
        var at = Encoding.ASCII.GetString(zip).IndexOf("genuine", StringComparison.Ordinal);
        Encoding.ASCII.GetBytes("GENUINE").CopyTo(zip, at);
        return zip;
    }

    [TestMethod]
    [DataRow(true)]
    [DataRow(false)]
    public void WithoutContentChecks_TheExtractorsNeitherHashNorCheckTheCrc(bool streaming)
    {
        using var temp = new TempFolder();
        var zip = ZipWithABadCrc();
        var target = temp.Combine("out");
        File.WriteAllBytes(temp.Combine("p.zip"), zip);

        PackageHash? Extract(ZipContentChecks checks, string into)
        {
            if (streaming) return StreamingZipExtractor.Extract(new StreamingZipExtractorTests.TricklingStream(zip), zip.Length, into, null, checks);
            using var stream = File.OpenRead(temp.Combine("p.zip"));
            return SafeZipExtractor.Extract(stream, into, checks);
        }

        Assert.IsNull(Extract(ZipContentChecks.None, target));
        Assert.AreEqual("GENUINE provider\n", File.ReadAllText(Path.Combine(target, "terraform-provider-demo_v1.0.0")));
        var refused = Assert.Throws<Exception>(() => Extract(ZipContentChecks.HashAndCrc, temp.Combine("checked")));
        StringAssert.Contains(refused.Message, "CRC-32");
    }

    [TestMethod]
    public async Task ALockedZh_InstallsWithoutHashingTheFiles_AndAnH1OnlyLockLaterHashesThemOnce()
    {
        using var scenario = new RestoreScenario();
        var zip = (await scenario.PublishAsync(Demo, "1.0.0", "linux_amd64"))["linux_amd64"];
        ModuleFiles.Write(scenario.Module, (Demo, "1.0.0", new[] { ProviderZips.Zh(zip) }));

        var proven = RestoreScenario.Single(await scenario.RestoreAsync("linux_amd64"));

        Assert.AreEqual(RestoreStatus.Installed, proven.Status);
        Assert.IsNull(proven.Stamp!.H1, "the lock's zh: proved the zip: its files were not hashed");
        RestoreScenario.AssertInstalled(proven, ProviderZips.H1(zip));

        // The same package under a lock of its h1: alone: restore cannot tell it is installed without hashing it, so it
        // hashes the folder once, finds the locked h1: and records it.
        ModuleFiles.Write(scenario.Module, (Demo, "1.0.0", new[] { ProviderZips.H1(zip) }));
        var upToDate = RestoreScenario.Single(await scenario.RestoreAsync("linux_amd64"));
        Assert.AreEqual(RestoreStatus.UpToDate, upToDate.Status, upToDate.Error?.Detail);
        Assert.AreEqual(ProviderZips.H1(zip).ToString(), upToDate.Stamp!.H1);
    }

    /// <summary>
    /// Restore from an OCI mirror never gets here without the layer's zh: in the lock (OpenTofu's rule), but the installer
    /// decides for itself: a zip the lock knows only by h1: is hashed, CRC-32 included, before anything is visible.
    /// </summary>
    [TestMethod]
    [DataRow(OutputLayout.Unpacked)]
    [DataRow(OutputLayout.Packed)]
    public void TheInstaller_HashesAndCrcChecksAZipTheLockKnowsOnlyByH1(OutputLayout layout)
    {
        using var temp = new TempFolder();
        var zip = temp.Combine("bad.zip");
        File.WriteAllBytes(zip, ZipWithABadCrc());
        var zh = ProviderZips.Zh(zip);
        var package = new PackageIdentity(Demo, Model.Versions.ProviderVersion.Parse("1.0.0"), Model.Platforms.Platform.Parse("linux_amd64"));
        var output = temp.Combine("out");
        PackageHash filesH1;
        using (var stream = File.OpenRead(zip))
        {
            SafeZipExtractor.Extract(stream, temp.Combine("files"), ZipContentChecks.None);
            filesH1 = PackageHasher.ComputeH1FromDirectory(temp.Combine("files"));
        }

        using (var stream = File.OpenRead(zip))
        {
            var installer = new PackageInstaller(output);
            if (layout == OutputLayout.Unpacked)
            {
                var refused = Assert.ThrowsExactly<ProviderFailure>(() => installer.Install(stream, package, zh, [filesH1], layout));
                Assert.AreEqual(DiagnosticCodes.InvalidPackage, refused.Code);
                StringAssert.Contains(refused.Message, "CRC-32");
            }
            else
            {
                // A packed zip is installed as it is; its h1: (over the entries as the zip gives them) is what the lock has.
                Assert.AreEqual(filesH1, installer.Install(stream, package, zh, [filesH1], layout));
            }
        }
        if (layout == OutputLayout.Unpacked)
            Assert.AreEqual(0, RestoreScenario.VisibleFiles(output).Length, string.Join(", ", RestoreScenario.VisibleFiles(output)));

        using (var stream = File.OpenRead(zip))
            Assert.IsNull(new PackageInstaller(temp.Combine("proven")).Install(stream, package, zh, [zh], layout), "a locked zh: proves the zip");
    }
}
