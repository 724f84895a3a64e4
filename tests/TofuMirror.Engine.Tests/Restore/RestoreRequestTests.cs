using System.Collections.Generic;
using System.IO;
using Microsoft.VisualStudio.TestTools.UnitTesting;
using TofuMirror.Engine.Push;
using TofuMirror.Engine.Restore;
using TofuMirror.Engine.Tests.Support;
using TofuMirror.Testing;
using TofuMirror.Model.Hashing;
using TofuMirror.Model.Platforms;

namespace TofuMirror.Engine.Tests.Restore;

[TestClass]
public sealed class RestoreRequestTests
{
    [TestMethod]
    public void DefaultsAreFourAtOnceIntoTheModulesTerraformFolder()
    {
        using var temp = new TempFolder();
        var mirror = new LayoutMirror(temp.Path);
        var request = new RestoreRequest("/m", mirror.Stores, [Platform.Parse("linux_amd64")], "/o", OutputLayout.Unpacked, "/c");
        Assert.AreEqual(4, request.Parallelism);
        Assert.AreEqual(Path.Combine("/m", ".terraform", "providers-mirror"), RestoreRequest.DefaultOutputDirectory("/m"));
    }

    [TestMethod]
    public void PushDefaultsAreTwoAtOnceAndNotDry()
    {
        using var temp = new TempFolder();
        var request = new PushRequest([], new LayoutMirror(temp.Path).Stores);
        Assert.AreEqual(2, request.Parallelism);
        Assert.IsFalse(request.DryRun);
    }

    [TestMethod]
    public void CacheDefaultsFollowXdgThenHome()
    {
        if (System.OperatingSystem.IsWindows()) Assert.Inconclusive("Unix locations");
        Assert.AreEqual("/xdg/tofumirror", BlobCache.DefaultDirectory(new Dictionary<string, string?> { ["XDG_CACHE_HOME"] = "/xdg", ["HOME"] = "/h" }.GetValueOrDefault));
        Assert.AreEqual("/h/.cache/tofumirror", BlobCache.DefaultDirectory(new Dictionary<string, string?> { ["HOME"] = "/h" }.GetValueOrDefault));
        Assert.AreEqual("/h/.cache/tofumirror", BlobCache.DefaultDirectory(new Dictionary<string, string?> { ["XDG_CACHE_HOME"] = "", ["HOME"] = "/h" }.GetValueOrDefault));
    }

    [TestMethod]
    public void CacheIsContentAddressedByZipDigest()
    {
        var cache = new BlobCache("/c");
        var zh = PackageHash.Parse("zh:" + new string('a', 64));
        Assert.AreEqual(Path.Combine("/c", "blobs", "sha256", new string('a', 64)), cache.PathOf(zh));
    }
}
