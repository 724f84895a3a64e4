using System.IO;
using System.Threading.Tasks;
using Microsoft.VisualStudio.TestTools.UnitTesting;
using TofuMirror.Oci.Content;

namespace TofuMirror.Oci.Tests.Content;

[TestClass]
public sealed class VerifyingStreamTests
{
    private static readonly byte[] Data = { 1, 2, 3, 4, 5, 6, 7, 8, 9 };

    [TestMethod]
    public async Task ReadsAndVerifiesExactContent()
    {
        await using var s = new VerifyingStream(new MemoryStream(Data), Digest.Compute(Data), Data.Length);
        var copy = new MemoryStream();
        await s.CopyToAsync(copy);
        CollectionAssert.AreEqual(Data, copy.ToArray());
        Assert.IsTrue(s.IsVerified);
    }

    [TestMethod]
    public async Task FailsOnDigestMismatchAtEnd()
    {
        var other = (byte[])Data.Clone();
        other[3] ^= 0xff;
        await using var s = new VerifyingStream(new MemoryStream(other), Digest.Compute(Data), Data.Length);
        var e = await Assert.ThrowsExactlyAsync<OciDigestMismatchException>(() => s.CopyToAsync(Stream.Null));
        var reportedExpected = e.Expected;
        Assert.AreEqual(Digest.Compute(Data).ToString(), reportedExpected);
        Assert.AreEqual(Digest.Compute(other).ToString(), e.Actual);
    }

    [TestMethod]
    public async Task FailsWhenLongerThanSize()
    {
        await using var s = new VerifyingStream(new MemoryStream(Data), Digest.Compute(Data[..5]), 5);
        await Assert.ThrowsExactlyAsync<OciSizeLimitException>(() => s.CopyToAsync(Stream.Null));
    }

    [TestMethod]
    public void FailsWhenShorterThanSizeSync()
    {
        using var s = new VerifyingStream(new MemoryStream(Data), Digest.Compute(Data), Data.Length + 3);
        var e = Assert.ThrowsExactly<OciSizeLimitException>(() => s.CopyTo(Stream.Null));
        StringAssert.StartsWith(e.Message, "incorrect response size: expected 12 bytes, but got 9 bytes");
    }
}
