using System;
using System.Text;
using Microsoft.VisualStudio.TestTools.UnitTesting;
using TofuMirror.Oci.Content;

namespace TofuMirror.Oci.Tests.Content;

[TestClass]
public sealed class DigestTests
{
    private const string Hex = "1e315d00458f3b8483380267117108e3681d9f414f5984fdd23b1c7097b22484";

    [TestMethod]
    public void ParsesSha256()
    {
        var d = Digest.Parse("sha256:" + Hex);
        Assert.AreEqual("sha256", d.Algorithm);
        Assert.AreEqual(Hex, d.Hex);
        Assert.AreEqual("sha256:" + Hex, d.ToString());
    }

    [TestMethod]
    public void RejectsOtherAlgorithmsWithSpecMessage()
    {
        Assert.IsFalse(Digest.TryParse("sha512:" + Hex + Hex, out _, out var error));
        Assert.AreEqual("unsupported digest algorithm \"sha512\"", error);
    }

    [TestMethod]
    [DataRow("sha256:" + "1E315D00458F3B8483380267117108E3681D9F414F5984FDD23B1C7097B22484")]
    [DataRow("sha256:abc")]
    [DataRow("sha256:")]
    [DataRow("1e315d00458f3b8483380267117108e3681d9f414f5984fdd23b1c7097b22484")]
    [DataRow("SHA256:" + Hex)]
    [DataRow("")]
    public void RejectsMalformed(string text)
    {
        Assert.IsFalse(Digest.TryParse(text, out _, out var error));
        StringAssert.StartsWith(error, "invalid digest \"" + text + "\"");
        Assert.ThrowsExactly<FormatException>(() => Digest.Parse(text));
    }

    [TestMethod]
    public void ComputesWorkedExampleBlob()
    {
        var d = Digest.Compute(Encoding.UTF8.GetBytes("placeholder zip for linux_amd64\n"));
        Assert.AreEqual("sha256:" + Hex, d.ToString());
        Assert.AreEqual(Digest.Parse("sha256:" + Hex), d);
    }
}
