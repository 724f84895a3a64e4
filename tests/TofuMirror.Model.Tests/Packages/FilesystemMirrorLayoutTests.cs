using System.IO;
using Microsoft.VisualStudio.TestTools.UnitTesting;
using TofuMirror.Model.Addresses;
using TofuMirror.Model.Packages;
using TofuMirror.Model.Platforms;
using TofuMirror.Model.Versions;

namespace TofuMirror.Model.Tests;

[TestClass]
public sealed class FilesystemMirrorLayoutTests
{
    [TestMethod]
    public void UnpackedAndPackedPaths()
    {
        var provider = ProviderAddress.Parse("Registry.OpenTofu.org/HashiCorp/Random");
        var version = ProviderVersion.Parse("3.6.0");
        var platform = Platform.Parse("linux_amd64");
        var root = Path.Combine("base", "dir");
        Assert.AreEqual(Path.Combine(root, "registry.opentofu.org", "hashicorp", "random", "3.6.0", "linux_amd64"),
            FilesystemMirrorLayout.UnpackedDirectory(root, provider, version, platform));
        Assert.AreEqual(Path.Combine(root, "registry.opentofu.org", "hashicorp", "random", "terraform-provider-random_3.6.0_linux_amd64.zip"),
            FilesystemMirrorLayout.PackedZipPath(root, provider, version, platform));
        Assert.AreEqual("registry.opentofu.org/hashicorp/random/3.6.0/linux_amd64", FilesystemMirrorLayout.UnpackedRelativePath(provider, version, platform));
        Assert.AreEqual("registry.opentofu.org/hashicorp/random/terraform-provider-random_3.6.0_linux_amd64.zip", FilesystemMirrorLayout.PackedRelativePath(provider, version, platform));
    }

    [TestMethod]
    public void HostnameIsInDisplayFormWithPort()
    {
        var provider = ProviderAddress.Parse("xn--bcher-kva.example:8443/ns/type");
        Assert.AreEqual("bücher.example:8443/ns/type/1.0.0+b/darwin_arm64",
            FilesystemMirrorLayout.UnpackedRelativePath(provider, ProviderVersion.Parse("1.0.0+b"), Platform.Parse("darwin_arm64")));
    }
}
