using System.IO;
using System.IO.Compression;
using Microsoft.VisualStudio.TestTools.UnitTesting;
using TofuMirror.Engine.Hashing;
using TofuMirror.Engine.Zip;
using TofuMirror.Engine.Tests.Hashing;

namespace TofuMirror.Engine.Tests.Zip;

[TestClass]
public sealed class ExtractAndHashTests
{
    [TestMethod]
    public void ExtractAndHash_GivesTheFolderH1_InOnePass()
    {
        var work = Directory.CreateTempSubdirectory("tofumirror-extract-").FullName;
        try
        {
            var zip = Path.Combine(work, "p.zip");
            using (var archive = ZipFile.Open(zip, ZipArchiveMode.Create))
            {
                Write(archive, "terraform-provider-demo_v1.0.0", "#!/bin/sh\necho demo\n");
                Write(archive, "README.md", "hello\n");
                archive.CreateEntry("docs/");
                Write(archive, "docs/guide.md", "# guide\n");
                Write(archive, "README.md", "hello again\n"); // a duplicate name: the last one wins, on disk and in the hash
            }

            var h1 = SafeZipExtractor.ExtractAndHash(zip, Path.Combine(work, "out"));

            Assert.AreEqual(PackageHasher.ComputeH1FromDirectory(Path.Combine(work, "out")), h1);
            Assert.AreEqual("hello again\n", File.ReadAllText(Path.Combine(work, "out", "README.md")));
        }
        finally
        {
            Directory.Delete(work, recursive: true);
        }
    }

    [TestMethod]
    public void ExtractAndHash_RejectsEscapingEntries_BeforeWritingAnything()
    {
        var work = Directory.CreateTempSubdirectory("tofumirror-extract-").FullName;
        try
        {
            var zip = Path.Combine(work, "p.zip");
            using (var archive = ZipFile.Open(zip, ZipArchiveMode.Create))
            {
                Write(archive, "ok.txt", "fine\n");
                Write(archive, "../evil.txt", "no\n");
            }

            Assert.ThrowsExactly<UnsafeZipEntryException>(() => SafeZipExtractor.ExtractAndHash(zip, Path.Combine(work, "out")));
            Assert.IsFalse(File.Exists(Path.Combine(work, "evil.txt")));
            Assert.IsFalse(Directory.Exists(Path.Combine(work, "out")));
        }
        finally
        {
            Directory.Delete(work, recursive: true);
        }
    }

    private static void Write(ZipArchive archive, string name, string content)
    {
        using var writer = new StreamWriter(archive.CreateEntry(name).Open());
        writer.Write(content);
    }
}
