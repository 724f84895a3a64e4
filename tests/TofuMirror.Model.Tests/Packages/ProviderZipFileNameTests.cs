using Microsoft.VisualStudio.TestTools.UnitTesting;
using TofuMirror.Model.Packages;
using TofuMirror.Model.Platforms;
using TofuMirror.Model.Versions;

namespace TofuMirror.Model.Tests;

[TestClass]
public sealed class ProviderZipFileNameTests
{
    [TestMethod]
    [DataRow("terraform-provider-null_2.1.0_linux_amd64.zip", "null", "2.1.0", "linux_amd64")]
    [DataRow("Terraform-Provider-NULL_2.1.0_Linux_AMD64.ZIP", "null", "2.1.0", "linux_amd64")]
    [DataRow("terraform-provider-demo_1.0.0+build.5_darwin_arm64.zip", "demo", "1.0.0+build.5", "darwin_arm64")]
    [DataRow("terraform-provider-demo_1.0_windows_386.zip", "demo", "1.0.0", "windows_386")]
    [DataRow("terraform-provider-demo_1.0.0_linux_amd64_extra.zip", "demo", "1.0.0", "linux_amd64")]
    public void Parses(string fileName, string type, string version, string platform)
    {
        Assert.IsTrue(ProviderZipFileName.TryParse(fileName, out var parsed, out var error), error);
        Assert.AreEqual(type, parsed.Type);
        Assert.AreEqual(version, parsed.Version.ToString());
        Assert.AreEqual(platform, parsed.Platform.ToString());
        Assert.IsTrue(ProviderZipFileName.TryParseForType(fileName, type, out _, out error), error);
    }

    [TestMethod]
    [DataRow("terraform-provider-null_invalid.zip")]
    [DataRow("terraform-provider-null_2.1.0_linux.zip")]
    [DataRow("terraform-provider-null_v2.1.0_linux_amd64.zip")]
    [DataRow("terraform-provider-null_2.1.0_linux_amd64.tar.gz")]
    [DataRow("provider-null_2.1.0_linux_amd64.zip")]
    [DataRow("terraform-provider-_2.1.0_linux_amd64.zip")]
    public void Rejects(string fileName)
    {
        Assert.IsFalse(ProviderZipFileName.TryParse(fileName, out _, out var error));
        StringAssert.Contains(error, fileName);
    }

    [TestMethod]
    public void TypeMustMatch()
    {
        Assert.IsFalse(ProviderZipFileName.TryParseForType("terraform-provider-random_1.0.0_linux_amd64.zip", "null", out _, out var error));
        StringAssert.Contains(error, "terraform-provider-null_");
    }

    [TestMethod]
    public void Formats()
    {
        var name = ProviderZipFileName.Format("demo", ProviderVersion.Parse("1.0.0"), Platform.Parse("linux_amd64"));
        Assert.AreEqual("terraform-provider-demo_1.0.0_linux_amd64.zip", name);
        Assert.IsTrue(ProviderZipFileName.TryParse(name, out var parsed, out _));
        Assert.AreEqual(name, parsed.ToString());
    }
}
