using System.Linq;
using Microsoft.VisualStudio.TestTools.UnitTesting;
using TofuMirror.Model.Diagnostics;
using TofuMirror.Model.Hashing;
using TofuMirror.Model.Packages;
using TofuMirror.Model.Platforms;

namespace TofuMirror.Model.Tests;

[TestClass]
public sealed class ShaSumsFileTests
{
    private const string LinuxHash = "5f9c7aa76b7c34d722fc9123208e26b22d60440cb47150dd04733b9b94f4541a";
    private const string DarwinHash = "c8b1d1c0a6ed4fbd4ac7ae2a42fb1b4a1e7ab58b8c8c5bb4ee0de3dfe66b1d73";
    private const string ManifestHash = "0e5ba9ffd7c1f0c5b6f1a1e2c3d4e5f60718293a4b5c6d7e8f90a1b2c3d4e5f6";

    [TestMethod]
    public void Parses_sha256sum_output_with_two_spaces_binary_marker_crlf_and_trailing_blank_line()
    {
        var text = $"{LinuxHash}  terraform-provider-random_3.6.0_linux_amd64.zip\r\n"
                   + $"{DarwinHash.ToUpperInvariant()} *terraform-provider-random_3.6.0_darwin_arm64.zip\r\n"
                   + $"{ManifestHash}  terraform-provider-random_3.6.0_manifest.json\r\n\r\n";

        var sums = ShaSumsFile.Parse(text, "SHA256SUMS", out var diagnostics);

        Assert.AreEqual(0, diagnostics.Count);
        Assert.IsNotNull(sums);
        Assert.AreEqual(LinuxHash, sums.Find("terraform-provider-random_3.6.0_linux_amd64.zip"));
        Assert.AreEqual(DarwinHash, sums.Find("terraform-provider-random_3.6.0_darwin_arm64.zip"));
        Assert.AreEqual(ManifestHash, sums.Find("terraform-provider-random_3.6.0_manifest.json"));
        Assert.IsNull(sums.Find("terraform-provider-random_3.6.0_windows_amd64.zip"));
        Assert.AreEqual(3, sums.Entries.Count());
    }

    [TestMethod]
    public void Maps_every_provider_zip_line_to_a_zh_hash_for_its_platform()
    {
        var text = $"{LinuxHash}  terraform-provider-random_3.6.0_linux_amd64.zip\n"
                   + $"{DarwinHash}  terraform-provider-random_3.6.0_darwin_arm64.zip\n"
                   + $"{ManifestHash}  terraform-provider-random_3.6.0_manifest.json\n";
        var sums = ShaSumsFile.Parse(text, "SHA256SUMS", out _)!;

        var hashes = sums.ZipHashesByPlatform("random");

        Assert.AreEqual(2, hashes.Count);
        Assert.AreEqual(PackageHash.Parse("zh:" + LinuxHash), hashes[Platform.Parse("linux_amd64")]);
        Assert.AreEqual(PackageHash.Parse("zh:" + DarwinHash), hashes[Platform.Parse("darwin_arm64")]);
        Assert.AreEqual(0, sums.ZipHashesByPlatform("aws").Count);
    }

    [TestMethod]
    [DataRow("not-a-hash  terraform-provider-random_3.6.0_linux_amd64.zip")]
    [DataRow(LinuxHash + "terraform-provider-random_3.6.0_linux_amd64.zip")]
    [DataRow(LinuxHash + "  ")]
    [DataRow("g" + "f9c7aa76b7c34d722fc9123208e26b22d60440cb47150dd04733b9b94f4541a  file.zip")]
    public void A_malformed_line_is_an_error_naming_the_source_and_line(string badLine)
    {
        var text = $"{DarwinHash}  terraform-provider-random_3.6.0_darwin_arm64.zip\n{badLine}\n";

        var sums = ShaSumsFile.Parse(text, "https://example.test/SHA256SUMS", out var diagnostics);

        Assert.IsNull(sums);
        var diagnostic = diagnostics.Single();
        Assert.AreEqual(DiagnosticCodes.ShaSumsInvalid, diagnostic.Code);
        Assert.AreEqual("https://example.test/SHA256SUMS", diagnostic.Subject!.Value.FileName);
        Assert.AreEqual(2, diagnostic.Subject!.Value.Start.Line);
        StringAssert.Contains(diagnostic.Detail, "line 2");
    }

    [TestMethod]
    public void The_same_file_with_two_different_hashes_is_an_error()
    {
        var text = $"{LinuxHash}  a.zip\n{DarwinHash}  b.zip\n{DarwinHash}  a.zip\n";

        var sums = ShaSumsFile.Parse(text, "SHA256SUMS", out var diagnostics);

        Assert.IsNull(sums);
        Assert.AreEqual(3, diagnostics.Single().Subject!.Value.Start.Line);
        StringAssert.Contains(diagnostics.Single().Detail, "a.zip");
    }

    [TestMethod]
    public void The_same_file_listed_twice_with_the_same_hash_is_accepted()
    {
        var sums = ShaSumsFile.Parse($"{LinuxHash}  a.zip\n{LinuxHash} *a.zip\n", "SHA256SUMS", out var diagnostics);

        Assert.AreEqual(0, diagnostics.Count);
        Assert.AreEqual(LinuxHash, sums!.Find("a.zip"));
    }

    [TestMethod]
    public void Logging_commands_in_a_bad_line_are_neutralised()
    {
        ShaSumsFile.Parse("##vso[task.setvariable variable=x]1\n", "SHA256SUMS", out var diagnostics);

        Assert.IsFalse(diagnostics.Single().Detail!.Contains("##vso["));
    }
}
