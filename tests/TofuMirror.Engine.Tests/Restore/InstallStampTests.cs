using System.IO;
using System.Linq;
using Microsoft.VisualStudio.TestTools.UnitTesting;
using TofuMirror.Engine.Restore;
using TofuMirror.Engine.Tests.Support;
using TofuMirror.Testing;

namespace TofuMirror.Engine.Tests.Restore;

[TestClass]
public sealed class InstallStampTests
{
    private static readonly InstallStamp Sample = new("h1:AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=", "zh:" + new string('a', 64), "unpacked",
        "127.0.0.1:5000/providers/demo", "sha256:" + new string('b', 64), "sha256:" + new string('c', 64), 12345);

    [TestMethod]
    public void ReadsWhatItWrote()
    {
        using var temp = new TempFolder();
        var path = temp.Combine("stamps", "a.json");
        Sample.Write(path);

        Assert.AreEqual(Sample, InstallStamp.TryRead(path));
    }

    [TestMethod]
    public void ReadsTheRecordedFilesItWrote()
    {
        using var temp = new TempFolder();
        var path = temp.Combine("a.json");
        var files = new[] { new InstalledFile("LICENSE", 11, 638_000_000_000_000_000), new InstalledFile("sub/terraform-provider-demo", 4096, 638_000_000_000_000_001) };
        (Sample with { Files = files }).Write(path);

        var read = InstallStamp.TryRead(path)!;

        Assert.AreEqual(Sample, read with { Files = null });
        CollectionAssert.AreEqual(files, read.Files!.ToList());
    }

    [TestMethod]
    [DataRow("{\"h1\": \"h\", \"zh\": \"z\", \"layout\": \"unpacked\", \"repository\": \"r\", \"indexDigest\": \"i\", \"manifestDigest\": \"m\", \"size\": 1, \"files\": {}}")]
    [DataRow("{\"h1\": \"h\", \"zh\": \"z\", \"layout\": \"unpacked\", \"repository\": \"r\", \"indexDigest\": \"i\", \"manifestDigest\": \"m\", \"size\": 1, \"files\": [{\"path\": \"a\"}]}")]
    public void DamagedFileRecordsReadAsNoStamp(string content)
    {
        using var temp = new TempFolder();
        var path = temp.Combine("a.json");
        File.WriteAllText(path, content);

        Assert.IsNull(InstallStamp.TryRead(path));
    }

    [TestMethod]
    [DataRow("")]
    [DataRow("{\"h1\": \"h1:x\"")]
    [DataRow("[]")]
    [DataRow("{\"h1\": \"h1:x\", \"zh\": \"zh:y\"}")]
    [DataRow("{\"h1\": \"h\", \"zh\": null, \"layout\": \"unpacked\", \"repository\": \"r\", \"indexDigest\": \"i\", \"manifestDigest\": \"m\", \"size\": 1}")]
    [DataRow("{\"h1\": \"h\", \"zh\": \"z\", \"layout\": \"unpacked\", \"repository\": \"r\", \"indexDigest\": \"i\", \"manifestDigest\": \"m\", \"size\": \"big\"}")]
    public void ADamagedStampReadsAsNone(string content)
    {
        using var temp = new TempFolder();
        var path = temp.Combine("a.json");
        File.WriteAllText(path, content);

        Assert.IsNull(InstallStamp.TryRead(path));
    }

    [TestMethod]
    public void AMissingStampReadsAsNone()
    {
        using var temp = new TempFolder();
        Assert.IsNull(InstallStamp.TryRead(temp.Combine("none.json")));
    }
}
