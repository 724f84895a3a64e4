using System.Linq;
using Microsoft.VisualStudio.TestTools.UnitTesting;
using TofuMirror.Model.Locks;
using TofuMirror.Model.Addresses;
using TofuMirror.Model.Hashing;
using TofuMirror.Model.Versions;

namespace TofuMirror.Model.Tests.Locks;

[TestClass]
public sealed class LockFileWriterTests
{
    // OpenTofu's depsfile TestSaveLocksToFile (spec case 48), with OpenTofu's current default host and header.
    private const string Expected =
        "# This file is maintained automatically by \"tofu init\".\n" +
        "# Manual edits may be lost in future updates.\n" +
        "\n" +
        "provider \"registry.opentofu.org/test/bar\" {\n" +
        "  version     = \"1.2.0\"\n" +
        "  constraints = \"~> 1.0\"\n" +
        "}\n" +
        "\n" +
        "provider \"registry.opentofu.org/test/baz\" {\n" +
        "  version = \"1.2.0\"\n" +
        "}\n" +
        "\n" +
        "provider \"registry.opentofu.org/test/boo\" {\n" +
        "  version     = \"1.2.0\"\n" +
        "  constraints = \"1.2.0\"\n" +
        "}\n" +
        "\n" +
        "provider \"registry.opentofu.org/test/foo\" {\n" +
        "  version     = \"1.0.0\"\n" +
        "  constraints = \">= 1.0.0\"\n" +
        "  hashes = [\n" +
        "    \"test:aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa\",\n" +
        "    \"test:bbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb\",\n" +
        "    \"test:cccccccccccccccccccccccccccccccccccccccccccccccc\",\n" +
        "  ]\n" +
        "}\n";

    [TestMethod]
    public void Write_MatchesOpenTofusBytes_ForTheDepsfileFixture()
    {
        var hashes = new[] { "test:" + new string('c', 48), "test:" + new string('b', 48), "test:" + new string('a', 48) }
            .Select(PackageHash.Parse).ToList();
        var lockFile = new LockFile(
        [
            new ProviderLock(ProviderAddress.Parse("test/foo"), ProviderVersion.Parse("1.0.0"), VersionConstraints.Parse(">= 1.0.0"), hashes),
            new ProviderLock(ProviderAddress.Parse("test/bar"), ProviderVersion.Parse("1.2.0"), VersionConstraints.Parse("~> 1"), []),
            new ProviderLock(ProviderAddress.Parse("test/baz"), ProviderVersion.Parse("1.2.0"), null, []),
            new ProviderLock(ProviderAddress.Parse("test/boo"), ProviderVersion.Parse("1.2.0"), VersionConstraints.Parse("1.2"), []),
        ]);

        Assert.AreEqual(Expected, LockFileWriter.Write(lockFile));
    }

    [TestMethod]
    public void Write_EmptyLockFile_IsJustTheHeader() =>
        Assert.AreEqual(
            "# This file is maintained automatically by \"tofu init\".\n# Manual edits may be lost in future updates.\n",
            LockFileWriter.Write(LockFile.Empty));

    [TestMethod]
    public void ReadThenWrite_OfAnOpenTofuWrittenFile_ChangesNothing()
    {
        var read = LockFileReader.Read(Expected, "x.hcl");

        Assert.IsFalse(read.HasErrors, string.Join("\n", read.Diagnostics));
        Assert.AreEqual(Expected, LockFileWriter.Write(read.LockFile));
    }

    [TestMethod]
    public void Write_SortsAndDeduplicatesHashes_H1BeforeZh()
    {
        var hashes = new[] { "zh:01", "h1:b", "zh:01", "h1:a" }.Select(PackageHash.Parse).ToList();
        var lockFile = new LockFile([new ProviderLock(ProviderAddress.Parse("hashicorp/null"), ProviderVersion.Parse("3.2.1"), null, hashes)]);

        var text = LockFileWriter.Write(lockFile);

        StringAssert.Contains(text, "  version = \"3.2.1\"\n  hashes = [\n    \"h1:a\",\n    \"h1:b\",\n    \"zh:01\",\n  ]\n}\n");
    }

    [TestMethod]
    public void Write_OrdersProvidersByHostnameNamespaceType()
    {
        var lockFile = new LockFile(
        [
            new ProviderLock(ProviderAddress.Parse("registry.opentofu.org/b/a"), ProviderVersion.Parse("1.0.0"), null, []),
            new ProviderLock(ProviderAddress.Parse("example.com/z/z"), ProviderVersion.Parse("1.0.0"), null, []),
            new ProviderLock(ProviderAddress.Parse("registry.opentofu.org/a/b"), ProviderVersion.Parse("1.0.0"), null, []),
        ]);

        var labels = LockFileWriter.Write(lockFile).Split('\n').Where(l => l.StartsWith("provider ")).ToList();

        CollectionAssert.AreEqual(new[]
        {
            "provider \"example.com/z/z\" {",
            "provider \"registry.opentofu.org/a/b\" {",
            "provider \"registry.opentofu.org/b/a\" {",
        }, labels);
    }

    [TestMethod]
    public void Quote_EscapesTemplateSequencesAndSpecialCharacters() =>
        Assert.AreEqual("\"a$${b}%%{c}\\\"\\\\\\n\"", LockFileWriter.Quote("a${b}%{c}\"\\\n"));
}
