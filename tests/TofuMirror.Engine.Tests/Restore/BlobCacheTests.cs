using System.Collections.Generic;
using System.IO;
using Microsoft.VisualStudio.TestTools.UnitTesting;
using TofuMirror.Engine.Restore;
using TofuMirror.Engine.Tests.Support;
using TofuMirror.Model.Addresses;
using TofuMirror.Model.Hashing;
using TofuMirror.Model.Platforms;
using TofuMirror.Model.Versions;
using TofuMirror.Testing;

namespace TofuMirror.Engine.Tests.Restore;

/// <summary>A cached blob is verified and extracted through one handle: replacing the file in between changes nothing.</summary>
[TestClass]
public sealed class BlobCacheTests
{
    private static readonly PackageIdentity Package = new(
        ProviderAddress.Parse("registry.opentofu.org/tofumirror/demo"), ProviderVersion.Parse("1.0.0"), Platform.Parse("linux_amd64"));

    [TestMethod]
    [DataRow(OutputLayout.Unpacked)]
    [DataRow(OutputLayout.Packed)]
    public void WhatIsInstalledIsWhatWasVerifiedEvenIfTheCacheFileIsSwappedMeanwhile(OutputLayout layout)
    {
        using var temp = new TempFolder();
        var genuine = ProviderZips.Create(temp.CreateDirectory("genuine"), "demo", "1.0.0", "linux_amd64");
        var other = ProviderZips.Create(temp.CreateDirectory("other"), "demo", "6.6.6", "linux_amd64");
        var cache = new BlobCache(temp.Combine("cache"));
        var zh = ProviderZips.Zh(genuine);
        Directory.CreateDirectory(Path.GetDirectoryName(cache.PathOf(zh))!);
        File.Copy(genuine, cache.PathOf(zh));

        using var verified = cache.TryOpenVerified(zh, new FileInfo(genuine).Length);
        Assert.IsNotNull(verified);
        // Another process (or anyone who can write the shared cache) renames other bytes over the cache file.
        File.Copy(other, temp.Combine("swap"));
        File.Move(temp.Combine("swap"), cache.PathOf(zh), overwrite: true);
        // An h1:-only lock: the installer hashes what it installs, and so tells which bytes it read.
        var h1 = new PackageInstaller(temp.Combine("out")).Install(verified!, Package, zh, new List<PackageHash> { ProviderZips.H1(genuine) }, layout);

        Assert.AreEqual(ProviderZips.H1(genuine), h1);
    }

    [TestMethod]
    public void ADamagedCacheFileIsDeletedAndNotOpened()
    {
        using var temp = new TempFolder();
        var genuine = ProviderZips.Create(temp.CreateDirectory("genuine"), "demo", "1.0.0", "linux_amd64");
        var cache = new BlobCache(temp.Combine("cache"));
        var zh = ProviderZips.Zh(genuine);
        Directory.CreateDirectory(Path.GetDirectoryName(cache.PathOf(zh))!);
        var bytes = File.ReadAllBytes(genuine);
        bytes[^30] ^= 0xff;
        File.WriteAllBytes(cache.PathOf(zh), bytes);

        Assert.IsNull(cache.TryOpenVerified(zh, bytes.Length));
        Assert.IsFalse(File.Exists(cache.PathOf(zh)));
        Assert.IsNull(cache.TryOpenVerified(zh, bytes.Length));
    }
}
