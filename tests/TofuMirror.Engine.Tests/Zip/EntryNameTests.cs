using System;
using System.IO;
using System.Linq;
using System.Text;
using Microsoft.VisualStudio.TestTools.UnitTesting;
using TofuMirror.Engine.Hashing;
using TofuMirror.Engine.Tests.Hashing;
using TofuMirror.Engine.Zip;
using TofuMirror.Model.Hashing;
using TofuMirror.Testing;

namespace TofuMirror.Engine.Tests.Zip;

/// <summary>
/// The <c>h1:</c> both extractors return is that of the files as they land on disk: names are placed as OpenTofu's
/// extraction places them (Go's filepath.Join cleans <c>./x</c>, <c>a//b</c>, <c>a/.</c>), names differing only in
/// case are refused, and each entry's data must match its CRC-32 as Go's archive/zip requires.
/// </summary>
[TestClass]
public sealed class EntryNameTests
{
    private static PackageHash Extract(bool streaming, byte[] zip, string target)
    {
        if (streaming) return StreamingZipExtractor.ExtractAndHash(new StreamingZipExtractorTests.TricklingStream(zip), zip.Length, target);
        File.WriteAllBytes(target + ".zip", zip);
        return SafeZipExtractor.ExtractAndHash(target + ".zip", target);
    }

    private static string[] FilesUnder(string directory) =>
        Directory.EnumerateFiles(directory, "*", SearchOption.AllDirectories)
            .Select(f => Path.GetRelativePath(directory, f).Replace('\\', '/')).OrderBy(f => f, StringComparer.Ordinal).ToArray();

    [TestMethod]
    [DataRow(true)]
    [DataRow(false)]
    public void NamesAreCleanedAsOpenTofuPlacesThemAndTheH1IsOfTheFilesOnDisk(bool streaming)
    {
        using var temp = new TempFolder();
        var zip = new TestZipWriter()
            .Add("./run.sh", "#!/bin/sh\n")
            .Add("docs//guide.md", "guide\n")
            .Add("notes/.", "a file named notes\n")
            .AddDirectory("./")
            .ToBytes();
        var target = temp.Combine("out");

        var h1 = Extract(streaming, zip, target);

        CollectionAssert.AreEqual(new[] { "docs/guide.md", "notes", "run.sh" }, FilesUnder(target));
        Assert.AreEqual("a file named notes\n", File.ReadAllText(Path.Combine(target, "notes")));
        Assert.AreEqual(PackageHasher.ComputeH1FromDirectory(target), h1);
    }

    [TestMethod]
    [DataRow(true)]
    [DataRow(false)]
    public void TwoSpellingsOfOneFileKeepTheLastAsOpenTofuDoes(bool streaming)
    {
        using var temp = new TempFolder();
        var zip = new TestZipWriter().Add("x.txt", "first\n").Add("./x.txt", "second\n").ToBytes();
        var target = temp.Combine("out");

        var h1 = Extract(streaming, zip, target);

        CollectionAssert.AreEqual(new[] { "x.txt" }, FilesUnder(target));
        Assert.AreEqual("second\n", File.ReadAllText(Path.Combine(target, "x.txt")));
        Assert.AreEqual(PackageHasher.ComputeH1FromDirectory(target), h1);
    }

    [TestMethod]
    [DataRow(true, "README", "readme")]
    [DataRow(false, "README", "readme")]
    [DataRow(true, "Docs/a.md", "docs/b.md")]
    [DataRow(false, "Docs/a.md", "docs/b.md")]
    public void NamesDifferingOnlyInCaseAreRefused(bool streaming, string first, string second)
    {
        using var temp = new TempFolder();
        var zip = new TestZipWriter().Add(first, "one\n").Add(second, "two\n").ToBytes();

        var e = Assert.ThrowsExactly<UnsafeZipEntryException>(() => Extract(streaming, zip, temp.Combine("out")));

        Assert.AreEqual(second, e.EntryName);
        StringAssert.Contains(e.Message, "only in letter case");
    }

    [TestMethod]
    [DataRow(true)]
    [DataRow(false)]
    public void AFileNamedAsTheTargetFolderItselfIsRefused(bool streaming)
    {
        using var temp = new TempFolder();
        var zip = new TestZipWriter().Add("./.", "x").ToBytes();

        var e = Assert.ThrowsExactly<UnsafeZipEntryException>(() => Extract(streaming, zip, temp.Combine("out")));

        StringAssert.Contains(e.Message, "target folder itself");
    }

    [TestMethod]
    public void TheStreamingExtractorChecksEachEntrysCrc32()
    {
        using var temp = new TempFolder();
        var zip = new TestZipWriter().Add("a.txt", "genuine\n").ToBytes();
        Corrupt(zip, "genuine", "GENUINE");

        var e = Assert.ThrowsExactly<InconsistentZipException>(() => Extract(true, zip, temp.Combine("out")));

        StringAssert.Contains(e.Message, "CRC-32");
    }

    [TestMethod]
    public void TheSeekableExtractorChecksEachEntrysCrc32()
    {
        using var temp = new TempFolder();
        var zip = new TestZipWriter().Add("a.txt", "genuine\n").ToBytes();
        Corrupt(zip, "genuine", "GENUINE");

        var e = Assert.ThrowsExactly<InvalidDataException>(() => Extract(false, zip, temp.Combine("out")));

        StringAssert.Contains(e.Message, "CRC-32");
    }

    private static void Corrupt(byte[] zip, string from, string to)
    {
        var at = Encoding.ASCII.GetString(zip).IndexOf(from, StringComparison.Ordinal);
        Encoding.ASCII.GetBytes(to).CopyTo(zip, at);
    }
}
